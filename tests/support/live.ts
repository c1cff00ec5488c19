import WebSocket from 'ws';

/** A screen listening on /api/v1/events: every message it got, and a way to wait for one. */
export interface Listener {
  messages: { type: string; [k: string]: unknown }[];
  next(match: (m: { type: string; [k: string]: unknown }) => boolean, timeoutMs?: number): Promise<unknown>;
  closed: Promise<{ code: number; reason: string }>;
  /** What a (hostile) client sends; the node only listens to it to drop it. */
  send(data: string | Buffer): void;
  close(): void;
}

export function listen(baseUrl: string, token: string): Promise<Listener> {
  const socket = new WebSocket(
    `${baseUrl.replace(/^http/, 'ws')}/api/v1/events?token=${encodeURIComponent(token)}`,
  );
  const messages: Listener['messages'] = [];
  const waiters: { match: (m: Listener['messages'][number]) => boolean; resolve: (m: unknown) => void }[] =
    [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString()) as Listener['messages'][number];
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.match(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const listener: Listener = {
    messages,
    closed,
    close: () => socket.close(),
    send: (data) => socket.send(data),
    next: (match, timeoutMs = 5_000) => {
      const seen = messages.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching event arrived')), timeoutMs);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(listener));
    socket.once('error', reject);
  });
}
