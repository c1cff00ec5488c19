import { describe, expect } from 'vitest';
import { z } from 'zod';
import { CounterHandovers } from '../../shared/api/hall/handover.ts';
import { HandoverView } from '../../shared/handover/model.ts';
import { it } from '../support/clocked.ts';
import { it as itWithStation } from '../support/fixtures.ts';
import { expectProjectionsReplay, hallAlerts, journalEvents, refusedUnchanged } from '../support/builders.ts';
import * as read from '../../db/read.ts';
import type { TestHall } from '../support/hall.ts';
import { parseReply } from '../support/http.ts';
import { drain } from '../support/sync.ts';

const MINUTE = 60_000;
const PIN = '123456';

/** ¥350 in the drawer: three ¥100, four ¥10, twenty ¥0.5. */
const CASH = { '10000': 3, '1000': 4, '50': 20 };
const writtenBook = [
  { kind: 'cash', text: '备用金及当班现金', counts: CASH },
  { kind: 'install_order', text: '新装工单 XZ-20261125-07，待勘查' },
  { kind: 'repair_order', text: '报修工单 BX-3318，已派工' },
  { kind: 'cheque', text: '转账支票一张', amountFen: 128_000 },
  { kind: 'invoice', text: '空白发票', range: { from: '00012001', to: '00012050' } },
  { kind: 'keys', text: '柜台钥匙两把' },
];
/** The incoming clerk's answers that agree with every item of writtenBook. */
const agreeing = [
  { index: 0, confirmed: true, counts: CASH },
  { index: 1, confirmed: true },
  { index: 2, confirmed: true },
  { index: 3, confirmed: true, amountFen: 128_000 },
  { index: 4, confirmed: true, range: { from: '00012001', to: '00012050' } },
  { index: 5, confirmed: true },
];

const write = (hall: TestHall, token: string, items: unknown) =>
  hall.request('POST', '/handovers', { token, body: { items } });
const accept = (hall: TestHall, token: string, id: string, items: unknown, pin = PIN) =>
  hall.request('POST', `/handovers/${id}/accept`, { token, body: { items, pin } });
async function written(hall: TestHall, token: string, items: unknown): Promise<string> {
  const res = await write(hall, token, items);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body as { id: string }).id;
}
async function accepted(hall: TestHall, token: string, id: string, items: unknown) {
  const res = await accept(hall, token, id, items);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(HandoverView, res);
}
/**
 * writtenBook handed over by `writer` at counter 1 and signed there by 1002 with item `index` disputed
 * (`note`): the handover's id, the incoming clerk's token and the handover as signed.
 */
async function signedWithDispute(hall: TestHall, writer: string, index: number, note: string) {
  const id = await written(hall, writer, writtenBook);
  const incoming = await hall.login('1002', 1);
  const disputed = agreeing.map((a) => (a.index === index ? { index, confirmed: false, note } : a));
  return { id, incoming, signed: await accepted(hall, incoming, id, disputed) };
}
const atCounter = async (hall: TestHall, token: string) =>
  parseReply(CounterHandovers, await hall.request('GET', '/handovers/counter', { token }));
const managerList = async (hall: TestHall, token: string, filter = 'all') =>
  parseReply(z.array(HandoverView), await hall.request('GET', `/handovers?filter=${filter}`, { token }));
const raiseAlerts = (hall: TestHall) => hall.node.ctx.commits.run('raiseRecordAlerts');

