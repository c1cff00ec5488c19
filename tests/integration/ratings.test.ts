import { describe, expect } from 'vitest';
import { stmt } from '../../db/projections/index.ts';
import { OpenRatingRequest, CustomerView } from '../../shared/customer/screen.ts';
import { ratingsContract, RatingRequestStatus, RatingsOverview } from '../../shared/api/hall/ratings.ts';
import { DeviceReply } from '../../shared/api/schemas.ts';
import { it as clocked } from '../support/clocked.ts';
import { it as itStation } from '../support/fixtures.ts';
import { changesNothing, expectError, journalMark } from '../support/builders.ts';
import type { TestHall } from '../support/hall.ts';
import { parseReply } from '../support/http.ts';
import { drain, setUpstreamUrl } from '../support/sync.ts';
import { z } from 'zod';
import { listen } from '../support/live.ts';

/**
 * Issue 12: ratings (R-EVAL-1), feedback forms (R-EVAL-2) and the customer screen (R-SCR-1), written
 * by the node that serves the counter.
 */

const UNREACHABLE = 'http://127.0.0.1:9';
const TICKET = '0190f0c0-0000-7000-8000-00000000a001';
const TICKET2 = '0190f0c0-0000-7000-8000-00000000a002';

/** A pad paired by the hub's manager for a counter (DESIGN §6 POST /devices). */
async function hubPad(hall: TestHall, manager: string, counterNo: number): Promise<string> {
  const res = await hall.request('POST', '/devices', {
    token: manager,
    body: { role: 'pad', name: `评价器 ${counterNo}`, counterNo },
  });
  return parseReply(DeviceReply, res).token;
}

/** A customer screen paired by the clerk at the counter with a one-time code. */
async function pairedScreen(hall: TestHall, clerk: string, counterNo: number, kind = 'customer') {
  const code = await hall.request('POST', `/counters/${counterNo}/screens`, { token: clerk, body: { kind } });
  expect(code.status, JSON.stringify(code.body)).toBe(201);
  const paired = await hall.request('POST', '/screens/pair', {
    body: { code: (code.body as { code: string }).code },
  });
  expect(paired.status, JSON.stringify(paired.body)).toBe(201);
  return (paired.body as { token: string }).token;
}

const invite = (hall: TestHall, clerk: string, counterNo: number, ticketId = TICKET) =>
  hall.request('POST', `/counters/${counterNo}/rating-requests`, {
    token: clerk,
    body: { ticketId, ticketNumber: 'A001' },
  });

/** A rating request the clerk opened at their counter (anything but 201 fails the test). */
async function invited(hall: TestHall, clerk: string, counterNo: number, ticketId = TICKET) {
  const res = await invite(hall, clerk, counterNo, ticketId);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(ratingsContract.requestRating.reply, res);
}

/**
 * The clocked fixtures, and `aRatingRequest()`: aHallWithClerk with the hub's pad for counter 1
 * (paired by the manager) and a rating request the clerk opened there.
 */
const it = clocked.extend('aRatingRequest', ({ aHallWithClerk }) => async () => {
  const e = await aHallWithClerk();
  const pad = await hubPad(e.hall, await e.staff.manager(), 1);
  return { ...e, pad, ...(await invited(e.hall, e.clerk, 1)) };
});

const press = (hall: TestHall, token: string, body: Record<string, unknown>) =>
  hall.request('POST', '/ratings', { token, body });

const misuse = (hall: TestHall) =>
  stmt(hall.node.ctx.db, 'SELECT reason FROM rating_misuse ORDER BY journal_seq').pluck().all() as string[];
const outcomes = (hall: TestHall) =>
  stmt(hall.node.ctx.db, 'SELECT outcome, source FROM ratings ORDER BY recorded_at').all();

