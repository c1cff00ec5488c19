import WebSocket from 'ws';
import type { Figure } from './lib/figure.ts';
import { figure } from './lib/figure.ts';
import { Client } from './lib/http.ts';
import { startDemoHub } from './lib/hub.ts';
import { percentile } from './lib/stats.ts';
import { sleep } from './lib/env.ts';

/**
 * Issue 3: a counter calls; how long until each of 20 connected screens (WebSocket /api/v1/events)
 * has the `ticket.called` event? One sample per call and screen.
 *
 * The hub sends the event in the same turn as it answers the call, just before the reply, so "from the
 * counter's reply" is almost always 0 ms here and could not fail. The figure is therefore measured from
 * when the counter *sends* call-next: an upper bound that includes the durable commit of the call.
 * The from-reply p99 is printed and kept in the note.
 */
const SCREENS = 20;
const CALLS = 150;

interface Screen {
  socket: WebSocket;
  seen: Map<string, number>;
}

function connect(wsUrl: string): Promise<Screen> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl);
    const seen = new Map<string, number>();
    socket.on('message', (data) => {
      const at = performance.now();
      const event = JSON.parse(String(data)) as { type: string; ticket?: { id: string } };
      if (event.type === 'hello') resolve({ socket, seen });
      if (event.type === 'ticket.called' && event.ticket) seen.set(event.ticket.id, at);
    });
    socket.once('error', reject);
  });
}

async function allSeen(screens: Screen[], ticketId: string, timeoutMs = 5000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!screens.every((s) => s.seen.has(ticketId))) {
    if (performance.now() > until)
      throw new Error(`ticket.called for ${ticketId} did not reach every screen`);
    await sleep(1);
  }
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const hub = await startDemoHub();
  const screens: Screen[] = [];
  try {
    const wsUrl = `${hub.url.replace(/^http/, 'ws')}/api/v1/events?token=${hub.display}`;
    for (let i = 0; i < SCREENS; i++) screens.push(await connect(wsUrl));
    const kiosk = new Client(hub.url, hub.kiosk);
    const clerks = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => hub.clerk(`100${n}`, n)));

    const health: number[] = [];
    const anon = new Client(hub.url);
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      await anon.expect(200, 'GET', '/api/v1/health');
      health.push(performance.now() - t);
    }
    anon.close();

    const delays: number[] = [];
    const fromSend: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const counterNo = (i % 6) + 1;
      const clerk = clerks[counterNo - 1]!;
      await kiosk.expect(201, 'POST', '/api/v1/tickets', { serviceCode: 'C' });
      const sent = performance.now();
      const ticket = await clerk.expect<{ id: string }>(
        200,
        'POST',
        `/api/v1/counters/${counterNo}/call-next`,
      );
      const replied = performance.now();
      await allSeen(screens, ticket.id);
      for (const s of screens) {
        const at = s.seen.get(ticket.id)!;
        delays.push(Math.max(0, at - replied));
        fromSend.push(at - sent);
      }
      await clerk.expect(200, 'POST', `/api/v1/tickets/${ticket.id}/finish`, {});
    }
    kiosk.close();
    const p99 = percentile(fromSend, 99);
    const healthP99 = percentile(health, 99);
    log(
      `  ${CALLS} calls × ${SCREENS} screens: from sending the call p50 ${percentile(fromSend, 50).toFixed(1)} ms, ` +
        `p99 ${p99.toFixed(1)} ms; after the reply p99 ${percentile(delays, 99).toFixed(1)} ms; ` +
        `GET /health p99 ${healthP99.toFixed(1)} ms`,
    );
    return [
      figure({
        name: 'Call → display, 20 WS screens, p99',
        unit: 'ms',
        value: p99,
        baseline: healthP99,
        baselineName: 'GET /health round trip p99 ms',
        target: { on: 'value', op: '<', limit: 50 },
        note: `${fromSend.length} samples, from sending call-next; after its reply: p99 ${percentile(delays, 99).toFixed(1)} ms`,
      }),
    ];
  } finally {
    for (const s of screens) s.socket.close();
    await hub.stop();
  }
}
