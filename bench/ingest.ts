import type { Figure } from './lib/figure.ts';
import { figure } from './lib/figure.ts';
import type { JournalRow } from '../shared/journal/row.ts';
import { createStore, HO_BACKEND, startHo } from './lib/headoffice.ts';
import { copySeconds } from './lib/copy.ts';
import { batches, pairHubs, pushBody } from './lib/push.ts';
import { envSeconds } from './lib/env.ts';

/**
 * Issue 4: head-office ingest over HTTP with 20 concurrent hubs, each pairing for real and pushing its
 * own hash-chained journal in 500-row batches, one batch in flight (as SyncSender does). Ratio to COPY
 * of the very same rows into a table like head office's journal, same backend, same run.
 */
const HUBS = 20;
const ROWS_PER_HUB = Number(process.env.BENCH_INGEST_ROWS_PER_HUB) || 3000;

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const store = await createStore();
  try {
    const ho = await startHo(store);
    try {
      const hubs = await pairHubs(ho, HUBS);
      const plan = hubs.map((h) => {
        const rows = h.hub.next(ROWS_PER_HUB);
        return {
          h,
          rows,
          bodies: batches(rows).map((b) => ({ body: pushBody(h.deviceId, b), n: b.length })),
        };
      });
      const limit = envSeconds('BENCH_INGEST_SECONDS', 30) * 1000;
      const started = performance.now();
      const pushed: JournalRow[] = [];
      let acked = 0;
      await Promise.all(
        plan.map(async ({ h, rows, bodies }) => {
          let sent = 0;
          for (const { body, n } of bodies) {
            if (performance.now() - started > limit) break;
            const seq = await h.push(body);
            if (seq !== sent + n) throw new Error(`head office acked ${seq}, expected ${sent + n}`);
            sent += n;
            acked += n;
          }
          pushed.push(...rows.slice(0, sent));
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      for (const h of hubs) h.client.close();
      const rate = acked / seconds;
      const copy = await copySeconds(store, pushed);
      const copyRate = pushed.length / copy;
      log(
        `  ${acked} rows from ${HUBS} hubs in ${seconds.toFixed(1)} s = ${rate.toFixed(0)} rows/s; ` +
          `COPY of the same rows: ${copy.toFixed(2)} s = ${copyRate.toFixed(0)} rows/s`,
      );
      return [
        figure({
          name: 'HO ingest over HTTP, 20 hubs',
          unit: 'rows/s',
          value: rate,
          baseline: copyRate,
          baselineName: `${HO_BACKEND === 'postgres' ? 'PostgreSQL' : 'PGlite'} COPY rows/s`,
          target: { on: 'ratio', op: '>=', limit: 0.2 },
          note: `${acked} rows on ${HO_BACKEND}, 500-row batches, one in flight per hub`,
        }),
      ];
    } finally {
      await ho.stop();
    }
  } finally {
    await store.drop();
  }
}
