import { createServer } from 'node:net';
import { Client } from './http.ts';
import { scratchDir } from './dirs.ts';
import { startChild, type Child } from './proc.ts';

export const DEMO_PIN = '123456';

interface HallReady {
  url: string;
  pid: number;
  kiosk?: string;
  display?: string;
}

/** A demo hub in its own process with a fresh data directory (the demo hall: counters 1–6, clerks 1001–1006). */
export interface DemoHub {
  url: string;
  pid: number;
  kiosk: string;
  display: string;
  /** A client signed in as a clerk at a counter. */
  clerk(staffNo: string, counterNo: number): Promise<Client>;
  stop(): Promise<void>;
}

export async function startDemoHub(): Promise<DemoHub> {
  const scratch = scratchDir('hub');
  let child: Child<HallReady>;
  try {
    child = await startChild<HallReady>('hall', { dataDir: scratch.dir, demo: true });
  } catch (error) {
    scratch.remove();
    throw error;
  }
  const { url } = child.ready;
  const clients: Client[] = [];
  return {
    url,
    pid: child.pid,
    kiosk: child.ready.kiosk!,
    display: child.ready.display!,
    clerk: async (staffNo, counterNo) => {
      const c = new Client(url);
      const { token } = await c.expect<{ token: string }>(200, 'POST', '/api/v1/auth/login', {
        staffNo,
        pin: DEMO_PIN,
        counterNo,
      });
      c.setToken(token);
      clients.push(c);
      return c;
    },
    stop: async () => {
      for (const c of clients) c.close();
      await child.stop();
      scratch.remove();
    },
  };
}

/** A port free right now (for a child whose address must be known before it is up). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
