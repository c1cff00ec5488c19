import { describe, expect } from 'vitest';
import { z } from 'zod';
import {
  DeviceReply,
  HallState,
  PairingCodeReply,
  QueueReply,
  TicketView,
} from '../../shared/api/schemas.ts';
import { CounterState } from '../../shared/queue/model.ts';
import { ServiceView } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';
import type { TestHall } from '../support/hall.ts';
import { it } from '../support/clocked.ts';
import {
  act,
  callNext,
  changesNothing,
  expectError,
  expectProjectionsReplay,
  issue,
  journalEvents,
  journalSentenceAlert,
  journalMark,
  refusedUnchanged,
  shanghai,
  type TicketReply,
} from '../support/builders.ts';
import { listen } from '../support/live.ts';
import { openDatabase } from '../../db/open.ts';
import { openAlerts } from '../../db/read.ts';
import { asBeforeMigration0012 } from '../support/handling.ts';
import path from 'node:path';

const MIN = 60_000;
const Counters = z.array(CounterState);

/** Calls and finishes at one counter, returning the numbers in the order they were called. */
async function serveAll(hall: TestHall, token: string, counterNo: number, count: number): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = await callNext(hall, token, counterNo);
    if (!t) break;
    numbers.push(t.number);
    await act(hall, token, t.id, 'finish');
  }
  return numbers;
}

const ticket = async (hall: TestHall, id: string) =>
  parseReply(TicketView, await hall.request('GET', `/tickets/${id}`, { token: hall.kioskToken }));

describe('ticket numbers (DESIGN-2)', () => {
  it('R-BIZ-1: the demo hall offers bill payment (A), business (B), enquiry (C) and complaint (D), each numbered with its prefix', async ({
    aHall,
  }) => {
    const { hall } = await aHall();
    const services = parseReply(
      z.array(ServiceView),
      await hall.request('GET', '/services', { token: hall.kioskToken }),
    );
    expect(services.map((s) => [s.code, s.prefix, s.nameEn])).toEqual([
      ['A', 'A', 'Bill payment'],
      ['B', 'B', expect.stringMatching(/connection|business/i)],
      ['C', 'C', 'Enquiry'],
      ['D', 'D', 'Complaint'],
    ]);
    for (const code of ['A', 'B', 'C', 'D']) expect((await issue(hall, code)).number).toBe(`${code}001`);
  });

  it('DESIGN-2: numbers run per prefix and restart at 001 on a new business day in the hall time zone', async ({
    aHall,
  }) => {
    // 23:58 in Shanghai is 15:58 UTC: the UTC date does not change at the hall's midnight.
    const { hall, clock } = await aHall('2026-11-25 23:58');
    const numbers = [];
    for (const code of ['A', 'A', 'B', 'A', 'C']) numbers.push((await issue(hall, code)).number);
    expect(numbers).toEqual(['A001', 'A002', 'B001', 'A003', 'C001']);
    clock.advance(3 * MIN); // 00:01 on the 26th in the hall, still the 25th in UTC
    expect(new Date(clock.now()).toISOString().slice(0, 10)).toBe('2026-11-25');
    expect((await issue(hall, 'A')).number).toBe('A001');
    expect((await issue(hall, 'B')).number).toBe('B001');
    expect((await issue(hall, 'A')).number).toBe('A002');
    const days = journalEvents(hall.node.ctx.db, 'ticket.issued').map(
      (e) => `${e.payload.businessDay as string} ${e.payload.number as string}`,
    );
    expect(days.slice(-3)).toEqual(['2026-11-26 A001', '2026-11-26 B001', '2026-11-26 A002']);
    expect(days[0]).toBe('2026-11-25 A001');
  });

  it('DESIGN-3: the same Idempotency-Key gives the same ticket and writes one journal row', async ({
    aHall,
  }) => {
    const { hall } = await aHall();
    const first = await issue(hall, 'A', { key: 'kiosk-1:0001' });
    const before = journalMark(hall.node.ctx.db);
    const again = await issue(hall, 'A', { key: 'kiosk-1:0001' });
    expect(again).toMatchObject({ id: first.id, number: first.number });
    expect(journalMark(hall.node.ctx.db)).toEqual(before);
    // Retries racing each other (a kiosk that timed out and retried at once) still make one ticket.
    const raced = await Promise.all([1, 2, 3, 4, 5].map(() => issue(hall, 'B', { key: 'kiosk-1:0002' })));
    expect(new Set(raced.map((t) => t.id)).size).toBe(1);
    const issued = journalEvents(hall.node.ctx.db, 'ticket.issued');
    expect(issued.map((e) => e.payload.idempotencyKey)).toEqual(['kiosk-1:0001', 'kiosk-1:0002']);
    // A different key is a different customer.
    expect((await issue(hall, 'A', { key: 'kiosk-1:0003' })).number).toBe('A002');
  });
});