describe('ratings (R-EVAL-1)', () => {
  it('R-EVAL-1: request → press → recorded, bound to the ticket, the clerk and the counter; the clerk sees only "rated"', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk, staff, clock } = await aHallWithClerk();
    const pad = await hubPad(hall, await staff.manager(), 1);
    const made = await invite(hall, clerk, 1);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const current = parseReply(
      OpenRatingRequest,
      await hall.request('GET', '/counters/1/rating-requests/current', { token: pad }),
    );
    expect(current).toMatchObject({
      ticketNumber: 'A001',
      levels: ['very_satisfied', 'satisfied', 'fair', 'dissatisfied'],
    });
    clock.advance(3_000);
    const rated = await press(hall, pad, {
      requestId: current.requestId,
      level: 'fair',
      reasons: ['waiting'],
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    const row = stmt(hall.node.ctx.db, 'SELECT * FROM ratings').get() as Record<string, unknown>;
    expect(row).toMatchObject({ ticket_id: TICKET, counter_no: 1, outcome: 'fair', source: 'pad' });
    expect(row.staff_id).toBe(
      stmt(hall.node.ctx.db, "SELECT id FROM staff WHERE staff_no = '1001'").pluck().get(),
    );
    const last = parseReply(
      RatingRequestStatus,
      await hall.request('GET', '/counters/1/rating-requests/last', { token: clerk }),
    );
    expect(last.state).toBe('rated');
    expect(JSON.stringify(last)).not.toContain('fair');
    // The pad has nothing open any more; the manager sees the level afterwards.
    expect((await hall.request('GET', '/counters/1/rating-requests/current', { token: pad })).status).toBe(
      204,
    );
    const overview = parseReply(
      RatingsOverview,
      await hall.request('GET', '/ratings', { token: await staff.manager() }),
    );
    expect(overview.ratings[0]).toMatchObject({
      outcome: 'fair',
      staffName: expect.any(String),
      ticketNumber: 'A001',
    });
  });

  it('R-EVAL-1: no press before the window ends is recorded as no_rating, never as satisfied; a late press is misuse', async ({
    aRatingRequest,
  }) => {
    const { hall, clock, pad, requestId } = await aRatingRequest();
    clock.advance(30_000);
    expect((await hall.request('GET', '/counters/1/rating-requests/current', { token: pad })).status).toBe(
      204,
    );
    expect(outcomes(hall)).toEqual([{ outcome: 'no_rating', source: 'timeout' }]);
    expectError(await press(hall, pad, { requestId, level: 'very_satisfied' }), 409, 'E_RATING_REFUSED');
    expect(misuse(hall)).toEqual(['expired']);
    expect(outcomes(hall)).toEqual([{ outcome: 'no_rating', source: 'timeout' }]);
  });

  it('R-EVAL-1: the expiry job records no_rating when no screen reads again', async ({ aHallWithClerk }) => {
    const { hall, clerk, clock } = await aHallWithClerk();
    await invite(hall, clerk, 1);
    clock.advance(31_000);
    await hall.node.ctx.commits.run('expireRatings', null);
    expect(outcomes(hall)).toEqual([{ outcome: 'no_rating', source: 'timeout' }]);
  });

  it('R-EVAL-1: a second press is 409 and counted as misuse; a press with no request open too', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk, staff, clock } = await aHallWithClerk();
    const pad = await hubPad(hall, await staff.manager(), 1);
    expectError(await press(hall, pad, { level: 'satisfied', source: 'keypad' }), 409, 'E_RATING_REFUSED');
    expect(misuse(hall)).toEqual(['no_request']);
    clock.advance(5_000);
    const { requestId } = await invited(hall, clerk, 1);
    expect((await press(hall, pad, { requestId, level: 'satisfied' })).status).toBe(201);
    clock.advance(1_000);
    expectError(await press(hall, pad, { requestId, level: 'dissatisfied' }), 409, 'E_RATING_REFUSED');
    expect(misuse(hall)).toEqual(['no_request', 'duplicate']);
    expect(outcomes(hall)).toEqual([{ outcome: 'satisfied', source: 'pad' }]);
    // One request per ticket.
    expectError(await invite(hall, clerk, 1), 409, 'E_RATING_ALREADY');
  });

  it('R-EVAL-1: a retried press with the same Idempotency-Key gets the first reply and is no duplicate; a new key is refused', async ({
    aRatingRequest,
  }) => {
    const { hall, clock, pad, requestId } = await aRatingRequest();
    const send = (key: string, level = 'satisfied') =>
      hall.request('POST', '/ratings', {
        token: pad,
        body: { requestId, level },
        headers: { 'idempotency-key': key },
      });
    const first = await send('pad-press-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const mark = journalMark(hall.node.ctx.db);
    clock.advance(1_000);
    // The reply was lost: the pad sends the same press again.
    const retry = await send('pad-press-1');
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(journalMark(hall.node.ctx.db)).toEqual(mark);
    expect(misuse(hall)).toEqual([]);
    // The same key with another level is not the same press.
    expectError(await send('pad-press-1', 'fair'), 422, 'E_IDEMPOTENCY_CONFLICT');
    // A second press (a new key) is refused and counted as before; its retry is refused again, once.
    clock.advance(1_000);
    expectError(await send('pad-press-2'), 409, 'E_RATING_REFUSED');
    expectError(await send('pad-press-2'), 409, 'E_RATING_REFUSED');
    expect(misuse(hall)).toEqual(['duplicate']);
    expect(outcomes(hall)).toEqual([{ outcome: 'satisfied', source: 'pad' }]);
  });

  it('R-EVAL-1: a burst of presses is refused as burst', async ({ aHallWithClerk }) => {
    const { hall, clerk, staff } = await aHallWithClerk();
    const pad = await hubPad(hall, await staff.manager(), 1);
    for (let i = 0; i < 3; i++) await press(hall, pad, { level: 'satisfied' });
    await invite(hall, clerk, 1);
    expectError(await press(hall, pad, { level: 'satisfied' }), 409, 'E_RATING_REFUSED');
    expect(misuse(hall)).toEqual(['no_request', 'no_request', 'no_request', 'burst']);
    expect(outcomes(hall)).toEqual([]);
  });

  it("R-EVAL-1: a pad cannot press on another counter's request, nor read it", async ({ aHallWithClerk }) => {
    const { hall, staff } = await aHallWithClerk();
    const clerk2 = await staff.clerk(2);
    const pad1 = await hubPad(hall, await staff.manager(), 1);
    const { requestId } = await invited(hall, clerk2, 2);
    await changesNothing(hall, async () => {
      expectError(await press(hall, pad1, { requestId, level: 'very_satisfied' }), 403, 'E_NOT_THIS_SCREEN');
      expectError(await hall.request('GET', '/counters/2/rating-requests/current', { token: pad1 }), 403);
    });
  });

  it('R-EVAL-1: a screen paired by the clerk speaks for its counter only; a used code is spent', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk, staff } = await aHallWithClerk();
    const code = (
      (await hall.request('POST', '/counters/1/screens', { token: clerk, body: { kind: 'customer' } }))
        .body as {
        code: string;
      }
    ).code;
    const screen = (await hall.request('POST', '/screens/pair', { body: { code } })).body as {
      token: string;
    };
    expectError(await hall.request('POST', '/screens/pair', { body: { code } }), 401, 'E_SCREEN_CODE');
    // A clerk cannot mint codes for a counter they are not signed in at.
    expectError(
      await hall.request('POST', '/counters/2/screens', { token: clerk, body: { kind: 'pad' } }),
      403,
      'E_NOT_YOUR_COUNTER',
    );
    const { requestId } = await invited(hall, await staff.clerk(2), 2);
    expectError(await press(hall, screen.token, { requestId, level: 'satisfied' }), 403, 'E_NOT_THIS_SCREEN');
    expectError(await hall.request('GET', '/counters/2/screen', { token: screen.token }), 403);
    const view = parseReply(
      CustomerView,
      await hall.request('GET', '/counters/1/screen', { token: screen.token }),
    );
    expect(view.clerk).toMatchObject({ staffNo: '1001', stars: null });
    // Its own counter works.
    await invite(hall, clerk, 1, TICKET2);
    expect((await press(hall, screen.token, { level: 'very_satisfied', source: 'customer' })).status).toBe(
      201,
    );
  });

  it('R-EVAL-1: a level the hall does not use, or reasons on a top level, are refused and change nothing', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk, staff } = await aHallWithClerk();
    const pad = await hubPad(hall, await staff.manager(), 1);
    await invite(hall, clerk, 1);
    await changesNothing(hall, async () => {
      expectError(await press(hall, pad, { level: 'very_dissatisfied' }), 422, 'E_RATING_LEVEL');
      expectError(await press(hall, pad, { level: 'very_satisfied', reasons: ['waiting'] }), 400);
      expectError(await press(hall, pad, { level: 'fair', reasons: ['made_up'] }), 400);
      expectError(await press(hall, pad, { level: 'meh' }), 400);
      expectError(await hall.request('POST', '/counters/1/rating-requests', { token: clerk, body: {} }), 400);
      expectError(
        await hall.request('POST', '/feedback', { token: clerk, body: { source: 'fax', text: 'x' } }),
        400,
      );
      expectError(
        await hall.request('PUT', '/counters/1/screen', { token: clerk, body: { ticket: 5 } }),
        400,
      );
    });
  });
});