describe('the handover book (交接班, issue 13)', () => {
  it('R-HAND-1, R-HAND-2: the outgoing clerk hands over cash by denomination (linked to the drawer), work orders, a cheque, invoices by range and keys; the incoming clerk confirms each item and signs with their PIN', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk: outgoing } = await aHallWithClerk();
    expect(
      (await hall.request('POST', '/drawer/open', { token: outgoing, body: { floatFen: 35_000 } })).status,
    ).toBe(201);
    const id = await written(hall, outgoing, writtenBook);
    const [row] = journalEvents(hall.node.ctx.db, 'handover.written');
    const drawerId = (journalEvents(hall.node.ctx.db, 'drawer.opened')[0]!.payload as { drawerId: string })
      .drawerId;
    expect(row!.payload.drawerId).toBe(drawerId);
    expect((row!.payload.items as { drawerId?: string }[])[0]!.drawerId).toBe(drawerId);
    // The writer sees it as theirs: not signable.
    const mine = await atCounter(hall, outgoing);
    expect(mine.waiting?.id).toBe(id);
    expect(mine.waiting?.mine).toBe(true);
    expect(mine.waiting?.items[0]?.handedFen).toBe(35_000);
    expect(mine.kinds).toContain('cash');

    const incoming = await hall.login('1002', 1);
    const waiting = await atCounter(hall, incoming);
    expect(waiting.waiting?.mine).toBe(false);
    const signed = await accepted(hall, incoming, id, agreeing);
    expect(signed.acceptorStaffNo).toBe('1002');
    expect(signed.writerStaffNo).toBe('1001');
    expect(signed.disagreements).toBe(0);
    expect(signed.items.every((i) => i.confirmed)).toBe(true);
    expect((await atCounter(hall, incoming)).waiting).toBeNull();
    // Signed once: a second acceptance is refused.
    await refusedUnchanged(hall, () => accept(hall, incoming, id, agreeing), 409, 'E_HANDOVER_SIGNED');
    expectProjectionsReplay(hall.node.ctx.db);
  });

  it('R-HAND-1: the writer cannot sign their own handover, nor anyone with a wrong PIN, a wrong count, a missing item or no counter (each refused, nothing changed)', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: outgoing } = await aHallWithClerk();
    const id = await written(hall, outgoing, writtenBook);
    await refusedUnchanged(hall, () => accept(hall, outgoing, id, agreeing), 403, 'E_HANDOVER_SELF');
    const incoming = await hall.login('1002', 1);
    // Signing as the wrong person: the PIN is not the session's own.
    await refusedUnchanged(
      hall,
      () => accept(hall, incoming, id, agreeing, '654321'),
      401,
      'E_BAD_CREDENTIALS',
    );
    // Cash counted on both sides: ¥10 short is no confirmation.
    const short = agreeing.map((a) =>
      a.index === 0 ? { ...a, counts: { '10000': 3, '1000': 3, '50': 20 } } : a,
    );
    await refusedUnchanged(hall, () => accept(hall, incoming, id, short), 422, 'E_HANDOVER_ANSWER');
    const noCount = agreeing.map((a) => (a.index === 0 ? { index: 0, confirmed: true } : a));
    await refusedUnchanged(hall, () => accept(hall, incoming, id, noCount), 422, 'E_HANDOVER_ANSWER');
    const wrongCheque = agreeing.map((a) => (a.index === 3 ? { ...a, amountFen: 12_800 } : a));
    await refusedUnchanged(hall, () => accept(hall, incoming, id, wrongCheque), 422, 'E_HANDOVER_ANSWER');
    const wrongRange = agreeing.map((a) =>
      a.index === 4 ? { ...a, range: { from: '00012001', to: '00012049' } } : a,
    );
    await refusedUnchanged(hall, () => accept(hall, incoming, id, wrongRange), 422, 'E_HANDOVER_ANSWER');
    await refusedUnchanged(
      hall,
      () => accept(hall, incoming, id, agreeing.slice(1)),
      422,
      'E_HANDOVER_ANSWER',
    );
    const disputedSilently = agreeing.map((a) => (a.index === 5 ? { index: 5, confirmed: false } : a));
    await refusedUnchanged(
      hall,
      () => accept(hall, incoming, id, disputedSilently),
      422,
      'E_HANDOVER_ANSWER',
    );
    await refusedUnchanged(
      hall,
      () => hall.request('POST', `/handovers/${id}/accept`, { token: incoming, body: { items: agreeing } }),
      400,
    );
    // A manager signed in with no counter has no counter's book to sign.
    const manager = await staff.manager();
    await refusedUnchanged(hall, () => accept(hall, manager, id, agreeing), 403, 'E_COUNTER_NEEDED');
    // At another counter the handover is not theirs to sign.
    const elsewhere = await staff.clerk(3);
    await refusedUnchanged(hall, () => accept(hall, elsewhere, id, agreeing), 403, 'E_NOT_YOUR_COUNTER');
    await refusedUnchanged(
      hall,
      () => accept(hall, incoming, 'no-such-id', agreeing),
      404,
      'E_UNKNOWN_HANDOVER',
    );
  });

  it('R-HAND-2: items outside the handover list, cash not counted by denomination, invoices without a range or an empty handover are refused; a second one waits for the first to be signed', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk } = await aHallWithClerk();
    await refusedUnchanged(
      hall,
      () => write(hall, clerk, [{ kind: 'sweets', text: '糖' }]),
      422,
      'E_HANDOVER_ITEM',
    );
    await refusedUnchanged(
      hall,
      () => write(hall, clerk, [{ kind: 'cash', text: '现金', amountFen: 100 }]),
      422,
    );
    await refusedUnchanged(hall, () => write(hall, clerk, [{ kind: 'invoice', text: '发票' }]), 422);
    await refusedUnchanged(
      hall,
      () => write(hall, clerk, [{ kind: 'cash', text: '现金', counts: { '100': 1 }, amountFen: 200 }]),
      422,
    );
    await refusedUnchanged(hall, () => write(hall, clerk, []), 422, 'E_HANDOVER_EMPTY');
    await refusedUnchanged(hall, () => write(hall, clerk, [{ kind: 'keys' }]), 400);
    await refusedUnchanged(
      hall,
      () => write(hall, clerk, [{ kind: 'invoice', text: '发票', range: { from: '0050', to: '0010' } }]),
      400,
    );
    // The list is a setting: a hall that adds seals may hand them over.
    const manager = await staff.manager();
    const kinds = [...(await atCounter(hall, clerk)).kinds, 'seals'];
    expect(
      (await hall.request('PUT', '/settings', { token: manager, body: { handoverKinds: kinds } })).status,
    ).toBe(200);
    await written(hall, clerk, [{ kind: 'seals', text: '业务专用章' }]);
    await refusedUnchanged(
      hall,
      () => write(hall, clerk, [{ kind: 'keys', text: '钥匙' }]),
      409,
      'E_HANDOVER_WAITING',
    );
  });

  it('R-HAND-1: a disputed item is written into the book, escalates to the duty manager and carries over into the next handover until it is confirmed', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clock, clerk } = await aHallWithClerk();
    const note = '工单原件不在柜内，已电话询问';
    const { id: id1, incoming: second, signed } = await signedWithDispute(hall, clerk, 1, note);
    expect(signed.disagreements).toBe(1);
    expect(signed.items[1]).toMatchObject({ confirmed: false, note });
    // The duty manager sees the disagreement.
    await raiseAlerts(hall);
    const manager = await staff.manager();
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'handover_disagreement')).toEqual([
      expect.objectContaining({
        ref: id1,
        counterNo: 1,
        facts: expect.objectContaining({ count: 1, item: 2 }),
      }),
    ]);
    expect((await managerList(hall, manager, 'disagreements')).map((h) => h.id)).toEqual([id1]);
    // Raised once, however often the timer runs.
    await raiseAlerts(hall);
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'handover_disagreement')).toHaveLength(
      1,
    );

    // The next handover starts from it, automatically.
    expect((await atCounter(hall, second)).carryOver).toEqual([
      { ...writtenBook[1], carriedFrom: { handoverId: id1, index: 1 } },
    ]);
    clock.advance(8 * 60 * MINUTE);
    const id2 = await written(hall, second, [{ kind: 'keys', text: '柜台钥匙两把' }]);
    const third = await hall.login('1003', 1);
    const book2 = (await atCounter(hall, third)).waiting!;
    expect(book2.items.map((i) => [i.kind, i.carriedFrom?.handoverId ?? null])).toEqual([
      ['install_order', id1],
      ['keys', null],
    ]);
    // Carried once: a later handover does not carry it again while this one answers for it.
    expect((await atCounter(hall, third)).carryOver).toEqual([]);
    await accepted(hall, third, id2, [
      { index: 0, confirmed: true },
      { index: 1, confirmed: true },
    ]);
    // Confirmed now: the escalation is resolved and nothing carries over any more.
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'handover_disagreement')).toEqual([]);
    expect((await atCounter(hall, third)).carryOver).toEqual([]);
    expectProjectionsReplay(hall.node.ctx.db);
  });

  it('R-HAND-1: the duty manager writes their opinion into the book for a disputed handover (PIN checked on the spot); the book shows it and its dispute alert comes down', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk } = await aHallWithClerk();
    const { id: disputedId, incoming: second } = await signedWithDispute(
      hall,
      clerk,
      3,
      '支票金额与存根不符',
    );
    // An undisputed handover at counter 2, and one not signed yet at counter 3.
    const cleanId = await written(hall, await hall.login('1003', 2), [{ kind: 'keys', text: '钥匙' }]);
    await accepted(hall, await hall.login('1004', 2), cleanId, [{ index: 0, confirmed: true }]);
    const unsignedId = await written(hall, await hall.login('1005', 3), [{ kind: 'keys', text: '钥匙' }]);
    await raiseAlerts(hall);
    const manager = await staff.manager();
    const disputes = async () =>
      (await hallAlerts(hall, manager)).filter((a) => a.kind === 'handover_disagreement').map((a) => a.ref);
    expect(await disputes()).toEqual([disputedId]);

    const RULING = '支票退回出票单位核对，由 1001 跟进，次日交接时确认';
    const rule = (token: string, id: string, approver: unknown, opinion = RULING) =>
      hall.request('POST', `/handovers/${id}/opinion`, { token, body: { opinion, approver } });
    const asManager = { staffNo: '9001', pin: PIN };
    // A clerk cannot rule, with their own PIN or in their own session; nor can a device.
    await refusedUnchanged(
      hall,
      () => rule(second, disputedId, { staffNo: '1002', pin: PIN }),
      403,
      'E_APPROVER',
    );
    await refusedUnchanged(hall, () => rule(second, disputedId, undefined), 400);
    await refusedUnchanged(hall, () => rule(hall.kioskToken, disputedId, asManager), 403, 'E_FORBIDDEN');
    await refusedUnchanged(hall, () => rule(hall.displayToken, disputedId, asManager), 403, 'E_FORBIDDEN');
    // A wrong PIN counts as a failed sign-in and writes nothing.
    await refusedUnchanged(
      hall,
      () => rule(manager, disputedId, { staffNo: '9001', pin: '654321' }),
      401,
      'E_BAD_CREDENTIALS',
    );
    // Nothing to rule on: no disagreement, or not signed yet; an unknown handover; an empty opinion.
    await refusedUnchanged(hall, () => rule(manager, cleanId, asManager), 409, 'E_HANDOVER_NOT_DISPUTED');
    await refusedUnchanged(hall, () => rule(manager, unsignedId, asManager), 409, 'E_HANDOVER_NOT_DISPUTED');
    await refusedUnchanged(
      hall,
      () => rule(manager, 'no-such-handover', asManager),
      404,
      'E_UNKNOWN_HANDOVER',
    );
    await refusedUnchanged(hall, () => rule(manager, disputedId, asManager, '   '), 400);
    expect(await disputes()).toEqual([disputedId]);

    const res = await rule(manager, disputedId, asManager);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(parseReply(HandoverView, res).opinion).toMatchObject({ text: RULING, staffNo: '9001' });
    const [row] = journalEvents(hall.node.ctx.db, 'handover.ruled');
    expect(row).toMatchObject({
      recorded_by: read.staffByNo(hall.node.ctx.db, '9001')!.id,
      payload: { handoverId: disputedId, counterNo: 1, opinion: RULING },
    });
    // The escalation is answered: its alert comes down and the timer does not raise it again.
    expect(await disputes()).toEqual([]);
    await raiseAlerts(hall);
    expect(await disputes()).toEqual([]);
    // In the book: the manager's list and the counter's own view of that handover.
    const listed = (await managerList(hall, manager, 'disagreements')).find((h) => h.id === disputedId);
    expect(listed?.opinion).toMatchObject({ text: RULING, staffNo: '9001' });
    const mine = parseReply(
      z.array(HandoverView),
      await hall.request('GET', '/handovers/mine', { token: second }),
    );
    expect(mine.find((h) => h.id === disputedId)?.opinion?.text).toBe(RULING);
    // Once only; the disputed cheque still carries over until a later handover confirms it.
    await refusedUnchanged(hall, () => rule(manager, disputedId, asManager), 409, 'E_HANDOVER_RULED');
    expect((await atCounter(hall, second)).carryOver.map((i) => i.kind)).toEqual(['cheque']);
    expectProjectionsReplay(hall.node.ctx.db);
  });

  it('R-HAND-1: an opinion written before the timer raised the dispute alert means it is never raised', async ({
    aHall,
  }) => {
    const { hall, staff } = await aHall();
    const id = await written(hall, await staff.clerk(1), [{ kind: 'keys', text: '钥匙' }]);
    await accepted(hall, await hall.login('1002', 1), id, [{ index: 0, confirmed: false, note: '少一把' }]);
    const manager = await staff.manager();
    const res = await hall.request('POST', `/handovers/${id}/opinion`, {
      token: manager,
      body: { opinion: '配钥匙，费用由班组承担', approver: { staffNo: '9001', pin: PIN } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await raiseAlerts(hall);
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'handover_disagreement')).toEqual([]);
  });

  it('R-HAND-1: a handover left unsigned longer than the setting raises one alert (injected clock), which signing takes down', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clock, clerk } = await aHallWithClerk();
    const manager = await staff.manager();
    const id = await written(hall, clerk, [{ kind: 'keys', text: '柜台钥匙两把' }]);
    clock.advance(30 * MINUTE);
    await raiseAlerts(hall);
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'handover_unsigned')).toEqual([]);
    clock.advance(MINUTE + 1);
    await raiseAlerts(hall);
    await raiseAlerts(hall);
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'handover_unsigned')).toEqual([
      expect.objectContaining({ ref: id, counterNo: 1, facts: { minutes: 31, maxMinutes: 30 } }),
    ]);
    expect((await managerList(hall, manager, 'unsigned')).map((h) => h.id)).toEqual([id]);
    const incoming = await hall.login('1002', 1);
    await accepted(hall, incoming, id, [{ index: 0, confirmed: true }]);
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'handover_unsigned')).toEqual([]);
    expect(await managerList(hall, manager, 'unsigned')).toEqual([]);
  });
});