describe('calling order (DESIGN-3)', () => {
  it('DESIGN-3: FIFO — oldest first across counters, never newest first', async ({ aHall }) => {
    const { hall, clock, staff } = await aHall();
    const issued = [];
    for (let i = 0; i < 4; i++) {
      issued.push((await issue(hall, 'A')).number);
      clock.advance(MIN);
    }
    const c1 = await staff.clerk(1);
    const c2 = await staff.clerk(2);
    const called = [(await callNext(hall, c1, 1))!.number, (await callNext(hall, c2, 2))!.number];
    expect(called).toEqual(['A001', 'A002']);
    const queue = parseReply(QueueReply, await hall.request('GET', '/queue', { token: hall.kioskToken }));
    expect(queue.waiting.map((t) => t.number)).toEqual(['A003', 'A004']);
  });

  it("DESIGN-3: one counter's queue is what it may call, in the order it will call them", async ({
    aHall,
  }) => {
    const { hall, clock, staff } = await aHall();
    for (const [code, priority] of [
      ['A', false],
      ['B', true],
      ['C', false],
      ['D', false],
      ['A', false],
      ['B', false],
    ] as const) {
      await issue(hall, code, { priority });
      clock.advance(MIN);
    }
    const token = await staff.clerk(4); // counter 4 serves B and C
    const queue = parseReply(QueueReply, await hall.request('GET', '/queue?counter=4', { token }));
    expect(queue.waiting.map((t) => t.number)).toEqual(['B001', 'C001', 'B002']);
    expect(queue.waitingInHall).toBe(6);
    expect(await serveAll(hall, token, 4, 3)).toEqual(['B001', 'C001', 'B002']);

    expectError(await hall.request('GET', '/queue?counter=42', { token }), 404, 'E_UNKNOWN_COUNTER');
    expectError(await hall.request('GET', '/queue?counter=four', { token }), 400, 'E_VALIDATION');
  });

  it('R-PRI-1: after two priority calls in a row a waiting normal ticket is next', async ({ aHall }) => {
    const { hall, clock, staff } = await aHall();
    await issue(hall, 'A'); // A001 normal, oldest
    clock.advance(MIN);
    const ahead = [];
    for (let i = 0; i < 3; i++) ahead.push((await issue(hall, 'A', { priority: true })).waitingAhead); // A002..A004
    // The kiosk's "people ahead" follows the same rule: A004 waits behind A002, A003 and then A001.
    expect(ahead).toEqual([0, 1, 3]);
    const queue = parseReply(QueueReply, await hall.request('GET', '/queue', { token: hall.kioskToken }));
    expect(queue.waiting.map((t) => t.number)).toEqual(['A002', 'A003', 'A001', 'A004']);
    const order = await serveAll(hall, await staff.clerk(1), 1, 4);
    expect(order).toEqual(['A002', 'A003', 'A001', 'A004']);
  });

  it('R-PRI-1: the consecutive-priority cap is a setting (cap 3 lets three priority tickets go first)', async ({
    aHall,
  }) => {
    const { hall, clock, staff } = await aHall();
    const res = await hall.request('PUT', '/settings', {
      token: await staff.manager(),
      body: { consecutivePriorityCap: 3 },
    });
    expect(res.status).toBe(200);
    // Changing one setting leaves the others as they were (the demo's enforceOpeningHours=false).
    expect(res.body).toMatchObject({ consecutivePriorityCap: 3, enforceOpeningHours: false, recallCap: 5 });
    await issue(hall, 'A');
    clock.advance(MIN);
    for (let i = 0; i < 4; i++) await issue(hall, 'A', { priority: true });
    expect(await serveAll(hall, await staff.clerk(1), 1, 5)).toEqual([
      'A002',
      'A003',
      'A004',
      'A001',
      'A005',
    ]);
  });

  it('R-PRI-1: the max-wait guard puts a ticket waiting over 30 min before priority tickets', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, clerk: c1 } = await aHallWithClerk();
    await issue(hall, 'A'); // A001 normal
    clock.advance(29 * MIN);
    await issue(hall, 'A', { priority: true }); // A002
    await issue(hall, 'A', { priority: true }); // A003
    // At 29 min the guard has not fired: priority goes first.
    const first = (await callNext(hall, c1, 1))!;
    expect(first.number).toBe('A002');
    await act(hall, c1, first.id, 'finish');
    // At 31 min A001 goes first, although only one priority call was made (cap 2 not reached).
    clock.advance(2 * MIN);
    expect((await callNext(hall, c1, 1))!.number).toBe('A001');
  });
});