describe('feedback forms and the customer screen (R-EVAL-2, R-SCR-1, R-CASH-1)', () => {
  it('R-EVAL-2: a paper opinion form is entered as a feedback record the manager reads', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk, staff } = await aHallWithClerk();
    const res = await hall.request('POST', '/feedback', {
      token: clerk,
      body: { source: 'paper', text: '窗口服务很耐心', level: 'very_satisfied', aboutStaffNo: '1001' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const overview = parseReply(
      RatingsOverview,
      await hall.request('GET', '/ratings', { token: await staff.manager() }),
    );
    expect(overview.feedback).toEqual([
      expect.objectContaining({ source: 'paper', text: '窗口服务很耐心', level: 'very_satisfied' }),
    ]);
  });

  it('R-SCR-1, R-CASH-1, R-FR-3: what the clerk publishes reaches the screen with the service guide; nothing is journaled', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk } = await aHallWithClerk();
    const screen = await pairedScreen(hall, clerk, 1);
    const before = journalMark(hall.node.ctx.db);
    const put = await hall.request('PUT', '/counters/1/screen', {
      token: clerk,
      body: {
        ticket: { id: TICKET, number: 'B001', serviceCode: 'B' },
        step: 1,
        missing: [1],
        cash: { dueFen: 12_345, receivedFen: 20_000, changeFen: 7_655 },
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(204);
    expect(journalMark(hall.node.ctx.db)).toEqual(before);
    const view = parseReply(CustomerView, await hall.request('GET', '/counters/1/screen', { token: screen }));
    expect(view.service).toMatchObject({ code: 'B', name: '业务办理' });
    expect(view.service?.guide?.materials.length).toBe(4);
    expect(view.live).toMatchObject({ step: 1, missing: [1], cash: { changeFen: 7_655 } });
  });
});

describe("the manager's ratings view and a negative rating taken up as a case (issue 12)", () => {
  it('R-EVAL-1, R-FR-1: per clerk and counter the outcomes, no_rating and misuse of the day; one click opens one case bound to the rating', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk, staff, clock } = await aHallWithClerk();
    const manager = await staff.manager();
    const pad = await hubPad(hall, manager, 1);
    expectError(await press(hall, pad, { level: 'satisfied' }), 409, 'E_RATING_REFUSED');
    clock.advance(5_000);
    const { requestId } = await invited(hall, clerk, 1);
    const rated = await press(hall, pad, { requestId, level: 'dissatisfied', reasons: ['waiting'] });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    const { ratingId } = rated.body as { ratingId: string };
    clock.advance(5_000);
    await invite(hall, clerk, 1, TICKET2);
    clock.advance(31_000);
    await hall.node.ctx.commits.run('expireRatings', null);

    const view = async (query = '') =>
      parseReply(RatingsOverview, await hall.request('GET', `/ratings${query}`, { token: manager }));
    const today = await view();
    expect(today.byClerk).toEqual([
      expect.objectContaining({
        counterNo: 1,
        staffNo: '1001',
        outcomes: { dissatisfied: 1, no_rating: 1 },
        total: 2,
      }),
    ]);
    expect(today.misuseByCounter).toEqual([{ counterNo: 1, reasons: { no_request: 1 } }]);
    const negative = today.ratings.find((r) => r.ratingId === ratingId)!;
    expect(negative).toMatchObject({ outcome: 'dissatisfied', reasons: ['waiting'], case: null });
    // The month holds the same; another day holds nothing.
    const month = await view(`?month=${today.period.day!.slice(0, 7)}`);
    expect(month.byOutcome).toEqual({ dissatisfied: 1, no_rating: 1 });
    expect((await view('?day=2020-01-01')).ratings).toEqual([]);

    const body = { kind: 'complaint', summary: '客户评价不满意：等候时间长', ratingId };
    const opened = await hall.request('POST', '/cases', { token: manager, body });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const { id, no } = opened.body as { id: string; no: number };
    // A second click (a new key) opens no second case and names the first.
    await changesNothing(hall, async () => {
      const again = await hall.request('POST', '/cases', { token: manager, body });
      expectError(again, 409, 'E_CASE_FOR_RATING');
      expect(JSON.stringify(again.body)).toContain(String(no));
    });
    const after = await view();
    expect(after.ratings.find((r) => r.ratingId === ratingId)?.case).toEqual({ id, no });
    expect(stmt(hall.node.ctx.db, 'SELECT rating_id FROM cases').pluck().all()).toEqual([ratingId]);
  });

  it('R-EVAL-1: a bad period is a 400 and a clerk may not read the ratings view; nothing changes', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk, staff } = await aHallWithClerk();
    const manager = await staff.manager();
    await changesNothing(hall, async () => {
      for (const q of ['?day=2026-13', '?month=2026-13', '?day=2026-11-30&month=2026-11', '?week=1'])
        expectError(await hall.request('GET', `/ratings${q}`, { token: manager }), 400);
      expectError(await hall.request('GET', '/ratings', { token: clerk }), 403);
    });
  });
});

