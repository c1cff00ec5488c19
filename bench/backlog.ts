import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { parseStoredRow } from '../db/journal.ts';
import { startHallNode } from '../hall/node.ts';
import type { JournalRow } from '../shared/journal/row.ts';
import type { Figure } from './lib/figure.ts';
import { figure } from './lib/figure.ts';
import { createStore, HO_BACKEND, startHo } from './lib/headoffice.ts';
import { copySeconds } from './lib/copy.ts';
import { cachedHubDb } from './lib/hub-db.ts';
import { scratchDir } from './lib/dirs.ts';

/**
 * Issue 4: a hall that was offline for 30 days (60,000 journal rows) comes back; the real SyncSender
 * of its hub drains the backlog to head office (a separate process) in < 15 s. Timed from the first
 * push to head office acknowledging the last row. Baseline: COPY of the same rows, same backend.
 */
const ROWS = 60_000;

export async function run(log: (line: string) => void): Promise<Figure[]> {
  const template = await cachedHubDb('hub-60k', ROWS, log);
  const store = await createStore();
  const scratch = scratchDir('backlog');
  try {
    copyFileSync(path.join(template.dir, 'hall.sqlite'), path.join(scratch.dir, 'hall.sqlite'));
    const ho = await startHo(store);
    try {
      const { pairingCode } = await ho.newHall('Backlog hall');
      const node = await startHallNode({
        dataDir: scratch.dir,
        port: 0,
        headoffice: { url: ho.url, code: pairingCode },
        sync: false,
        timers: false,
        logLevel: 'warn',
      });
      try {
        const sender = node.senders.find((s) => s.upstream === 'headoffice')!;
        const backlog = sender.status().backlogRows;
        const started = performance.now();
        let batches = 0;
        while (await sender.pushOnce()) batches++;
        const seconds = (performance.now() - started) / 1000;
        const left = sender.status().backlogRows;
        if (left !== 0) throw new Error(`${left} rows still unsent after the drain`);
        const halls = await ho.admin.expect<{ devices: { deviceId: string; ackedSeq: number }[] }[]>(
          200,
          'GET',
          '/api/v1/halls',
        );
        const acked = halls.flatMap((h) => h.devices).find((d) => d.deviceId === node.ctx.deviceId)?.ackedSeq;
        if (acked !== node.ctx.journal.lastSeq())
          throw new Error(`head office acked ${acked}, the hub wrote ${node.ctx.journal.lastSeq()}`);
        const rows = (
          node.ctx.db.prepare('SELECT * FROM journal ORDER BY device_seq').all() as Parameters<
            typeof parseStoredRow
          >[0][]
        ).map(parseStoredRow) as JournalRow[];
        const copy = await copySeconds(store, rows);
        log(
          `  ${backlog} rows in ${batches} batches drained in ${seconds.toFixed(2)} s ` +
            `(${(backlog / seconds).toFixed(0)} rows/s); COPY of the same rows ${copy.toFixed(2)} s`,
        );
        return [
          figure({
            name: '30-day backlog (60,000 rows) drained',
            unit: 's',
            value: seconds,
            baseline: copy,
            baselineName: `${HO_BACKEND === 'postgres' ? 'PostgreSQL' : 'PGlite'} COPY of same rows, s`,
            target: { on: 'value', op: '<', limit: 15 },
            note: `real SyncSender, ${batches} batches, head office on ${HO_BACKEND}`,
          }),
        ];
      } finally {
        await node.close();
      }
    } finally {
      await ho.stop();
    }
  } finally {
    await store.drop();
    scratch.remove();
  }
}