describe('recall, no-show, transfer, park (DESIGN-3)', () => {
  it('DESIGN-3: after the recall cap (5) the next recall makes a no-show, which can be reactivated within 30 min', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, clerk: c1 } = await aHallWithClerk();
    const a1 = await issue(hall, 'A');
    await issue(hall, 'A');
    await callNext(hall, c1, 1);
    for (let i = 1; i <= 5; i++) {
      const t = await act(hall, c1, a1.id, 'recall');
      expect(t).toMatchObject({ status: 'called', recallCount: i });
    }
    const sixth = await act(hall, c1, a1.id, 'recall');
    expect(sixth.status).toBe('no_show');
    const noShow = journalEvents(hall.node.ctx.db, 'ticket.no_show');
    expect(noShow.map((e) => e.payload.reason)).toEqual(['recall_cap']);
    // The counter is free again and calls the next customer.
    const a2 = (await callNext(hall, c1, 1))!;
    expect(a2.number).toBe('A002');
    await act(hall, c1, a2.id, 'finish');
    clock.advance(29 * MIN);
    const back = await act(hall, c1, a1.id, 'reactivate');
    expect(back).toMatchObject({ status: 'waiting', recallCount: 0 });
    await issue(hall, 'A'); // A003 arrives after, but the reactivated ticket goes to the head
    expect((await callNext(hall, c1, 1))!.number).toBe('A001');
  });

  it('DESIGN-3: a no-show older than the reactivation window cannot come back', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, clerk: c1 } = await aHallWithClerk();
    const a1 = await issue(hall, 'A');
    await callNext(hall, c1, 1);
    expect((await act(hall, c1, a1.id, 'no-show')).status).toBe('no_show');
    clock.advance(31 * MIN);
    await refusedUnchanged(
      hall,
      () => hall.request('POST', `/tickets/${a1.id}/reactivate`, { token: c1 }),
      409,
      'E_REACTIVATE_WINDOW',
    );
    expect((await ticket(hall, a1.id)).status).toBe('no_show');
  });

  it('DESIGN-3: a transfer keeps the number and goes to the head of the target queue', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, staff, clerk: c1 } = await aHallWithClerk(); // counter 1 serves A, C
    const c3 = await staff.clerk(3); // serves B, C
    await issue(hall, 'B');
    await issue(hall, 'B');
    clock.advance(MIN);
    const a1 = await issue(hall, 'A');
    await callNext(hall, c1, 1);
    const moved = await act(hall, c1, a1.id, 'transfer', { serviceCode: 'B' });
    expect(moved).toMatchObject({ id: a1.id, number: 'A001', serviceCode: 'B', status: 'transferred' });
    // Counter 1 is free at once.
    expect((await hall.request('GET', '/counters', { token: c1 })).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ counterNo: 1, ticketId: null })]),
    );
    expect(await serveAll(hall, c3, 3, 3)).toEqual(['A001', 'B001', 'B002']);
  });

  it('DESIGN-3: a transfer to a counter is called only by that counter', async ({ aHallWithClerk }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    const c2 = await staff.clerk(2);
    const a1 = await issue(hall, 'A');
    await issue(hall, 'A');
    await callNext(hall, c1, 1);
    await act(hall, c1, a1.id, 'transfer', { counterNo: 2 });
    await issue(hall, 'A');
    expect((await callNext(hall, c2, 2))!.number).toBe('A001');
  });

  it('DESIGN-3: a parked ticket is not called by anyone and returns to the counter that parked it', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    const c2 = await staff.clerk(2);
    const a1 = await issue(hall, 'A');
    await issue(hall, 'A');
    await issue(hall, 'A');
    await callNext(hall, c1, 1);
    await act(hall, c1, a1.id, 'start');
    expect((await act(hall, c1, a1.id, 'park')).status).toBe('parked');
    const a2 = (await callNext(hall, c1, 1))!;
    expect(a2.number).toBe('A002');
    expect((await callNext(hall, c2, 2))!.number).toBe('A003'); // not the parked A001
    expectError(
      await hall.request('POST', `/tickets/${a1.id}/return`, { token: c2 }),
      403,
      'E_NOT_YOUR_TICKET',
    );
    expectError(await hall.request('POST', `/tickets/${a1.id}/return`, { token: c1 }), 409, 'E_COUNTER_BUSY');
    await act(hall, c1, a2.id, 'finish');
    expect(await act(hall, c1, a1.id, 'return')).toMatchObject({
      status: 'called',
      counterNo: 1,
      number: 'A001',
    });
  });
});