describe('the customer screen on the live socket (R-SCR-1)', () => {
  it('R-SCR-1, R-CASH-1, R-EVAL-1: a screen gets its view on connecting, on each change the clerk publishes and on its rating request; other counters and staff sockets get none', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk, staff } = await aHallWithClerk();
    const screen = await pairedScreen(hall, clerk, 1);
    const other = await pairedScreen(hall, await staff.clerk(2), 2);
    const views = await listen(hall.url, screen);
    const others = await listen(hall.url, other);
    const staffSocket = await listen(hall.url, clerk);
    type View = { type: string; view?: z.infer<typeof CustomerView> };
    const viewWhere = (f: (v: z.infer<typeof CustomerView>) => boolean) =>
      views.next((m) => {
        const { view } = m as View;
        return m.type === 'customer.view' && view !== undefined && f(view);
      });
    await viewWhere((v) => v.counterNo === 1 && v.live === null);
    const put = await hall.request('PUT', '/counters/1/screen', {
      token: clerk,
      body: {
        ticket: { id: TICKET, number: 'B001', serviceCode: 'B' },
        step: 2,
        cash: { dueFen: 12_345, receivedFen: 20_000, changeFen: 7_655 },
      },
    });
    expect(put.status).toBe(204);
    await viewWhere((v) => v.live?.step === 2 && v.live.cash?.changeFen === 7_655);
    expect((await invite(hall, clerk, 1)).status).toBe(201);
    const rating = (await viewWhere((v) => v.rating !== null)) as View;
    expect(rating.view?.rating?.ticketNumber).toBe('A001');
    // Counter 2's screen got its own view only; the clerk's socket none (only queue events).
    expect(
      others.messages
        .filter((m) => m.type === 'customer.view')
        .every((m) => (m as View).view?.counterNo === 2),
    ).toBe(true);
    expect(staffSocket.messages.some((m) => m.type === 'customer.view')).toBe(false);
    for (const l of [views, others, staffSocket]) l.close();
  });
});