describe('the handover book on a station (issue 13, DESIGN §4)', () => {
  itWithStation(
    'R-HAND-1: a station writes and signs its counter’s handover on its own; after the sync the hub’s manager sees it, and a handover left unsigned there is alerted by the hub',
    async ({ pairedHubOnClock, pulledStation }) => {
      const { hub, clock } = await pairedHubOnClock();
      const station = await pulledStation(hub, 2);
      const outgoing = await station.login('1002', 2);
      const signedId = await written(station, outgoing, [{ kind: 'keys', text: '钥匙' }]);
      const incoming = await station.login('1003', 2);
      await accepted(station, incoming, signedId, [{ index: 0, confirmed: true }]);
      const unsignedId = await written(station, incoming, [{ kind: 'tools', text: '验电笔' }]);
      await drain(station.node);
      const manager = await hub.login('9001');
      const all = await managerList(hub, manager);
      expect(all.map((h) => [h.id, h.counterNo, h.acceptorStaffNo])).toEqual([
        [unsignedId, 2, null],
        [signedId, 2, '1003'],
      ]);
      await raiseAlerts(hub);
      expect((await hallAlerts(hub, manager)).filter((a) => a.kind === 'handover_unsigned')).toEqual([]);
      clock.advance(31 * MINUTE);
      await raiseAlerts(hub);
      expect((await hallAlerts(hub, manager)).map((a) => [a.kind, a.ref])).toEqual([
        ['handover_unsigned', unsignedId],
      ]);
    },
  );
});