describe('counters and the hall', () => {
  it('R-AWAY-1: away shows reason and return time, blocks calling, and alerts past the maximum', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, staff, clerk: c1 } = await aHallWithClerk();
    const returnAt = clock.now() + 10 * MIN;
    const away = await hall.request('POST', '/counters/1/away', {
      token: c1,
      body: { reason: '取资料', returnAt },
    });
    expect(away.status).toBe(200);
    const counters = parseReply(
      Counters,
      await hall.request('GET', '/counters', { token: hall.displayToken }),
    );
    expect(counters.find((c) => c.counterNo === 1)).toMatchObject({
      status: 'away',
      awayReason: '取资料',
      returnAt,
    });
    await issue(hall, 'A');
    expectError(await hall.request('POST', '/counters/1/call-next', { token: c1 }), 409, 'E_COUNTER_AWAY');

    const ctx = hall.node.ctx;
    const sweep = async () => (await ctx.commits.run('raiseOverdueAwayAlerts')).value;
    const alerts = async () =>
      parseReply(HallState, await hall.request('GET', '/hall', { token: await staff.manager() })).alerts;
    clock.advance(15 * MIN); // exactly the maximum: not yet overdue
    expect(await sweep()).toBe(0);
    clock.advance(1 * MIN);
    expect(await sweep()).toBe(1);
    expect(await alerts()).toEqual([expect.objectContaining({ kind: 'away_overdue', counterNo: 1 })]);
    expect(await sweep()).toBe(0); // one alert, not one per sweep
    const back = await hall.request('POST', '/counters/1/back', { token: c1 });
    expect(back.body).toMatchObject({ status: 'open', awayReason: null });
    expect(await alerts()).toEqual([]);
    expect((await callNext(hall, c1, 1))!.number).toBe('A001');
  });

  it('R-AWAY-1: the overdue-away alert journals its facts, not a sentence; an alert journaled as a sentence still reads as one', async ({
    aHall,
  }) => {
    const { hall, clock, staff } = await aHall();
    const { ctx } = hall.node;
    const sentence = '2 号窗口暂离已 20 分钟（上限 15 分钟）：会议';
    journalSentenceAlert(hall, 2, sentence);
    await hall.request('POST', '/counters/1/away', {
      token: await staff.clerk(1),
      body: { reason: '取资料', returnAt: clock.now() + 5 * MIN },
    });
    clock.advance(16 * MIN);
    expect((await ctx.commits.run('raiseOverdueAwayAlerts')).value).toBe(1);

    const [, raised] = journalEvents(ctx.db, 'alert.raised');
    expect(raised!.payload).toMatchObject({
      kind: 'away_overdue',
      counterNo: 1,
      message: '',
      away: { minutes: 16, maxMinutes: 15, reason: '取资料' },
    });
    const alerts = async () =>
      ((await hall.request('GET', '/hall', { token: await staff.manager() })).body as { alerts: unknown[] })
        .alerts;
    const expected = [
      expect.objectContaining({ id: 'old-alert-2', counterNo: 2, message: sentence, away: null }),
      expect.objectContaining({
        counterNo: 1,
        message: '',
        away: { minutes: 16, maxMinutes: 15, reason: '取资料' },
      }),
    ];
    expect(await alerts()).toEqual(expected);
    // Both are rebuilt from the journal alone.
    expectProjectionsReplay(ctx.db);
    expect(await alerts()).toEqual(expected);
  });

  it('R-AWAY-1: migration 0012 keeps the alerts of a database made before it, each read as its sentence', async ({
    aHall,
  }) => {
    const { hall } = await aHall();
    const { ctx } = hall.node;
    const sentence = '1 号窗口暂离已 20 分钟（上限 15 分钟）：会议';
    journalSentenceAlert(hall, 1, sentence);
    const file = path.join(hall.dataDir, 'old.sqlite');
    await ctx.db.backup(file);
    asBeforeMigration0012(file);
    const migrated = openDatabase(file);
    try {
      const expected = [expect.objectContaining({ id: 'old-alert-1', message: sentence, away: null })];
      expect(openAlerts(migrated)).toEqual(expected);
      expectProjectionsReplay(migrated);
      expect(openAlerts(migrated)).toEqual(expected);
    } finally {
      migrated.close();
    }
  });

  it('R-AWAY-1: signing out of an overdue away counter closes its alert (the window is closed, not away)', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, staff, clerk: c1 } = await aHallWithClerk();
    await hall.request('POST', '/counters/1/away', {
      token: c1,
      body: { reason: '会议', returnAt: clock.now() + 5 * MIN },
    });
    clock.advance(20 * MIN);
    const ctx = hall.node.ctx;
    expect((await ctx.commits.run('raiseOverdueAwayAlerts')).value).toBe(1);
    expect((await hall.request('POST', '/auth/logout', { token: c1 })).status).toBe(204);
    const state = parseReply(HallState, await hall.request('GET', '/hall', { token: await staff.manager() }));
    expect(state.counters.find((c) => c.counterNo === 1)?.status).toBe('closed');
    expect(state.alerts).toEqual([]);
  });

  it('R-HRS-2: closing the hall stops issuing but waiting tickets remain and are called', async ({
    aHall,
  }) => {
    const { hall, staff } = await aHall();
    await issue(hall, 'A');
    await issue(hall, 'A');
    // R-CLOSE-1: two staff in the hall (the clerk at counter 1 and the manager) before it closes.
    const c1 = await staff.clerk(1);
    const closed = await hall.request('POST', '/hall/close', { token: await staff.manager() });
    expect(closed.body).toMatchObject({ open: false, issuing: false });
    await refusedUnchanged(
      hall,
      () => hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode: 'A' } }),
      409,
      'E_HALL_CLOSED',
    );
    const q = parseReply(QueueReply, await hall.request('GET', '/queue', { token: hall.kioskToken }));
    expect(q.waiting.map((t) => t.number)).toEqual(['A001', 'A002']);
    expect(await serveAll(hall, c1, 1, 3)).toEqual(['A001', 'A002']);
    // R-OPEN-1: the demo's opening check for the day was never done, so reopening needs an override.
    await hall.request('POST', '/hall/open', {
      token: await staff.manager(),
      body: { override: { reason: '下午临时恢复营业' } },
    });
    expect((await issue(hall, 'A')).number).toBe('A003');
  });

  it('R-HRS-2: a ticket left open when its business day ends is closed then, not called the next morning', async ({
    aHall,
  }) => {
    const { hall, clock, staff } = await aHall('2026-11-25 16:50');
    await issue(hall, 'A'); // A001: called, never finished
    await issue(hall, 'A'); // A002: the customer left without being called
    await callNext(hall, await staff.clerk(1), 1);
    const { ctx } = hall.node;
    // Past closing but the same day: nothing is closed (closing time never cancels, R-HRS-2).
    clock.set(shanghai('2026-11-25 23:59'));
    expect((await ctx.commits.run('closeEndedDays')).value).toBe(0);

    clock.set(shanghai('2026-11-26 08:05'));
    expect((await ctx.commits.run('closeEndedDays')).value).toBe(2);
    expect((await ctx.commits.run('closeEndedDays')).value).toBe(0);
    const cancelled = journalEvents(ctx.db, 'ticket.cancelled').map((e) => e.payload);
    expect(cancelled).toEqual([
      expect.objectContaining({ counterNo: 1, reason: 'day_ended' }),
      expect.objectContaining({ counterNo: null, reason: 'day_ended' }),
    ]);
    const q = parseReply(QueueReply, await hall.request('GET', '/queue', { token: hall.kioskToken }));
    expect(q).toMatchObject({ waiting: [], called: [] });
    // The new day starts clean: counter 1 is free and today's first ticket is first in line.
    const today = await issue(hall, 'A');
    expect(today).toMatchObject({ number: 'A001', waitingAhead: 0 });
    expect((await callNext(hall, await staff.clerk(1), 1))!.number).toBe('A001');
  });

  it('R-HRS-2: closing one service stops issuing for it only', async ({ aHall }) => {
    const { hall, staff } = await aHall();
    await issue(hall, 'A');
    await hall.request('POST', '/services/A/close', { token: await staff.manager() });
    expectError(
      await hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode: 'A' } }),
      409,
      'E_SERVICE_CLOSED',
    );
    expect((await issue(hall, 'B')).number).toBe('B001');
    expect((await callNext(hall, await staff.clerk(1), 1))!.number).toBe('A001');
  });

  it('R-HRS-1: outside opening hours a real hall does not issue', async ({ aHall }) => {
    const { hall, staff } = await aHall('2026-11-25 07:30');
    await hall.request('PUT', '/settings', {
      token: await staff.manager(),
      body: { enforceOpeningHours: true },
    });
    expectError(
      await hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode: 'A' } }),
      409,
      'E_OUTSIDE_HOURS',
    );
  });

  it('R-SLA-1: finishing past the limit without a reason is refused (422); with a reason it is recorded', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, clerk: c1 } = await aHallWithClerk();
    const quick = await issue(hall, 'A');
    const slow = await issue(hall, 'A');
    await callNext(hall, c1, 1);
    await act(hall, c1, quick.id, 'start');
    clock.advance(4 * MIN);
    expect((await act(hall, c1, quick.id, 'finish')).overrunReason).toBeNull();
    await callNext(hall, c1, 1);
    await act(hall, c1, slow.id, 'start');
    clock.advance(5 * MIN + 1_000); // A's limit is 5 min
    await changesNothing(hall, async () => {
      expectError(
        await hall.request('POST', `/tickets/${slow.id}/finish`, { token: c1 }),
        422,
        'E_OVERRUN_REASON_REQUIRED',
      );
      expectError(
        await hall.request('POST', `/tickets/${slow.id}/finish`, {
          token: c1,
          body: { overrunReason: '   ' },
        }),
        400,
        'E_VALIDATION',
      );
    });
    const done = await act(hall, c1, slow.id, 'finish', { overrunReason: '客户资料不全' });
    expect(done).toMatchObject({ status: 'done', overrunReason: '客户资料不全' });
    const finished = journalEvents(hall.node.ctx.db, 'ticket.finished').map((e) => e.payload);
    expect(finished).toEqual([
      expect.objectContaining({
        ticketId: quick.id,
        overrun: false,
        overrunReason: null,
        handlingMs: 4 * MIN,
      }),
      expect.objectContaining({
        ticketId: slow.id,
        overrun: true,
        overrunReason: '客户资料不全',
        handlingMs: 5 * MIN + 1_000,
      }),
    ]);
  });
});

