import { describe, expect } from 'vitest';
import { ManualClock } from '../../shared/runtime.ts';
import { BACKEND, diffJournals, hallLastSeqs, hoCursors, NO_DIFF } from '../support/headoffice.ts';
import { it } from '../support/fixtures.ts';
import { drain } from '../support/sync.ts';
import { Ticket } from '../../shared/queue/model.ts';
import { parseReply } from '../support/http.ts';

/**
 * A hall cut off from head office for 30 simulated days (DESIGN §4 "a hall that has been offline for
 * 30 days starts, serves and records exactly as when online"), about 60,000 journal rows, then healed.
 * Sized: 30 days × (2,000 bulk rows written by the real Journal in one transaction + 4 tickets issued
 * over HTTP), and on every third day a clerk signs in and calls, starts and finishes 4 tickets: ≈ 60,200 rows.
 */
const DAYS = 30;
const BULK_PER_DAY = 2_000;
const DAY = 24 * 60 * 60_000;
/**
 * Issue 4's figure is < 15 s for this drain, measured by `npm run bench` with head office in its own
 * process. Here sender and head office share one test process on a machine shared with other suites
 * (PGlite: 11.6 s at a load average of 8 once the sender stopped scanning its backlog per batch; 49 s
 * before), so the test only guards against a pathological slowdown and prints the figure.
 */
const DRAIN_LIMIT_MS = 120_000;

describe(`a 30-day partition on ${BACKEND}`, () => {
  it(
    'DESIGN-4: the hall keeps serving for 30 days offline, then every row arrives once, in order, fast',
    { timeout: 480_000 },
    async ({ tho, proxiedHub }) => {
      const clock = new ManualClock(Date.UTC(2026, 2, 1, 0, 30));
      const { hub, proxy } = await proxiedHub({}, { clock });
      await drain(hub.node);
      proxy.setDown(true);
      const ctx = hub.node.ctx;
      let served = 0;
      for (let day = 0; day < DAYS; day++) {
        // Morning: the kiosk issues tickets as usual.
        clock.set(Date.UTC(2026, 2, 1 + day, 1, 0));
        for (let i = 0; i < 4; i++) {
          const t = await hub.request('POST', '/tickets', {
            token: hub.kioskToken,
            body: { serviceCode: 'A' },
          });
          expect(t.status).toBe(201);
        }
        // Every third day a clerk signs in (an argon2 check each: the test's slowest step) and serves.
        const clerk = day % 3 === 0 ? await hub.login('1001', 1) : null;
        for (let i = 0; clerk && i < 4; i++) {
          clock.advance(60_000);
          const call = await hub.request('POST', '/counters/1/call-next', { token: clerk });
          expect(call.status).toBe(200);
          const id = parseReply(Ticket, call).id;
          expect((await hub.request('POST', `/tickets/${id}/start`, { token: clerk })).status).toBe(200);
          clock.advance(120_000);
          expect((await hub.request('POST', `/tickets/${id}/finish`, { token: clerk })).status).toBe(200);
          served++;
        }
        // The rest of the day's records, in one big transaction through the real journal.
        clock.advance(60_000);
        const returnAt = clock.now() + 60_000;
        await ctx.commits.run(
          'appendEvents',
          Array.from({ length: BULK_PER_DAY / 2 }, () => [
            {
              type: 'counter.away',
              payload: { counterNo: 6, reason: '取单据', returnAt },
              by: 'test',
            } as const,
            { type: 'counter.back', payload: { counterNo: 6 }, by: 'test' } as const,
          ]).flat(),
        );
        // The sender keeps trying and keeps failing without disturbing the hall.
        await expect(hub.node.senders[0]!.pushOnce()).rejects.toThrow();
      }
      const status = hub.node.senders[0]!.status();
      expect(status.connected).toBe(false);
      expect(status.backlogRows).toBeGreaterThanOrEqual(DAYS * BULK_PER_DAY);
      expect(clock.now() - status.oldestUnsentAt!).toBeGreaterThan((DAYS - 1) * DAY);
      expect(served).toBe(Math.ceil(DAYS / 3) * 4);

      proxy.setDown(false);
      const started = Date.now();
      await drain(hub.node);
      const elapsed = Date.now() - started;
      const rows = status.backlogRows;
      console.log(
        `30-day backlog: ${rows} rows drained in ${elapsed} ms (${Math.round((rows * 1000) / elapsed)} rows/s) on ${BACKEND}`,
      );

      expect(await diffJournals(ctx.db, tho.sql, { hallId: ctx.hallId })).toEqual(NO_DIFF);
      expect(await hoCursors(tho.sql)).toEqual(hallLastSeqs(ctx.db));
      // In order: head office received each device's rows in device_seq order.
      const disorder = await tho.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
         SELECT received_at < lag(received_at) OVER (PARTITION BY device_id ORDER BY device_seq) AS back
         FROM journal) x WHERE back`,
      );
      expect(disorder[0]!.n).toBe(0);
      expect(hub.node.senders[0]!.status()).toMatchObject({ connected: true, backlogRows: 0 });
      expect(elapsed).toBeLessThan(DRAIN_LIMIT_MS);
    },
  );
});
