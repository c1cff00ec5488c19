import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullOnce } from '../../hall/sync/pull.ts';
import type { HallOverviewT, HallTicketT } from '../../shared/api/console.ts';
import { ManualClock } from '../../shared/runtime.ts';
import type { TestHall } from '../support/hall.ts';
import { BACKEND, startTestHeadOffice, type TestHeadOffice } from '../support/headoffice.ts';
import { drain, startPairedHub } from '../support/sync.ts';

/** Head office reads each hall's day in that hall's time zone (DESIGN §2), not in a zone of its own. */
const clock = new ManualClock(Date.UTC(2026, 0, 15, 8, 30)); // Shanghai 16:30, London 08:30: both open
let tho: TestHeadOffice;
let shanghai: TestHall & { hoHallId: string };
let london: TestHall & { hoHallId: string };

beforeAll(async () => {
  tho = await startTestHeadOffice({ clock });
  shanghai = await startPairedHub(tho, { clock });
  london = await startPairedHub(tho, { clock });
}, 120_000);
afterAll(async () => {
  await shanghai?.stop();
  await london?.stop();
  await tho?.stop();
});

async function overview(): Promise<Map<string, HallOverviewT>> {
  const res = await tho.request('GET', '/overview');
  expect(res.status).toBe(200);
  return new Map((res.body as HallOverviewT[]).map((h) => [h.hallId, h]));
}
async function ticketsToday(hall: { hoHallId: string }): Promise<HallTicketT[]> {
  const res = await tho.request('GET', `/overview/tickets?hallId=${hall.hoHallId}`);
  expect(res.status).toBe(200);
  return res.body as HallTicketT[];
}

describe(`head office and the halls' time zones on ${BACKEND}`, () => {
  it("DESIGN-2: head office counts each hall's today from that hall's own midnight, in two time zones", async () => {
    const manager = await london.login('9001');
    const set = await london.request('PUT', '/settings', {
      token: manager,
      body: { timeZone: 'Europe/London' },
    });
    expect(set.status).toBe(200);
    for (const hall of [shanghai, london]) {
      const res = await hall.request('POST', '/tickets', {
        token: hall.kioskToken,
        body: { serviceCode: 'A' },
      });
      expect(res.status).toBe(201);
      await drain(hall.node);
    }

    let halls = await overview();
    expect(halls.get(shanghai.hoHallId)).toMatchObject({ timeZone: 'Asia/Shanghai', issued: 1 });
    expect(halls.get(london.hoHallId)).toMatchObject({ timeZone: 'Europe/London', issued: 1 });

    // 17:00 UTC: past midnight in Shanghai (a new day, nothing issued yet), still the afternoon in London.
    clock.set(Date.UTC(2026, 0, 15, 17, 0));
    halls = await overview();
    expect(halls.get(shanghai.hoHallId)).toMatchObject({ issued: 0, waitingOrInService: 0 });
    expect(halls.get(london.hoHallId)).toMatchObject({ issued: 1, waitingOrInService: 1 });
    expect(await ticketsToday(shanghai)).toEqual([]);
    expect((await ticketsToday(london)).map((t) => t.number)).toEqual(['A001']);
  });

  it("DESIGN-2: a hall's zone pulled from head office's reference data counts once the hall has journaled it", async () => {
    const put = await tho.request('PUT', '/ref/setting/timeZone', { body: { value: 'Asia/Tokyo' } });
    expect(put.status).toBe(200);
    // Pulled and pushed by the Shanghai hub only: London keeps the zone its manager set.
    await pullOnce(shanghai.node.ctx, 'headoffice');
    await drain(shanghai.node);
    const halls = await overview();
    expect(halls.get(shanghai.hoHallId)?.timeZone).toBe('Asia/Tokyo');
    expect(halls.get(london.hoHallId)?.timeZone).toBe('Europe/London');
    // A tombstone brings the default back, at the hall and so here.
    expect((await tho.request('DELETE', '/ref/setting/timeZone')).status).toBe(200);
    await pullOnce(shanghai.node.ctx, 'headoffice');
    await drain(shanghai.node);
    expect((await overview()).get(shanghai.hoHallId)?.timeZone).toBe('Asia/Shanghai');
  });
});