describe('staff sign-in and roles (DESIGN-5)', () => {
  it('DESIGN-5: PINs are stored as argon2id hashes', async ({ aHall }) => {
    const { hall } = await aHall();
    const hashes = hall.node.ctx.db.prepare('SELECT pin_hash FROM staff').pluck().all() as string[];
    expect(hashes).toHaveLength(7);
    for (const h of hashes) expect(h).toMatch(/^\$argon2id\$/);
    expect(hashes.join()).not.toContain('123456');
  });

  it('DESIGN-5: 5 wrong PINs lock the staff number for 5 minutes (429), then the right PIN works', async ({
    aHall,
  }) => {
    const { hall, clock } = await aHall();
    const login = (pin: string) => hall.request('POST', '/auth/login', { body: { staffNo: '1001', pin } });
    for (let i = 0; i < 4; i++) expectError(await login('000000'), 401, 'E_BAD_CREDENTIALS');
    expectError(await login('000000'), 429, 'E_LOCKED_OUT');
    expectError(await login('123456'), 429, 'E_LOCKED_OUT'); // locked also against the right PIN
    clock.advance(4 * MIN + 59_000);
    expectError(await login('123456'), 429, 'E_LOCKED_OUT');
    clock.advance(1_000);
    expect((await login('123456')).status).toBe(200);
    // Another staff number was never affected.
    expect(
      (await hall.request('POST', '/auth/login', { body: { staffNo: '1002', pin: '123456' } })).status,
    ).toBe(200);
  });

  it('DESIGN-5: wrong PINs sent in parallel still lock the staff number', async ({ aHall }) => {
    const { hall } = await aHall();
    const login = (pin: string) => hall.request('POST', '/auth/login', { body: { staffNo: '1001', pin } });
    const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => login(String(100000 + i))));
    for (const g of guesses) expect([401, 429]).toContain(g.status);
    expectError(await login('123456'), 429, 'E_LOCKED_OUT');
  });

  it('DESIGN-6: a clerk whose counter another clerk took over can no longer call or act there', async ({
    aHall,
  }) => {
    const { hall } = await aHall();
    const first = await hall.login('1001', 1);
    const a1 = await issue(hall, 'A');
    await issue(hall, 'A');
    await callNext(hall, first, 1);
    await act(hall, first, a1.id, 'finish');
    const second = await hall.login('1002', 1); // takes counter 1; 1001 is signed out of it
    const counters = parseReply(Counters, await hall.request('GET', '/counters', { token: second }));
    expect(counters.find((c) => c.counterNo === 1)?.staffName).toBe('张伟');
    await changesNothing(hall, async () => {
      expectError(
        await hall.request('POST', '/counters/1/call-next', { token: first }),
        403,
        'E_NOT_YOUR_COUNTER',
      );
      expectError(
        await hall.request('POST', '/counters/1/away', {
          token: first,
          body: { reason: 'lunch', returnAt: Date.parse('2030-01-01T00:00:00Z') },
        }),
        403,
        'E_NOT_YOUR_COUNTER',
      );
    });
    const t = (await callNext(hall, second, 1))!;
    expect(t.number).toBe('A002');
    expectError(
      await hall.request('POST', `/tickets/${t.id}/finish`, { token: first }),
      403,
      'E_NOT_YOUR_TICKET',
    );
    // Signing in elsewhere moves a clerk: the old counter is no longer theirs either.
    const moved = await hall.login('1002', 2);
    expectError(
      await hall.request('POST', `/tickets/${t.id}/finish`, { token: second }),
      403,
      'E_NOT_YOUR_TICKET',
    );
    expect((await hall.request('POST', '/counters/2/call-next', { token: moved })).status).toBe(204);
  });

  it('DESIGN-5: guessing pairing codes is cut off after 20 wrong codes in 10 minutes', async ({ aHall }) => {
    const { hall, clock, staff } = await aHall();
    const codeFor = async (name: string) =>
      parseReply(
        PairingCodeReply,
        await hall.request('POST', '/devices/pairing-codes', {
          token: await staff.manager(),
          body: { role: 'display', name },
        }),
      ).code;
    const pair = (code: string) => hall.request('POST', '/devices/pair', { body: { code } });
    const code = await codeFor('TV 2');
    // Wrong codes of the right shape (the real one with another first character).
    const first = code.startsWith('W') ? 'X' : 'W';
    const wrong = Array.from(
      { length: 20 },
      (_, i) => `${first}${String(i).padStart(3, '0')}-${code.slice(5)}`,
    );
    for (const guess of wrong) expectError(await pair(guess), 401, 'E_PAIRING_CODE');
    expectError(await pair(code), 429, 'E_RATE_LIMITED'); // even the right code, while the window lasts
    clock.advance(10 * MIN);
    expect((await pair(await codeFor('TV 3'))).status).toBe(201);
  });

  it('DESIGN-5: a clerk cannot use manager routes; a manager can', async ({ aHallWithClerk }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk();
    const manager = [
      ['PUT', '/settings', { recallCap: 3 }],
      ['POST', '/hall/close', undefined],
      ['POST', '/services/A/close', undefined],
      ['POST', '/devices', { role: 'display', name: 'TV 2' }],
      ['GET', '/devices', undefined],
      ['POST', '/devices/pairing-codes', { role: 'display', name: 'TV 3' }],
    ] as const;
    for (const [method, url, body] of manager) {
      const opts = body === undefined ? {} : { body };
      expectError(await hall.request(method, url, { token: c1, ...opts }), 403, 'E_FORBIDDEN');
      const ok = await hall.request(method, url, { token: await staff.manager(), ...opts });
      expect(ok.status, `${method} ${url}`).toBeLessThan(300);
    }
  });
});

