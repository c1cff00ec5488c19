import type { LiveEvent } from '../../../shared/api/events.ts';

export type LiveStatus = 'connecting' | 'open' | 'down';

/**
 * The node's live events over WebSocket. Reconnects by itself with backoff (0.5 s doubling to 10 s,
 * with jitter); a screen refetches its state whenever the status returns to 'open'.
 */
export function connectLive(opts: {
  token: string;
  onEvent: (e: LiveEvent | { type: string; at: number }) => void;
  onStatus: (s: LiveStatus) => void;
}): () => void {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const open = () => {
    opts.onStatus('connecting');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/events?token=${encodeURIComponent(opts.token)}`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      opts.onStatus('open');
    };
    socket.onmessage = (m) => {
      try {
        opts.onEvent(JSON.parse(String(m.data)) as LiveEvent);
      } catch {
        // a malformed message is ignored; the next refetch corrects the screen
      }
    };
    socket.onclose = () => {
      if (closed) return;
      opts.onStatus('down');
      const wait = Math.min(10_000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt++;
      timer = setTimeout(open, wait);
    };
  };
  open();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    socket?.close();
  };
}
