import type { Figure } from './lib/figure.ts';
import { figure } from './lib/figure.ts';
import { Client } from './lib/http.ts';
import { startHubWithStation } from './lib/hub.ts';
import { durableCommits } from './lib/sqlite.ts';
import { percentile } from './lib/stats.ts';

/**
 * Issue 12's figure: a rating press on a station, from the pad's request to its acknowledgement (the
 * rating durable in the station's journal before the 201), p99 < 50 ms, beside raw durable SQLite
 * single-row commits' p99 in the same run. Each press answers a fresh request (one per ticket), made
 * by the clerk untimed before it. Presses are 700 ms apart: four within 2 s at one counter are a burst
 * (misuse) by the rule, and a counter's customers do not rate faster than that.
 */
const PRESSES = Number(process.env.BENCH_RATING_PRESSES) || 80;
const GAP_MS = 700;

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const env = await startHubWithStation(1);
  const pad = new Client(env.stationUrl);
  try {
    const clerk = await env.clerk('1001');
    const screen = await clerk.expect<{ code: string }>(201, 'POST', '/api/v1/counters/1/screens', {
      kind: 'pad',
    });
    pad.setToken(
      (await pad.expect<{ token: string }>(201, 'POST', '/api/v1/screens/pair', { code: screen.code })).token,
    );
    const latencies: number[] = [];
    for (let i = 0; i < PRESSES + 5; i++) {
      const { requestId } = await clerk.expect<{ requestId: string }>(
        201,
        'POST',
        '/api/v1/counters/1/rating-requests',
        { ticketId: `bench-ticket-${i}`, ticketNumber: `A${String(i).padStart(3, '0')}` },
      );
      const t0 = performance.now();
      // With its Idempotency-Key, as the screens' client sends every press (the reply is stored with it).
      const r = await pad.send('POST', '/api/v1/ratings', JSON.stringify({ requestId, level: 'satisfied' }), {
        'idempotency-key': `bench-press-${i}`,
      });
      const ms = performance.now() - t0;
      if (r.status !== 201) throw new Error(`press ${i}: ${r.status} ${JSON.stringify(r.body)}`);
      if (i >= 5) latencies.push(ms); // the first few warm the route up
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    const raw = durableCommits(2);
    const p99 = percentile(latencies, 99);
    log(
      `  ${latencies.length} rating presses on a station: p50 ${percentile(latencies, 50).toFixed(2)} ms, ` +
        `p99 ${p99.toFixed(2)} ms; raw durable commit p99 ${raw.p99Ms.toFixed(2)} ms`,
    );
    return [
      figure({
        name: 'Rating press → durable record → pad acknowledgement on a station, p99',
        unit: 'ms',
        value: p99,
        baseline: raw.p99Ms,
        baselineName: 'raw durable commit p99 ms',
        target: { on: 'value', op: '<', limit: 50 },
        note: `${latencies.length} presses over HTTP by a pad paired with the station (child process), ${GAP_MS} ms apart, each with an Idempotency-Key`,
      }),
    ];
  } finally {
    pad.close();
    await env.stop();
  }
}
