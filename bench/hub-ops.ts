import type { Figure } from './lib/figure.ts';
import { figure } from './lib/figure.ts';
import { Client } from './lib/http.ts';
import { RawConnection } from './lib/rawHttp.ts';
import { startDemoHub } from './lib/hub.ts';
import { durableCommits } from './lib/sqlite.ts';
import { envSeconds, sleep } from './lib/env.ts';
import { percentile } from './lib/stats.ts';

/**
 * Issue 3: hub ticket operations over HTTP with 8 concurrent clients — two kiosks issuing and six
 * clerks at counters 1–6 calling, starting and finishing — first closed-loop (as fast as they go: the
 * maximum rate), then open-loop at half that rate for the p99 latency. Latency in the open loop is
 * measured from when an operation was due, not when it was sent (no coordinated omission).
 */
const SERVICE = 'C'; // every demo counter serves enquiries, so no counter starves
const SEED_TICKETS = 40;

interface Tally {
  ops: number;
  emptyCalls: number;
  errors: number;
  latencies: number[];
}

type Pace = (client: number, k: number) => Promise<number>;

/** Runs the eight clients until `until`; `pace` returns when op k of a client is due (and waits for it). */
async function drive(kiosks: RawConnection[], clerks: RawConnection[], until: number, pace: Pace) {
  const tally: Tally = { ops: 0, emptyCalls: 0, errors: 0, latencies: [] };
  const timed = async (due: number, op: () => Promise<number>, ok: number[]) => {
    const status = await op();
    if (ok.includes(status)) tally.latencies.push(performance.now() - due);
    else tally.errors++;
    return status;
  };
  const issuer = async (c: RawConnection, id: number) => {
    for (let k = 0; performance.now() < until; k++) {
      const due = await pace(id, k);
      if (due >= until) break;
      const s = await timed(
        due,
        async () => (await c.request('POST', '/api/v1/tickets', { serviceCode: SERVICE })).status,
        [201],
      );
      if (s === 201) tally.ops++;
    }
  };
  const counter = async (c: RawConnection, id: number, counterNo: number) => {
    let k = 0;
    while (performance.now() < until) {
      let due = await pace(id, k++);
      if (due >= until) break;
      const call = await c.request<{ id: string } | null>('POST', `/api/v1/counters/${counterNo}/call-next`);
      if (call.status === 204) {
        tally.emptyCalls++;
        continue;
      }
      if (call.status !== 200 || !call.body) {
        tally.errors++;
        continue;
      }
      tally.latencies.push(performance.now() - due);
      tally.ops++;
      for (const action of ['start', 'finish']) {
        due = await pace(id, k++);
        const s = await timed(
          due,
          async () => (await c.request('POST', `/api/v1/tickets/${call.body!.id}/${action}`, {})).status,
          [200],
        );
        if (s === 200) tally.ops++;
      }
    }
  };
  const started = performance.now();
  await Promise.all([
    ...kiosks.map((c, i) => issuer(c, i)),
    ...clerks.map((c, i) => counter(c, kiosks.length + i, i + 1)),
  ]);
  return { ...tally, seconds: (performance.now() - started) / 1000 };
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const baseline = durableCommits(envSeconds('BENCH_SQLITE_SECONDS', 3));
  log(
    `  raw SQLite durable commits: ${baseline.perSecond.toFixed(0)}/s, p99 ${baseline.p99Ms.toFixed(2)} ms`,
  );
  const hub = await startDemoHub();
  try {
    const seeder = new Client(hub.url, hub.kiosk);
    for (let i = 0; i < SEED_TICKETS; i++)
      await seeder.expect(201, 'POST', '/api/v1/tickets', { serviceCode: SERVICE });
    seeder.close();
    // The eight clients on lean connections: the load generator shares the hub's two cores.
    const kiosks = [new RawConnection(hub.url, hub.kiosk), new RawConnection(hub.url, hub.kiosk)];
    const signedIn = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => hub.clerk(`100${n}`, n)));
    const clerks = signedIn.map((c) => new RawConnection(hub.url, c.bearer));

    const asFastAsPossible: Pace = () => Promise.resolve(performance.now());
    await drive(kiosks, clerks, performance.now() + 2000, asFastAsPossible); // warm-up
    const closed = await drive(
      kiosks,
      clerks,
      performance.now() + envSeconds('BENCH_HUB_OPS_SECONDS', 10) * 1000,
      asFastAsPossible,
    );
    const maxRate = closed.ops / closed.seconds;
    log(
      `  closed loop: ${closed.ops} ops in ${closed.seconds.toFixed(1)} s = ${maxRate.toFixed(0)} ops/s ` +
        `(p99 ${percentile(closed.latencies, 99).toFixed(1)} ms, ${closed.emptyCalls} empty calls, ${closed.errors} errors)`,
    );

    // Open loop at half the maximum: each of the 8 clients gets an eighth of the rate, staggered.
    const perClient = maxRate / 2 / 8;
    const start = performance.now() + 100;
    const openPace: Pace = async (client, k) => {
      const due = start + (k + client / 8) * (1000 / perClient);
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      return due;
    };
    const open = await drive(
      kiosks,
      clerks,
      start + envSeconds('BENCH_HUB_OPS_SECONDS', 10) * 1000,
      openPace,
    );
    const p99 = percentile(open.latencies, 99);
    log(
      `  open loop at ${(maxRate / 2).toFixed(0)} ops/s: ${open.ops} ops, p50 ${percentile(open.latencies, 50).toFixed(1)} ms, ` +
        `p99 ${p99.toFixed(1)} ms, ${open.errors} errors`,
    );
    for (const c of [...kiosks, ...clerks]) c.close();
    if (closed.errors + open.errors > 0) throw new Error(`${closed.errors + open.errors} operations failed`);
    return [
      figure({
        name: 'Hub ticket ops over HTTP, 8 clients',
        unit: 'ops/s',
        value: maxRate,
        baseline: baseline.perSecond,
        baselineName: 'raw SQLite durable commits/s',
        target: { on: 'ratio', op: '>=', limit: 0.5 },
        note: `issue/call/start/finish; ${closed.emptyCalls} empty calls not counted`,
      }),
      figure({
        name: 'Hub op p99 latency at 50% of max rate',
        unit: 'ms',
        value: p99,
        baseline: baseline.p99Ms,
        baselineName: 'raw SQLite commit p99 ms',
        target: { on: 'value', op: '<', limit: 20 },
        note: `open loop at ${(maxRate / 2).toFixed(0)} ops/s, ${open.latencies.length} ops`,
      }),
    ];
  } finally {
    await hub.stop();
  }
}