describe('live events and the API document', () => {
  it('DESIGN-6: /api/v1/events pushes ticket.issued, ticket.called and every other queue change', async ({
    aHall,
  }) => {
    const { hall, clock, staff } = await aHall();
    const display = await listen(hall.url, hall.displayToken);
    try {
      await display.next((m) => m.type === 'hello');
      const t = await issue(hall, 'A', { priority: true });
      const issued = (await display.next((m) => m.type === 'ticket.issued')) as { ticket: TicketReply };
      expect(issued.ticket).toMatchObject({ id: t.id, number: 'A001', status: 'waiting', priority: true });
      await callNext(hall, await staff.clerk(2), 2);
      const called = (await display.next((m) => m.type === 'ticket.called')) as { ticket: TicketReply };
      expect(called.ticket).toMatchObject({ id: t.id, number: 'A001', status: 'called', counterNo: 2 });
      // …and every other queue change the screens draw.
      const c2 = await staff.clerk(2);
      await act(hall, c2, t.id, 'recall');
      expect(await display.next((m) => m.type === 'ticket.recalled')).toMatchObject({
        ticket: { recallCount: 1 },
      });
      await act(hall, c2, t.id, 'finish');
      expect(await display.next((m) => m.type === 'ticket.finished')).toMatchObject({
        ticket: { status: 'done' },
      });
      const returnAt = clock.now() + 10 * MIN;
      await hall.request('POST', '/counters/2/away', { token: c2, body: { reason: '休息', returnAt } });
      expect(await display.next((m) => m.type === 'counter.away')).toMatchObject({
        counter: { counterNo: 2, status: 'away', awayReason: '休息', returnAt },
      });
      await hall.request('POST', '/counters/2/back', { token: c2 });
      expect(await display.next((m) => m.type === 'counter.back')).toMatchObject({
        counter: { status: 'open' },
      });
      await hall.request('POST', '/hall/close', { token: await staff.manager() });
      await display.next((m) => m.type === 'hall.closed');
    } finally {
      display.close();
    }
  });

  it('DESIGN-5: revoking a device closes its live socket at once', async ({ aHall }) => {
    const { hall, staff } = await aHall();
    const paired = parseReply(
      DeviceReply,
      await hall.request('POST', '/devices', {
        token: await staff.manager(),
        body: { role: 'display', name: 'TV 2' },
      }),
    );
    const tv = await listen(hall.url, paired.token);
    await tv.next((m) => m.type === 'hello');
    expect(
      (await hall.request('DELETE', `/devices/${paired.deviceId}`, { token: await staff.manager() })).status,
    ).toBe(204);
    expect((await tv.closed).code).toBe(4401);
  });

  it('DESIGN-6: /api/v1/events refuses a bad token', async ({ aHall }) => {
    const { hall } = await aHall();
    const rogue = await listen(hall.url, 'garbage');
    expect((await rogue.closed).code).toBe(4401);
    expect(rogue.messages).toEqual([]);
  });

  it('DESIGN-6: /api/v1/openapi.json lists every route of the LAN API v1 table', async ({ aHall }) => {
    const { hall } = await aHall();
    const res = await fetch(`${hall.url}/api/v1/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\.1/);
    const table = [
      'get /api/v1/health',
      'post /api/v1/auth/login',
      'post /api/v1/devices',
      'delete /api/v1/devices/{id}',
      'get /api/v1/services',
      'post /api/v1/tickets',
      'get /api/v1/queue',
      'post /api/v1/counters/{no}/call-next',
      ...['recall', 'start', 'finish', 'no-show', 'park', 'cancel', 'transfer'].map(
        (a) => `post /api/v1/tickets/{id}/${a}`,
      ),
      'post /api/v1/counters/{no}/away',
      'post /api/v1/counters/{no}/back',
      'get /api/v1/events',
      'post /api/v1/devices/pairing-codes',
    ];
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(listed).toEqual(expect.arrayContaining(table));
  });
});
