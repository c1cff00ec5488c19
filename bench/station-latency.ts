import type { Figure } from './lib/figure.ts';
import { figure } from './lib/figure.ts';
import { startHallNode, type HallNode } from '../hall/node.ts';
import { Client } from './lib/http.ts';
import { createStore, HO_BACKEND, startHo } from './lib/headoffice.ts';
import { DEMO_PIN } from './lib/hub.ts';
import { scratchDir } from './lib/dirs.ts';
import { envSeconds, sleep } from './lib/env.ts';
import { percentile } from './lib/stats.ts';

/**
 * Issue 4: with head office, a hub and a station all running and online, a clerk's record written at
 * the station (a walk-in, the station's own journal) is visible at head office within 2 s (p95):
 * from the station's durable reply until head office's /api/v1/halls shows the station's cursor at
 * that row. The path is the product's own: station SyncSender → hub → hub SyncSender → head office.
 * Baseline: the station's own write (its reply time), p95, same run.
 */
const WRITES = Number(process.env.BENCH_STATION_WRITES) || 40;
/** Fewer writes when each takes long (a slow path should not hold the whole run). */
const MIN_WRITES = 5;

async function settled(node: HallNode, timeoutMs = 30_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (node.senders.some((s) => s.status().backlogRows > 0)) {
    if (performance.now() > until) throw new Error('sync did not settle');
    await sleep(50);
  }
}

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const store = await createStore();
  const hubDir = scratchDir('hub');
  const stationDir = scratchDir('station');
  const nodes: HallNode[] = [];
  const clients: Client[] = [];
  try {
    const ho = await startHo(store);
    try {
      await ho.seedReference();
      const { pairingCode } = await ho.newHall('Latency hall');
      const quiet = { port: 0, timers: false, logLevel: 'warn' } as const;
      const hub = await startHallNode({
        ...quiet,
        dataDir: hubDir.dir,
        demo: true,
        headoffice: { url: ho.url, code: pairingCode },
      });
      nodes.push(hub);
      const manager = new Client(hub.url);
      clients.push(manager);
      const login = (c: Client, staffNo: string, counterNo?: number) =>
        c.expect<{ token: string }>(200, 'POST', '/api/v1/auth/login', { staffNo, pin: DEMO_PIN, counterNo });
      manager.setToken((await login(manager, '9001')).token);
      const { code } = await manager.expect<{ code: string }>(201, 'POST', '/api/v1/devices/pairing-codes', {
        role: 'counter',
        name: 'Counter 1 PC',
        counterNo: 1,
      });
      const station = await startHallNode({ ...quiet, dataDir: stationDir.dir, hub: { url: hub.url, code } });
      nodes.push(station);
      const clerk = new Client(station.url);
      clients.push(clerk);
      clerk.setToken((await login(clerk, '1001', 1)).token);
      await settled(station);
      await settled(hub);

      const stationCursorAtHo = async () => {
        const halls = await ho.admin.expect<{ devices: { deviceId: string; ackedSeq: number }[] }[]>(
          200,
          'GET',
          '/api/v1/halls',
        );
        return (
          halls.flatMap((h) => h.devices).find((d) => d.deviceId === station.ctx.deviceId)?.ackedSeq ?? 0
        );
      };
      const visible: number[] = [];
      const writes: number[] = [];
      const timeout = envSeconds('BENCH_STATION_TIMEOUT_SECONDS', 20) * 1000;
      const budgetEnd = performance.now() + envSeconds('BENCH_STATION_SECONDS', 45) * 1000;
      for (let i = 0; i < WRITES && (i < MIN_WRITES || performance.now() < budgetEnd); i++) {
        const t0 = performance.now();
        await clerk.expect(201, 'POST', '/api/v1/walkins', {
          serviceCode: 'A',
          startedAt: Date.now() - 5 * 60_000,
          note: `bench ${i}`,
        });
        const written = performance.now();
        writes.push(written - t0);
        const seq = station.ctx.journal.lastSeq();
        while ((await stationCursorAtHo()) < seq) {
          if (performance.now() - written > timeout)
            throw new Error(`row ${seq} not at head office after ${timeout} ms`);
          await sleep(10);
        }
        visible.push(performance.now() - written);
        await sleep(50 + Math.random() * 200);
      }
      const p95 = percentile(visible, 95);
      log(
        `  ${visible.length} walk-ins: visible at head office p50 ${percentile(visible, 50).toFixed(0)} ms, ` +
          `p95 ${p95.toFixed(0)} ms, max ${Math.max(...visible).toFixed(0)} ms; station write p95 ${percentile(writes, 95).toFixed(1)} ms`,
      );
      return [
        figure({
          name: 'Station record visible at HO, p95',
          unit: 'ms',
          value: p95,
          baseline: percentile(writes, 95),
          baselineName: 'station durable write p95 ms',
          target: { on: 'value', op: '<', limit: 2000 },
          note: `${visible.length} writes; station → hub → head office (${HO_BACKEND}), polled every 10 ms`,
        }),
      ];
    } finally {
      for (const c of clients) c.close();
      for (const n of nodes.reverse()) await n.close();
      await ho.stop();
    }
  } finally {
    await store.drop();
    hubDir.remove();
    stationDir.remove();
  }
}
