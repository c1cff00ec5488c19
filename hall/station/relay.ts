import WebSocket from 'ws';
import type { HallContext } from '../context.ts';
import type { Live } from '../live/broadcast.ts';
import { markUpstream, upstreams } from '../sync/upstreams.ts';

/**
 * A station's screens have one origin (DESIGN §1): the station keeps a WebSocket to its hub and
 * relays the hub's queue events to them, reconnecting with backoff when the hub goes away.
 */
export function relayHubEvents(ctx: HallContext, live: Live): { stop(): void } {
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;

  const connect = () => {
    const hub = upstreams(ctx.db).find((u) => u.name === 'hub');
    if (!hub || stopped) return;
    const url = `${hub.url.replace(/^http/, 'ws')}/api/v1/events?token=${encodeURIComponent(hub.token)}`;
    socket = new WebSocket(url);
    socket.on('open', () => {
      attempt = 0;
      markUpstream(ctx.db, 'hub', true, ctx.clock.now(), null);
    });
    socket.on('message', (data) => live.publish(String(data)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (stopped) return;
      markUpstream(ctx.db, 'hub', false, ctx.clock.now(), 'hub events: connection lost');
      live.publish(JSON.stringify({ type: 'hub.unreachable', at: ctx.clock.now() }));
      attempt++;
      timer = setTimeout(connect, Math.min(10_000, 250 * 2 ** attempt));
      timer.unref();
    });
  };
  connect();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.close();
    },
  };
}
