import { describe, expect } from 'vitest';
import { pullOnce } from '../../hall/sync/pull.ts';
import type { TestHall } from '../support/hall.ts';
import { BACKEND, hallJournalIds, hallLastSeqs, hoCursors } from '../support/headoffice.ts';
import { it } from '../support/fixtures.ts';
import type { ProxyFaults } from '../support/proxy.ts';
import { expectSameJournal } from '../support/sync.ts';
import { counterBacks } from '../support/rows.ts';

/**
 * Both legs (station → hub, hub → head office) run through proxies that drop requests, drop replies
 * after the receiver committed, send requests twice at once, replay old requests out of order and
 * delay both ways, on a fixed seed. Sized: 25 rounds of 2 walk-ins, 2 tickets and 40 bulk rows with two
 * push attempts on each leg per round (about 1,100 rows, 60+ requests per leg before the final drain).
 */
const ROUNDS = 25;
const FAULTS: ProxyFaults = {
  dropRequest: 0.15,
  dropReply: 0.2,
  duplicate: 0.2,
  replayOld: 0.25,
  maxDelayMs: 20,
};

async function attempt(fn: () => Promise<unknown>): Promise<void> {
  await fn().catch(() => undefined);
}

/** Pushes until the sender has nothing left, retrying through faults (bounded). */
async function drainThrough(hall: TestHall): Promise<void> {
  for (let i = 0; i < 400; i++) {
    try {
      if (!(await hall.node.senders[0]!.pushOnce())) return;
    } catch {
      // a dropped request or reply: try again, as the background loop would after its backoff
    }
  }
  throw new Error('the sender never drained through the proxy');
}

describe(`a lossy, duplicating, reordering link on ${BACKEND}`, () => {
  it(
    'DESIGN-4: every row arrives exactly once, in sequence, on both legs',
    { timeout: 180_000 },
    async ({ tho, proxiedLegs }) => {
      const legs = { toHo: { ...FAULTS, seed: 7 }, toHub: { ...FAULTS, seed: 11 }, counterNo: 2 };
      const { hub, station, toHo, toHub } = await proxiedLegs(legs);
      const clerk = await station.login('1002', 2);
      await tho.request('PUT', '/ref/fee/P1', { body: { name: '复印费', amountFen: 50 } });
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < 2; i++) {
          const w = await station.request('POST', '/walkins', {
            token: clerk,
            body: { serviceCode: 'A', startedAt: Date.now() - 1000 },
          });
          expect(w.status).toBe(201);
          const t = await hub.request('POST', '/tickets', {
            token: hub.kioskToken,
            body: { serviceCode: 'C' },
          });
          expect(t.status, JSON.stringify(t.body)).toBe(201);
        }
        const ctx = hub.node.ctx;
        await ctx.commits.run('appendEvents', counterBacks(4, 40));
        for (let k = 0; k < 2; k++) {
          await attempt(() => station.node.senders[0]!.pushOnce());
          await attempt(() => hub.node.senders[0]!.pushOnce());
        }
        if (round % 5 === 0) {
          await attempt(() => pullOnce(station.node.ctx, 'hub'));
          await attempt(() => pullOnce(hub.node.ctx, 'headoffice'));
        }
      }
      // The faults did happen, on both legs, so the test cannot pass on a clean link.
      for (const p of [toHo, toHub]) {
        expect(p.stats.droppedRequests).toBeGreaterThan(0);
        expect(p.stats.droppedReplies).toBeGreaterThan(0);
        expect(p.stats.duplicated).toBeGreaterThan(0);
        expect(p.stats.replayed).toBeGreaterThan(0);
      }
      // Heal: the senders drain through the still-faulty links.
      await drainThrough(station);
      await drainThrough(hub);

      const stationId = station.node.ctx.deviceId;
      const atStation = hallJournalIds(station.node.ctx.db);
      const atHub = hallJournalIds(hub.node.ctx.db, [stationId]);
      expect(atHub).toEqual(atStation);
      await expectSameJournal(tho, hub);
      expect(await hoCursors(tho.sql)).toEqual(hallLastSeqs(hub.node.ctx.db));
      console.log(
        `proxy faults: hub→HO ${JSON.stringify(toHo.stats)}, station→hub ${JSON.stringify(toHub.stats)}; ${atStation.size} station rows, ${hallLastSeqs(hub.node.ctx.db).get(hub.node.ctx.deviceId)} hub rows`,
      );
    },
  );
});
