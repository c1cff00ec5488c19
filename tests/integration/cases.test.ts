import { describe, expect } from 'vitest';
import { z } from 'zod';
import type { TestHall } from '../support/hall.ts';
import { it } from '../support/clocked.ts';
import { it as itWithStation } from '../support/fixtures.ts';
import { setUpstreamUrl } from '../support/sync.ts';
import {
  expectProjectionsReplay,
  issue,
  journalMark,
  refusedUnchanged,
  shanghai,
} from '../support/builders.ts';
import { parseReply } from '../support/http.ts';
import { CaseSummary, CaseView, OpenCaseReply } from '../../shared/cases/model.ts';
import { CaseReport } from '../../shared/cases/report.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PHONE = '13812345678';

const open = (hall: TestHall, token: string, body: unknown) =>
  hall.request('POST', '/cases', { token, body });
const act = (hall: TestHall, token: string, id: string, body: unknown) =>
  hall.request('POST', `/cases/${id}/actions`, { token, body });
const opened = async (hall: TestHall, token: string, body: unknown) => {
  const res = await open(hall, token, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(OpenCaseReply, res);
};
const acted = async (hall: TestHall, token: string, id: string, body: unknown) => {
  const res = await act(hall, token, id, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return parseReply(CaseView, res);
};
const list = async (hall: TestHall, token: string, query = '') =>
  parseReply(z.array(CaseSummary), await hall.request('GET', `/cases${query}`, { token }));

/** Refused with some 4xx (which one the schema decides), and nothing changed. */
async function refused4xx(hall: TestHall, send: () => Promise<{ status: number; body: unknown }>) {
  const before = journalMark(hall.node.ctx.db);
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(journalMark(hall.node.ctx.db)).toEqual(before);
}

const complaint = { kind: 'complaint', summary: '电费账单金额有误，客户不满', phone: PHONE };

describe('cases (首问负责制)', () => {
  it('R-FR-1: the opener owns the case; assists are logged and the owner stays', async ({ aHall }) => {
    const { hall, staff } = await aHall();
    const c1 = await staff.clerk(1);
    const c2 = await staff.clerk(2);
    // Opened during a visit: the case names the ticket at the counter.
    const ticket = await issue(hall, 'B');
    const { id, ownerStaffNo } = await opened(hall, c1, {
      kind: 'flow',
      summary: '新装表计跟踪',
      ticketId: ticket.id,
    });
    expect(ownerStaffNo).toBe('1001');
    const afterAssist = await acted(hall, c2, id, { kind: 'assist', text: '帮忙查询了档案' });
    expect(afterAssist.ownerStaffNo).toBe('1001');
    expect(afterAssist.actions.map((a) => [a.kind, a.staffNo])).toEqual([
      ['open', '1001'],
      ['assist', '1002'],
    ]);
    expect(afterAssist.ticketId).toBe(ticket.id);
    expect((await list(hall, c1)).map((c) => c.id)).toEqual([id]);
    expect(await list(hall, c2)).toEqual([]);
  });

  it('R-FR-1: only a manager reassigns, with a reason; the new owner then acts', async ({ aHall }) => {
    const { hall, staff } = await aHall();
    const c1 = await staff.clerk(1);
    const c2 = await staff.clerk(2);
    const { id } = await opened(hall, c1, complaint);
    await refusedUnchanged(
      hall,
      () => act(hall, c1, id, { kind: 'reassign', text: '换人', toStaffNo: '1002' }),
      403,
      'E_FORBIDDEN',
    );
    const manager = await staff.manager();
    const moved = await acted(hall, manager, id, { kind: 'reassign', text: '1001 休假', toStaffNo: '1002' });
    expect(moved.ownerStaffNo).toBe('1002');
    expect(moved.actions.at(-1)).toMatchObject({ kind: 'reassign', staffNo: '9001', toStaffNo: '1002' });
    // The former owner may no longer close it; the new one may.
    await refusedUnchanged(
      hall,
      () => act(hall, c1, id, { kind: 'close', text: '已处理', toldVia: 'phone' }),
      403,
      'E_NOT_CASE_OWNER',
    );
    const closed = await acted(hall, c2, id, { kind: 'close', text: '已退还多收电费', toldVia: 'phone' });
    expect(closed).toMatchObject({ status: 'closed', resolution: '已退还多收电费', toldVia: 'phone' });
    // DESIGN §2: the case tables are projections; a rebuild from the journal gives them byte for byte.
    expectProjectionsReplay(hall.node.ctx.db);
  });

  it("R-FR-1: a clerk cannot close, reply to or reassign another owner's case (403, nothing changed)", async ({
    aHall,
  }) => {
    const { hall, staff } = await aHall();
    const c1 = await staff.clerk(1);
    const c2 = await staff.clerk(2);
    const { id } = await opened(hall, c1, complaint);
    for (const body of [
      { kind: 'close', text: '办结', toldVia: 'sms' },
      { kind: 'reply', text: '已回复' },
      { kind: 'reassign', text: '我来', toStaffNo: '1002' },
    ])
      await refusedUnchanged(hall, () => act(hall, c2, id, body), 403);
    const view = parseReply(CaseView, await hall.request('GET', `/cases/${id}`, { token: c2 }));
    expect(view).toMatchObject({ status: 'open', ownerStaffNo: '1001', phone: '138****5678' });
    expect(view.actions).toHaveLength(1);
  });

  it('closing needs the resolution and how the customer was told; a closed case takes nothing more', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk: c1 } = await aHallWithClerk();
    const { id } = await opened(hall, c1, { kind: 'flow', summary: '过户' });
    await refusedUnchanged(hall, () => act(hall, c1, id, { kind: 'close', text: '办结' }), 400);
    await refusedUnchanged(hall, () => act(hall, c1, id, { kind: 'close', text: '', toldVia: 'sms' }), 400);
    await acted(hall, c1, id, { kind: 'close', text: '过户完成', toldVia: 'in_person' });
    await refusedUnchanged(
      hall,
      () => act(hall, c1, id, { kind: 'note', text: '补记' }),
      409,
      'E_CASE_CLOSED',
    );
  });

  it('R-CMP-1: a complaint is due a reply in 3 days and an opinion in 5; working days when set', async ({
    aHall,
  }) => {
    // Friday 2026-09-25 10:00; National Day week follows.
    const { hall, staff, clock } = await aHall('2026-09-25 10:00');
    const c1 = await staff.clerk(1);
    const cal = await opened(hall, c1, complaint);
    expect(cal.replyDueAt).toBe(clock.now() + 3 * DAY);
    expect(cal.opinionDueAt).toBe(clock.now() + 5 * DAY);
    const manager = await staff.manager();
    const set = await hall.request('PUT', '/settings', {
      token: manager,
      body: { complaintDayCount: 'working' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const work = await opened(hall, c1, complaint);
    // Working days: Mon 28, Tue 29, Wed 30 Sep (the holiday starts 1 Oct), due at the end of the 3rd.
    expect(work.replyDueAt).toBe(shanghai('2026-10-01 00:00') - 1);
    // The 5th working day comes after the National Day holiday (Sat 10 Oct is a make-up working day).
    expect(work.opinionDueAt).toBeGreaterThan(shanghai('2026-10-08 00:00'));
  });

  it('R-FR-2: an enquiry needs the phone and a promised reply time; the owner is reminded before it is due', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, clerk: c1 } = await aHallWithClerk();
    await refusedUnchanged(
      hall,
      () => open(hall, c1, { kind: 'enquiry', summary: '阶梯电价如何计算' }),
      422,
      'E_CASE_NEEDS_CONTACT',
    );
    await refusedUnchanged(
      hall,
      () =>
        open(hall, c1, {
          kind: 'enquiry',
          summary: '阶梯电价',
          phone: 'call me',
          promisedAt: clock.now() + DAY,
        }),
      400,
    );
    const { id } = await opened(hall, c1, {
      kind: 'enquiry',
      summary: '阶梯电价如何计算',
      phone: '138-1234-5678',
      promisedAt: clock.now() + 6 * HOUR,
    });
    let mine = await list(hall, c1);
    expect(mine[0]).toMatchObject({ id, phone: '138****5678', remind: false, overdue: false });
    clock.advance(3 * HOUR);
    mine = await list(hall, c1);
    expect(mine[0]).toMatchObject({ remind: true, overdue: false });
    // The owner sees the full number on the case itself (to ring back); lists and others never do.
    const own = parseReply(CaseView, await hall.request('GET', `/cases/${id}`, { token: c1 }));
    expect(own.phone).toBe(PHONE);
    const replied = await acted(hall, c1, id, { kind: 'reply', text: '已电话答复' });
    expect(replied).toMatchObject({ remind: false, nextDueAt: null });
  });

  it('R-DUTY-1, R-CMP-1: a complaint past its reply deadline is on the duty manager’s overdue list', async ({
    aHall,
  }) => {
    const { hall, staff, clock } = await aHall();
    let c1 = await staff.clerk(1);
    let manager = await staff.manager();
    // Sessions end after hours; the clock jumps days, so people sign in again.
    const again = async () => {
      c1 = await hall.login('1001', 1);
      manager = await hall.login('9001');
    };
    const late = await opened(hall, c1, complaint);
    const answered = await opened(hall, c1, { ...complaint, summary: '停电未通知' });
    await acted(hall, c1, answered.id, { kind: 'reply', text: '已致电说明' });
    expect(await list(hall, manager, '?overdue=true')).toEqual([]);
    clock.set(late.replyDueAt! + 1);
    await again();
    const overdue = await list(hall, manager, '?overdue=true');
    expect(overdue.map((c) => c.id)).toEqual([late.id]);
    expect(overdue[0]).toMatchObject({ overdue: true, phone: '138****5678', ownerStaffNo: '1001' });
    // The reply meets the reply deadline, not yet the opinion's.
    clock.set(answered.opinionDueAt! + 1);
    await again();
    expect((await list(hall, manager, '?overdue=true')).map((c) => c.id).sort()).toEqual(
      [late.id, answered.id].sort(),
    );
    await acted(hall, c1, late.id, { kind: 'opinion', text: '书面处理意见已送达' });
    expect((await list(hall, manager, '?overdue=true')).map((c) => c.id)).toEqual([answered.id]);
    // The overdue list and every open case are the manager's only.
    await refusedUnchanged(hall, () => hall.request('GET', '/cases?overdue=true', { token: c1 }), 403);
    await refusedUnchanged(hall, () => hall.request('GET', '/cases?scope=all', { token: c1 }), 403);
    expect((await list(hall, manager, '?scope=all')).length).toBe(2);
  });

  it('R-CMP-2: the month report counts per clerk and its CSV masks the phone', async ({ aHall }) => {
    const { hall, staff, clock } = await aHall('2026-11-02 10:00');
    let c1 = await staff.clerk(1);
    const c2 = await staff.clerk(2);
    const done = await opened(hall, c1, { kind: 'flow', summary: '增容' });
    const stalled = await opened(hall, c1, complaint);
    await opened(hall, c2, { kind: 'flow', summary: '销户' });
    clock.advance(DAY);
    c1 = await hall.login('1001', 1);
    await acted(hall, c1, done.id, { kind: 'close', text: '增容完成', toldVia: 'sms' });
    clock.set(shanghai('2026-11-20 10:00'));
    c1 = await hall.login('1001', 1);
    const manager = await hall.login('9001');
    const res = await hall.request('GET', '/cases/report?month=2026-11', { token: manager });
    const report = parseReply(CaseReport, res);
    const row = (no: string) => report.rows.find((r) => r.staffNo === no);
    expect(row('1001')).toMatchObject({ accepted: 2, finished: 1, unfinished: 1, stalled: 1, overdue: 1 });
    expect(row('1002')).toMatchObject({ accepted: 1, finished: 0, unfinished: 1, stalled: 1, overdue: 0 });
    expect(report.unfinished.find((c) => c.id === stalled.id)).toMatchObject({
      phone: '138****5678',
      stalled: true,
      overdue: true,
    });
    const csv = await fetch(`${hall.url}/api/v1/cases/report.csv?month=2026-11`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text).toContain('138****5678');
    expect(text).not.toContain(PHONE);
    expect(text.split('\r\n')[1]).toMatch(/^2026-11,1001,/);
    await refusedUnchanged(
      hall,
      () => hall.request('GET', '/cases/report?month=2026-11', { token: c1 }),
      403,
    );
    await refusedUnchanged(
      hall,
      () => hall.request('GET', '/cases/report?month=2026-13', { token: manager }),
      400,
    );
  });

  it('bad input on every case route: 4xx and nothing changed', async ({ aHallWithClerk }) => {
    const { hall, clock, clerk: c1 } = await aHallWithClerk();
    const { id } = await opened(hall, c1, { kind: 'flow', summary: '跟踪' });
    for (const body of [
      {},
      { kind: 'rumour', summary: 'x' },
      { kind: 'flow', summary: '' },
      { kind: 'flow', summary: 'x', extra: 1 },
      { kind: 'flow', summary: 'x', promisedAt: clock.now() - 1 },
      { kind: 'flow', summary: 'x', ticketId: 'no-such-ticket' },
      { kind: 'complaint', summary: 'x'.repeat(501) },
    ])
      await refused4xx(hall, () => open(hall, c1, body));
    for (const body of [
      {},
      { kind: 'close', text: 'x' },
      { kind: 'reassign', text: 'x' },
      { kind: 'fly', text: 'x' },
      { kind: 'assist', text: 'x', toStaffNo: '7777' },
    ])
      await refused4xx(hall, () => act(hall, c1, id, body));
    await refusedUnchanged(hall, () => act(hall, c1, 'no-such-case', { kind: 'note', text: 'x' }), 404);
    await refusedUnchanged(hall, () => hall.request('GET', '/cases/no-such-case', { token: c1 }), 404);
    await refusedUnchanged(hall, () => hall.request('GET', '/cases?overdue=maybe', { token: c1 }), 400);
    // A case from a rating names one this hub holds (tests/integration/ratings.test.ts opens one).
    await refusedUnchanged(
      hall,
      () => open(hall, c1, { ...complaint, ratingId: '0190f0c0-0000-7000-8000-0000000000ee' }),
      404,
      'E_UNKNOWN_RATING',
    );
  });

  itWithStation(
    'R-FR-1: a station forwards case routes to its hub (one owner across counters); hub unreachable → 503, nothing written',
    async ({ pairedHub, pulledStation }) => {
      const hub = await pairedHub();
      const station = await pulledStation(hub, 2);
      const clerk = await station.login('1002', 2);
      const { id, ownerStaffNo } = await opened(station, clerk, { kind: 'flow', summary: '过户跟踪' });
      expect(ownerStaffNo).toBe('1002');
      // The case is the hub's record; the station's journal holds none of it.
      expect(hub.node.ctx.db.prepare('SELECT owner_id FROM cases WHERE id = ?').get(id)).toBeTruthy();
      expect(
        station.node.ctx.db.prepare("SELECT count(*) AS n FROM journal WHERE type LIKE 'case.%'").get(),
      ).toEqual({
        n: 0,
      });
      setUpstreamUrl(station.node, 'hub', 'http://127.0.0.1:9');
      const hubMark = journalMark(hub.node.ctx.db);
      await refusedUnchanged(
        station,
        () => open(station, clerk, { kind: 'flow', summary: '离线' }),
        503,
        'E_HUB_UNREACHABLE',
      );
      expect(journalMark(hub.node.ctx.db)).toEqual(hubMark);
    },
  );
});
