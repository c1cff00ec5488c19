import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seeded } from './rows.ts';

/** What the proxy may do to each request, as probabilities in [0, 1] (seeded: the schedule repeats). */
export interface ProxyFaults {
  seed?: number;
  /** Close the connection without forwarding: the receiver never sees the request. */
  dropRequest?: number;
  /** Forward, let the receiver commit, then close the connection: the sender never sees the reply. */
  dropReply?: number;
  /** Send the same request twice at once; the sender gets one of the replies. */
  duplicate?: number;
  /** Later replay an older request (it arrives out of order, after newer ones). */
  replayOld?: number;
  /** Hold a request or reply up to this many ms. */
  maxDelayMs?: number;
  /** Answer this status without forwarding when the body is larger (a small reverse proxy's limit). */
  maxBodyBytes?: number;
  /** Answer this status without forwarding (e.g. 426), or null to forward. */
  answer?: (req: { method: string; url: string; body: Buffer }) => number | null;
}

export interface Proxy {
  url: string;
  faults: ProxyFaults;
  stats: Record<
    'requests' | 'droppedRequests' | 'droppedReplies' | 'duplicated' | 'replayed' | 'answered',
    number
  >;
  /** Row counts of every push batch seen, in order. */
  batchSizes: number[];
  /** The status of every push reply the sender was sent (the proxy's own answers included), in order. */
  pushStatuses: number[];
  /** Turns the link off (every connection refused at once) or on. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

interface Captured {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** An HTTP proxy between a sender and a receiver that injects faults (DESIGN §4 fault tests). */
export async function startProxy(target: string, faults: ProxyFaults = {}): Promise<Proxy> {
  const random = seeded(faults.seed ?? 1);
  const chance = (p: number | undefined) => p !== undefined && p > 0 && random() < p;
  const t = new URL(target);
  const stats: Proxy['stats'] = {
    requests: 0,
    droppedRequests: 0,
    droppedReplies: 0,
    duplicated: 0,
    replayed: 0,
    answered: 0,
  };
  const batchSizes: number[] = [];
  const pushStatuses: number[] = [];
  const history: Captured[] = [];
  let down = false;
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => undefined);
    return p;
  };

  const forward = (c: Captured) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers = { ...c.headers, host: t.host, connection: 'close' };
      const req = http.request(
        { host: t.hostname, port: t.port, method: c.method, path: c.url, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(c.body);
    });
  const delay = () =>
    faults.maxDelayMs
      ? new Promise((r) => setTimeout(r, Math.floor(random() * faults.maxDelayMs!)))
      : undefined;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      void track(
        (async () => {
          const c: Captured = {
            method: req.method ?? 'GET',
            url: req.url ?? '/',
            headers: req.headers,
            body: Buffer.concat(chunks),
          };
          stats.requests++;
          if (down) return void res.socket?.destroy();
          const isPush = c.url.startsWith('/sync/v1/push');
          if (isPush && c.body.length > 0) {
            try {
              batchSizes.push((JSON.parse(c.body.toString('utf8')) as { rows: unknown[] }).rows.length);
            } catch {
              batchSizes.push(-1);
            }
          }
          const status =
            faults.answer?.(c) ?? (faults.maxBodyBytes && c.body.length > faults.maxBodyBytes ? 413 : null);
          if (status !== null) {
            stats.answered++;
            if (isPush) pushStatuses.push(status);
            res.writeHead(status, { 'content-type': 'application/json' });
            return void res.end(
              JSON.stringify({ error: { code: `E_PROXY_${status}`, message: `proxy answered ${status}` } }),
            );
          }
          await delay();
          if (chance(faults.dropRequest)) {
            stats.droppedRequests++;
            return void res.socket?.destroy();
          }
          if (chance(faults.replayOld) && history.length > 0) {
            // An old request arrives after newer ones (reordered); its reply goes nowhere.
            stats.replayed++;
            const old = history[Math.floor(random() * history.length)]!;
            await forward(old).catch(() => undefined);
          }
          if (c.method === 'POST') history.push(c);
          if (history.length > 50) history.shift();
          let reply;
          try {
            if (chance(faults.duplicate)) {
              stats.duplicated++;
              const [a] = await Promise.allSettled([forward(c), forward(c)]);
              if (a.status === 'rejected') throw a.reason;
              reply = a.value;
            } else reply = await forward(c);
          } catch {
            return void res.socket?.destroy();
          }
          await delay();
          if (chance(faults.dropReply)) {
            stats.droppedReplies++;
            return void res.socket?.destroy();
          }
          if (isPush) pushStatuses.push(reply.status);
          const headers = { ...reply.headers };
          delete headers['transfer-encoding'];
          delete headers.connection;
          res.writeHead(reply.status, headers);
          res.end(reply.body);
        })(),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    faults,
    stats,
    batchSizes,
    pushStatuses,
    setDown: (d) => {
      down = d;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await Promise.allSettled([...pending]);
    },
  };
}
