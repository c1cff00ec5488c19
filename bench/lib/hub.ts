import { createServer } from 'node:net';
import { Client } from './http.ts';
import { scratchDir } from './dirs.ts';
import type { Started } from '../../tests/support/child.ts';
import type { ReadyLine } from '../../shared/readyLine.ts';
import { startBenchChild } from './proc.ts';
import { startHallNode, type HallNode } from '../../hall/node.ts';
import { ManualClock } from '../../shared/runtime.ts';

export const DEMO_PIN = '123456';

/** A demo start's ready line carries the demo kiosk's and display's tokens (bench/child/hall.ts). */
interface DemoTokens {
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
  let child: Started<ReadyLine & DemoTokens>;
  try {
    child = await startBenchChild<DemoTokens>('hall', { dataDir: scratch.dir, demo: true });
  } catch (error) {
    scratch.remove();
    throw error;
  }
  const { url } = child;
  const clients: Client[] = [];
  return {
    url,
    pid: child.pid,
    kiosk: child.line.kiosk!,
    display: child.line.display!,
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

/** A demo hub and a station (each in its own process) paired for one counter, as a counter PC is. */
export interface HubWithStation {
  hub: DemoHub;
  stationUrl: string;
  /** The station's process, for its CPU time. */
  stationPid: number;
  /** A client signed in at the station as a clerk at its counter. */
  clerk(staffNo: string): Promise<Client>;
  stop(): Promise<void>;
}

export async function startHubWithStation(counterNo: number): Promise<HubWithStation> {
  const hub = await startDemoHub();
  const stationDir = scratchDir('station');
  const clients: Client[] = [];
  let station: Started<ReadyLine> | null = null;
  const stop = async () => {
    for (const c of clients) c.close();
    await station?.stop();
    await hub.stop();
    stationDir.remove();
  };
  try {
    const manager = new Client(hub.url);
    clients.push(manager);
    const login = (c: Client, staffNo: string, counter?: number) =>
      c.expect<{ token: string }>(200, 'POST', '/api/v1/auth/login', {
        staffNo,
        pin: DEMO_PIN,
        counterNo: counter,
      });
    manager.setToken((await login(manager, '9001')).token);
    const { code } = await manager.expect<{ code: string }>(201, 'POST', '/api/v1/devices/pairing-codes', {
      role: 'counter',
      name: `Counter ${counterNo} PC`,
      counterNo,
    });
    station = await startBenchChild('hall', { dataDir: stationDir.dir, hub: { url: hub.url, code } });
    const stationUrl = station.url;
    return {
      hub,
      stationUrl,
      stationPid: station.pid,
      clerk: async (staffNo) => {
        const c = new Client(stationUrl);
        clients.push(c);
        c.setToken((await login(c, staffNo, counterNo)).token);
        return c;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
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

/**
 * A demo hall node in the bench's own process on a manual clock, with no timers and no sync, for
 * figures that seed a long history through the writer and then time one thing (issues 11 and 12).
 */
export function inProcessDemoHall(dataDir: string, clock: ManualClock): Promise<HallNode> {
  return startHallNode({
    dataDir,
    port: 0,
    demo: true,
    timers: false,
    sync: false,
    logLevel: 'warn',
    clock,
    chainCheckDelayMs: 60 * 60_000,
  });
}

/**
 * Runs a figure on an inProcessDemoHall at `start` in a scratch directory named for the figure; the
 * node is closed and the directory removed after, whether the figure was taken or not.
 */
export async function onInProcessDemoHall<T>(
  name: string,
  start: number,
  figure: (hall: { node: HallNode; clock: ManualClock; dir: string }) => Promise<T>,
): Promise<T> {
  const scratch = scratchDir(name);
  const clock = new ManualClock(start);
  const node = await inProcessDemoHall(scratch.dir, clock);
  try {
    return await figure({ node, clock, dir: scratch.dir });
  } finally {
    await node.close();
    scratch.remove();
  }
}