describe('ratings on a station (issue 12, DESIGN §6b)', () => {
  itStation(
    'R-EVAL-1, DESIGN-4: a station rates its customers with its hub unreachable; the hub holds the ratings after the sync',
    async ({ hubWithStation }) => {
      const { hub, station } = await hubWithStation(2);
      setUpstreamUrl(station.node, 'hub', UNREACHABLE);
      const clerk = await station.login('1002', 2);
      const screen = await pairedScreen(station, clerk, 2);
      // The station's screen token means nothing at the hub.
      expectError(await hub.request('GET', '/counters/2/screen', { token: screen }), 401);
      const { requestId } = await invited(station, clerk, 2);
      expect(
        (await press(station, screen, { requestId, level: 'satisfied', source: 'customer' })).status,
      ).toBe(201);
      setUpstreamUrl(station.node, 'hub', hub.url);
      await drain(station.node);
      const atHub = stmt(hub.node.ctx.db, 'SELECT outcome, counter_no, device_id FROM ratings').all();
      expect(atHub).toEqual([{ outcome: 'satisfied', counter_no: 2, device_id: station.node.ctx.deviceId }]);
      expect(
        z.array(z.unknown()).parse(stmt(hub.node.ctx.db, 'SELECT * FROM local_quarantine').all()),
      ).toEqual([]);
    },
  );
});
