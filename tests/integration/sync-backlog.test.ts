import { describe, expect } from 'vitest';
import { parseStoredRow } from '../../db/journal.ts';
import { stmt } from '../../db/projections/index.ts';
import { ackedSeq } from '../../hall/sync/upstreams.ts';
import { ManualClock } from '../../shared/runtime.ts';
import { MAX_BATCH_ROWS } from '../../shared/sync/protocol.ts';
import { BACKEND, hallJournalIds, hoCursors } from '../support/headoffice.ts';
import { it } from '../support/fixtures.ts';
import { stationChecklistCopies } from '../support/rows.ts';
import { drain, expectSameJournal } from '../support/sync.ts';

/**
 * A counter PC cut off from its hub for 30 days, then back (DESIGN §4): about 9,000 rows of ~750 bytes,
 * so full 500-row batches of about 375 KB, where the hub's LAN API takes 256 KiB. Each link runs
 * through a proxy that records every push reply, so a 413 cannot hide behind a retry.
 */
const DAYS = 30;
const ROWS_PER_DAY = 300;
const DAY = 24 * 60 * 60_000;
/** The hub's body limit for its LAN API (hall/node.ts), which its push route used to share. */
const LAN_BODY_LIMIT = 256 * 1024;

describe(`a station's 30-day backlog on ${BACKEND}`, () => {
  it(
    'DESIGN-4: a station’s 30-day backlog drains to the hub and on to head office with no 413',
    { timeout: 240_000 },
    async ({ tho, proxiedLegs }) => {
      const clock = new ManualClock(Date.now() - DAYS * DAY);
      const { hub, station, toHo, toHub } = await proxiedLegs({ counterNo: 1, station: { clock } });
      const sctx = station.node.ctx;
      for (let day = 0; day < DAYS; day++) {
        clock.set(Date.now() - (DAYS - day) * DAY);
        await sctx.commits.run(
          'appendEvents',
          stationChecklistCopies(sctx.deviceId, ROWS_PER_DAY, day * ROWS_PER_DAY),
        );
      }
      clock.set(Date.now());
      const backlog = station.node.senders[0]!.status();
      expect(backlog.backlogRows).toBeGreaterThanOrEqual(DAYS * ROWS_PER_DAY);
      expect(clock.now() - backlog.oldestUnsentAt!).toBeGreaterThan((DAYS - 1) * DAY);
      // The rows are as large as real ones: a full batch of them is more than the hub's LAN limit.
      const firstBatch = (
        stmt(sctx.db, 'SELECT * FROM journal WHERE device_id = ? ORDER BY device_seq LIMIT ?').all(
          sctx.deviceId,
          MAX_BATCH_ROWS,
        ) as Parameters<typeof parseStoredRow>[0][]
      ).map((r) => Buffer.byteLength(JSON.stringify(parseStoredRow(r))));
      expect(firstBatch.reduce((a, b) => a + b, 0)).toBeGreaterThan(LAN_BODY_LIMIT);

      await drain(station.node);
      await drain(hub.node);

      // Every push on both links was taken at the first try: no 413, and no other refusal either.
      expect(toHub.pushStatuses.length).toBeGreaterThanOrEqual(
        Math.ceil(backlog.backlogRows / MAX_BATCH_ROWS),
      );
      expect(toHub.pushStatuses.filter((s) => s !== 200)).toEqual([]);
      expect(toHo.pushStatuses.filter((s) => s !== 200)).toEqual([]);
      expect(station.node.senders[0]!.replies[413]).toBeUndefined();
      expect(hub.node.senders[0]!.replies[413]).toBeUndefined();
      // Full batches: the station's rows went in 500-row batches, not halved ones.
      expect(Math.max(...toHub.batchSizes)).toBe(MAX_BATCH_ROWS);

      // Every row arrived: at the hub, and carried on to head office unchanged.
      const last = sctx.journal.lastSeq();
      expect(ackedSeq(sctx.db, 'hub', sctx.deviceId)).toBe(last);
      expect((await hoCursors(tho.sql)).get(sctx.deviceId)).toBe(last);
      expect(hallJournalIds(hub.node.ctx.db, [sctx.deviceId])).toEqual(hallJournalIds(sctx.db));
      await expectSameJournal(tho, hub);
      expect(station.node.senders[0]!.status()).toMatchObject({ backlogRows: 0, lastError: null });
      expect(hub.node.senders[0]!.status()).toMatchObject({ backlogRows: 0, lastError: null });
    },
  );
});
