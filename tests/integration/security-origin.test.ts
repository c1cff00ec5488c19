import { describe, expect } from 'vitest';
import { stmt } from '../../db/projections/index.ts';
import { dumpProjections } from '../../db/rebuild.ts';
import * as read from '../../db/read.ts';
import type { StaffRow } from '../../db/read.ts';
import { AUTHORITY } from '../../shared/events/authority.ts';
import { EVENTS, type EventPayload, type EventType } from '../../shared/events/catalog.ts';
import { computeHallZReport } from '../../shared/money/hallZReport.ts';
import { PushReply } from '../../shared/sync/protocol.ts';
import type { TestHall } from '../support/hall.ts';
import { journalMark } from '../support/builders.ts';
import { pushRaw, RowChain } from '../support/rows.ts';
import { drain, hubToken, startPairedHub } from '../support/sync.ts';
import { BACKEND } from '../support/headoffice.ts';
import { test } from '../support/fixtures.ts';
import type { Db } from '../../db/open.ts';
import { DeviceReply } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';
import { aReceiptRecorded } from '../support/money.ts';

/**
 * Issue 9, critical: the sync path is a write path. A paired counter device pushed staff.enrolled and
 * device.revoked rows to its hub and the hub applied them. Every event type now says which origin may
 * write it (shared/events/authority.ts) and the hub checks that before it applies a station row.
 */

const PIN_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0123456789abcdefghijklmnopqrstuvwxyzABCDE';
const TICKET = '0190f0c0-0000-7000-8000-0000000000aa';

/** A schema-valid payload of every event type: the compiler insists that none is missing. */
function samples(counterNo: number, staffId: string): { [K in EventType]: EventPayload<K> } {
  return {
    'hall.configured': { hallId: 'h', name: 'Rogue hall', demo: false },
    'setting.changed': { key: 'recallCap', value: 1 },
    'service.defined': {
      code: 'Z',
      name: '伪造',
      nameEn: 'Forged',
      prefix: 'Z',
      slaMinutes: 5,
      open: true,
      sort: 9,
    },
    'service.opened': { code: 'A' },
    'service.closed': { code: 'A' },
    'counter.defined': { counterNo: 9, name: '9', services: ['A'] },
    'staff.enrolled': {
      staffId: 'rogue',
      staffNo: '6666',
      name: 'Rogue',
      role: 'manager',
      pinHash: PIN_HASH,
    },
    'device.paired': { deviceId: 'rogue-device', role: 'kiosk', name: 'Rogue', counterNo: null },
    'device.revoked': { deviceId: 'kiosk' },
    'reference.updated': { kind: 'setting', key: 'recallCap', version: 99, data: { value: 1 } },
    'hall.opened': {},
    'hall.closed': {},
    'ticket.issued': {
      ticketId: TICKET,
      number: 'A999',
      serviceCode: 'A',
      priority: true,
      internal: false,
      businessDay: '2026-01-05',
      seq: 999,
      idempotencyKey: null,
      channel: 'staff',
    },
    'ticket.called': { ticketId: TICKET, counterNo, staffId, streak: 0 },
    'ticket.recalled': { ticketId: TICKET, counterNo, recallCount: 1 },
    'ticket.started': { ticketId: TICKET, counterNo },
    'ticket.finished': { ticketId: TICKET, counterNo, handlingMs: 1, overrun: false, overrunReason: null },
    'ticket.no_show': { ticketId: TICKET, counterNo, reason: 'clerk' },
    'ticket.reactivated': { ticketId: TICKET },
    'ticket.parked': { ticketId: TICKET, counterNo },
    'ticket.returned': { ticketId: TICKET, counterNo },
    'ticket.cancelled': { ticketId: TICKET, counterNo },
    'ticket.transferred': {
      ticketId: TICKET,
      fromCounterNo: counterNo,
      toServiceCode: 'B',
      toCounterNo: null,
      head: true,
    },
    'walkin.served': {
      walkinId: '0190f0c0-0000-7000-8000-0000000000bb',
      serviceCode: 'A',
      counterNo,
      staffId,
      startedAt: Date.UTC(2026, 0, 5, 1, 0, 0),
      businessDay: '2026-01-05',
      note: null,
    },
    'counter.signed_in': { counterNo, staffId },
    'counter.signed_out': { counterNo, staffId },
    'counter.away': { counterNo, reason: 'rogue', returnAt: Date.UTC(2026, 0, 5, 2, 0, 0) },
    'counter.back': { counterNo },
    'alert.raised': { alertId: 'rogue-alert', kind: 'away_overdue', counterNo, message: 'rogue' },
    ...moneySamples(counterNo, staffId),
    // The hall's close is the hub's alone (it holds every device's): a station's forged one is refused.
    'hall_day.closed': {
      day: '2026-01-05',
      staffId,
      approverId: 'rogue-approver',
      report: computeHallZReport('2026-01-05', [], Date.UTC(2026, 0, 5, 10, 0, 0)),
    },
    ...caseSamples(counterNo, staffId),
    ...ratingSamples(counterNo, staffId),
    ...recordSamples(counterNo, staffId),
    ...checklistSamples(staffId),
  };
}

const ITEM = { code: 'furniture', result: 'pass' as const, value: null, note: null, photoSha256: null };
/**
 * Issue 13's checklist and hall-day events: a station fills checklists in local-first (completion,
 * amendment, photo, signed by its clerk in session), but a forged countersign, missed mark, follow-up
 * resolution, hall template or override is the hub's and is refused, changing nothing.
 */
function checklistSamples(staffId: string): { [K in ChecklistEvent]: EventPayload<K> } {
  const occurrenceId = 'opening@2026-01-05';
  return {
    'checklist.completed': {
      occurrenceId,
      templateCode: 'opening',
      day: '2026-01-05',
      dueAt: Date.UTC(2026, 0, 5, 0, 0, 0),
      staffId,
      late: false,
      items: [ITEM],
      followups: [],
    },
    'checklist.amended': {
      occurrenceId,
      amendmentId: 'rogue-amendment',
      staffId,
      reason: 'rogue',
      items: [ITEM],
      followups: [{ id: 'rogue-followup', itemCode: 'furniture' }],
    },
    'checklist.countersigned': { occurrenceId, staffId },
    'checklist.missed': {
      occurrenceId,
      templateCode: 'opening',
      day: '2026-01-05',
      dueAt: Date.UTC(2026, 0, 5),
    },
    'checklist.photo': { sha256: 'a'.repeat(64), mime: 'image/png', dataBase64: 'iVBORw0KGgo=', staffId },
    'checklist.followup_resolved': { followupId: 'rogue-followup', staffId, note: 'rogue' },
    'checklist.template_set': {
      code: 'rogue',
      template: {
        name: 'Rogue',
        nameEn: '',
        rule: '',
        recurrence: 'FREQ=DAILY',
        startTime: '07:00',
        dueTime: '08:00',
        opening: true,
        role: 'clerk',
        lateAllowed: false,
        countersign: false,
        items: [{ code: 'x', label: 'x', labelEn: '', kind: 'pass_fail', unit: '', required: true }],
      },
      staffId,
    },
    'hall.overridden': { action: 'open', rule: 'R-OPEN-1', reason: 'rogue', staffId },
  };
}
type ChecklistEvent = Extract<EventType, `checklist.${string}`> | 'hall.overridden';

/**
 * The event types a station may write, as these tests expect them (stated here, not read from the
 * table under test): sign-ins, its reference pulls and walk-ins (issue 9), money (issue 11),
 * ratings (issue 12), the handover book, visitors, its own archives and checklists filled in there
 * (issue 13), all written by the node serving the counter.
 */
const stationWritten = (staffId: string): string[] =>
  [
    'counter.signed_in',
    'counter.signed_out',
    'reference.updated',
    'walkin.served',
    ...Object.keys(moneySamples(6, staffId)),
    ...Object.keys(ratingSamples(6, staffId)),
    'handover.written',
    'handover.accepted',
    'visitor.registered',
    'records.archived',
    'checklist.completed',
    'checklist.amended',
    'checklist.photo',
  ].sort();

/** Every event type, the clerk's sign-out last: the station's records after it would have no session. */
const inStationOrder = (): EventType[] =>
  (Object.keys(EVENTS) as EventType[]).sort(
    (a, b) => Number(a === 'counter.signed_out') - Number(b === 'counter.signed_out'),
  );

const RECEIPT = '0190f0c0-0000-7000-8000-0000000000cc';
const DRAWER = '0190f0c0-0000-7000-8000-0000000000dd';

/** Issue 11's money events, each naming the station's counter and clerk. */
function moneySamples(counterNo: number, staffId: string): { [K in MoneyEvent]: EventPayload<K> } {
  const day = '2026-01-05';
  const who = { counterNo, staffId };
  return {
    'drawer.opened': { drawerId: DRAWER, day, ...who, floatFen: 0, auto: false },
    'receipt.recorded': aReceiptRecorded(100, {
      receiptId: RECEIPT,
      seq: 1,
      number: 'ROGUE1-000001',
      day,
      ...who,
      drawerId: DRAWER,
    }),
    'receipt.voided': {
      voidId: '0190f0c0-0000-7000-8000-0000000000ce',
      receiptId: RECEIPT,
      number: 'ROGUE1-000001',
      day,
      ...who,
      drawerId: DRAWER,
      approverId: 'rogue-approver',
      reason: 'rogue',
      totalFen: 100,
      cashFen: 100,
    },
    'receipt.reprinted': { receiptId: RECEIPT, count: 1, ...who },
    'drawer.cash_moved': {
      moveId: 'm1',
      drawerId: DRAWER,
      ...who,
      direction: 'in',
      amountFen: 1,
      reason: 'rogue',
    },
    'drawer.counted': {
      countId: 'c1',
      drawerId: DRAWER,
      ...who,
      kind: 'spot',
      counts: { '10': 1 },
      countedFen: 10,
      expectedFen: 10,
      differenceFen: 0,
      witnessId: null,
      note: null,
    },
    'drawer.difference_explained': {
      countId: 'c1',
      drawerId: DRAWER,
      ...who,
      reasonCode: 'unknown',
      approverId: 'rogue-approver',
      note: null,
    },
    'deposit.recorded': {
      depositId: 'd1',
      day,
      ...who,
      companionId: 'rogue-companion',
      amountFen: 1,
      slipNo: 'S1',
      drawerId: null,
    },
    'invoice.recorded': {
      invoiceId: 'i1',
      day,
      ...who,
      invoiceNo: '00000001',
      amountFen: 1,
      receiptId: null,
    },
    'day.closed': {
      day,
      ...who,
      approverId: 'rogue-approver',
      reasonCode: null,
      report: {
        day,
        deviceCode: 'ROGUE1',
        first: null,
        last: null,
        count: 0,
        lateCount: 0,
        totalsFen: { gross: 0, net: 0, byMethod: {}, byFee: {}, byClerk: {} },
        voids: { count: 0, totalFen: 0, numbers: [] },
        cashMovesFen: { in: 0, out: 0 },
        depositsFen: 0,
        overShortFen: 0,
        drawers: [],
        invoices: { count: 0, totalFen: 0, gaps: [], mismatches: [] },
        grandTotalFen: 0,
        unsyncedRows: 0,
        chainHash: '',
        chainBroken: null,
        closedAt: Date.UTC(2026, 0, 5, 10, 0, 0),
      },
    },
  };
}
type MoneyEvent = Extract<EventType, `${'receipt' | 'drawer' | 'deposit' | 'invoice' | 'day'}.${string}`>;

const CASE = '0190f0c0-0000-7000-8000-0000000000ca';

/** Issue 12's case events: the hub's alone (one owner across counters), so a station's are refused. */
function caseSamples(counterNo: number, staffId: string): { [K in CaseEvent]: EventPayload<K> } {
  return {
    'case.opened': {
      caseId: CASE,
      no: 1,
      kind: 'complaint',
      staffId,
      counterNo,
      ticketId: null,
      ratingId: null,
      summary: 'rogue',
      phone: null,
      promisedAt: null,
      replyDueAt: null,
      opinionDueAt: null,
    },
    'case.acted': {
      caseId: CASE,
      actionId: 'a1',
      kind: 'close',
      staffId,
      text: 'rogue',
      toStaffId: null,
      toldVia: 'phone',
    },
  };
}
type CaseEvent = Extract<EventType, `case.${string}`>;
const REQUEST = '0190f0c0-0000-7000-8000-0000000000ee';

/** Issue 12's rating and feedback events, each about the station's counter. */
function ratingSamples(counterNo: number, staffId: string): { [K in RatingEvent]: EventPayload<K> } {
  return {
    'rating.requested': {
      requestId: REQUEST,
      counterNo,
      staffId,
      ticketId: TICKET,
      ticketNumber: 'A999',
      expiresAt: Date.UTC(2026, 0, 5, 2, 0, 30),
    },
    'rating.recorded': {
      ratingId: '0190f0c0-0000-7000-8000-0000000000ef',
      requestId: REQUEST,
      counterNo,
      staffId,
      ticketId: TICKET,
      outcome: 'satisfied',
      reasons: [],
      source: 'pad',
    },
    'rating.misuse': { counterNo, requestId: REQUEST, reason: 'duplicate', source: 'pad' },
    'feedback.recorded': {
      feedbackId: '0190f0c0-0000-7000-8000-0000000000f0',
      counterNo,
      staffId,
      source: 'paper',
      text: 'rogue',
      level: null,
      aboutStaffId: null,
      ticketId: null,
    },
  };
}
type RatingEvent = Extract<EventType, `${'rating' | 'feedback'}.${string}`>;

const HANDOVER = '0190f0c0-0000-7000-8000-0000000000f1';

/** Issue 13's handover book and registers. */
function recordSamples(counterNo: number, staffId: string): { [K in RecordEvent]: EventPayload<K> } {
  return {
    'handover.written': {
      handoverId: HANDOVER,
      counterNo,
      staffId,
      drawerId: null,
      items: [{ kind: 'keys', text: 'rogue keys' }],
    },
    'handover.accepted': {
      handoverId: HANDOVER,
      counterNo,
      staffId,
      items: [{ index: 0, confirmed: true, note: null }],
      disagreements: 0,
    },
    'handover.ruled': { handoverId: HANDOVER, counterNo, staffId, opinion: 'rogue ruling' },
    'visitor.registered': {
      visitorId: '0190f0c0-0000-7000-8000-0000000000f2',
      counterNo,
      staffId,
      name: null,
      phone: null,
      temperatureC: 36.5,
      limitC: 37.3,
      admitted: true,
    },
    'tool.lent': {
      loanId: '0190f0c0-0000-7000-8000-0000000000f3',
      staffId,
      tool: 'rogue ladder',
      borrower: '1006',
      dueAt: Date.UTC(2026, 0, 5, 9),
    },
    'tool.returned': { loanId: '0190f0c0-0000-7000-8000-0000000000f3', staffId },
    'meeting.recorded': {
      meetingId: '0190f0c0-0000-7000-8000-0000000000f4',
      staffId,
      kind: 'morning',
      day: '2026-01-05',
      minutes: 15,
      topics: 'rogue',
      attendees: ['1006'],
      scores: [],
    },
    'records.archived': {
      archiveId: '0190f0c0-0000-7000-8000-0000000000f5',
      staffId,
      recordType: 'visitors',
      before: Date.UTC(2100, 0, 1),
      count: 0,
      file: 'archive/rogue.jsonl',
      sha256: '0'.repeat(64),
    },
    'alert.acknowledged': { alertId: 'rogue-alert', staffId },
  };
}
type RecordEvent = Extract<
  EventType,
  `${'handover' | 'visitor' | 'tool' | 'meeting' | 'records'}.${string}` | 'alert.acknowledged'
>;

/** A counter device paired on the hub by its manager, as a station would be, with its raw token. */
async function pairCounterDevice(
  hub: TestHall,
  counterNo: number,
): Promise<{ deviceId: string; token: string }> {
  const manager = await hub.login('9001');
  const res = await hub.request('POST', '/devices', {
    token: manager,
    body: { role: 'counter', name: `Counter ${counterNo}`, counterNo },
  });
  expect(res.status).toBe(201);
  return parseReply(DeviceReply, res);
}

/** A demo hub with a counter device paired at counter 6 (clerk 1006's), and that device's own row chain. */
interface CounterSix {
  hub: TestHall;
  db: Db;
  device: { deviceId: string; token: string };
  clerk: StaffRow;
  chain: RowChain;
  /** Pushes rows to the hub as the device, with its token. */
  push(rows: unknown[]): Promise<{ status: number; body: unknown }>;
}

const it = test.extend('counterSix', ({ demoHall }) => async (): Promise<CounterSix> => {
  const hub = await demoHall();
  const db = hub.node.ctx.db;
  const device = await pairCounterDevice(hub, 6);
  return {
    hub,
    db,
    device,
    clerk: read.staffByNo(db, '1006')!,
    chain: new RowChain(device.deviceId, hub.node.ctx.hallId),
    push: (rows) => pushRaw(hub.url, device.token, { deviceId: device.deviceId, rows }),
  };
});

/**
 * Rows in counter six's chain: its clerk signing in there, then sample rows with `payload` laid over
 * them, signed by `by` (the clerk unless told).
 */
function sampleRows<T extends EventType>(
  chain: RowChain,
  clerkId: string,
  samples: Record<T, Record<string, unknown>>,
) {
  return {
    signIn: () =>
      chain.next({
        type: 'counter.signed_in',
        payload: { counterNo: 6, staffId: clerkId },
        recorded_by: clerkId,
      }),
    row: (type: T, payload: object, by = clerkId) =>
      chain.next({ type, payload: { ...samples[type], ...payload }, recorded_by: by }),
  };
}

const quarantineCount = (hub: TestHall) =>
  (stmt(hub.node.ctx.db, 'SELECT count(*) AS n FROM local_quarantine').get() as { n: number }).n;

describe('security: origin rules on the hub (issue 9, critical)', () => {
  it('security: a counter device pushing staff.enrolled for 9001, a new manager 6666 and device.revoked for the kiosk changes nothing', async ({
    counterSix,
  }) => {
    const { hub, db, chain, push } = await counterSix();
    const kioskId = read.devices(db).find((d) => d.role === 'kiosk')!.deviceId;
    const before = { journal: journalMark(db), projections: dumpProjections(db) };
    const nineOhOhOne = read.staffByNo(db, '9001')!;
    const rows = [
      chain.next({
        type: 'staff.enrolled',
        payload: { ...samples(6, 'x')['staff.enrolled'], staffId: nineOhOhOne.id, staffNo: '9001' },
      }),
      chain.next({ type: 'staff.enrolled', payload: samples(6, 'x')['staff.enrolled'] }),
      chain.next({ type: 'device.revoked', payload: { deviceId: kioskId } }),
    ];
    const res = await push(rows);
    expect(res.status).toBe(200);
    const reply = parseReply(PushReply, res);
    // Acknowledged (the station's chain moves on) but every row is quarantined, naming the rule.
    expect(reply.ackedSeq).toBe(3);
    expect(reply.rejected.map((r) => r.seq)).toEqual([1, 2, 3]);
    for (const r of reply.rejected) expect(r.reason).toMatch(/^origin rule .*written only by the hub/);
    expect(journalMark(db)).toEqual(before.journal);
    expect(dumpProjections(db)).toBe(before.projections);
    // 9001's PIN is unchanged, 6666 does not exist, the kiosk still issues.
    await expect(hub.login('9001')).resolves.toEqual(expect.any(String));
    expect(
      (await hub.request('POST', '/auth/login', { body: { staffNo: '6666', pin: '123456' } })).status,
    ).toBe(401);
    expect(
      (await hub.request('POST', '/tickets', { token: hub.kioskToken, body: { serviceCode: 'A' } })).status,
    ).toBe(201);
  });

  it('security: every event type pushed from a station token — only the station types it may write change anything', async ({
    counterSix,
  }) => {
    const { db, device, clerk, chain, push } = await counterSix();
    const payloads = samples(6, clerk.id);
    // The station's clerk signs in first (a station signs its clerks in locally), as a real one does.
    const signIn = chain.next({
      type: 'counter.signed_in',
      payload: payloads['counter.signed_in'],
      recorded_by: clerk.id,
    });
    expect((await push([signIn])).body).toEqual({
      ackedSeq: 1,
      rejected: [],
    });
    const types = inStationOrder();
    const allowed: string[] = [];
    for (const type of types) {
      if (type === 'counter.signed_in') continue;
      const stationWrites = (AUTHORITY[type].writers as readonly string[]).includes('station');
      const signer = AUTHORITY[type].stationSigner === 'device' ? `device:${device.deviceId}` : clerk.id;
      const row = chain.next({ type, payload: payloads[type], recorded_by: signer });
      const before = { journal: journalMark(db), projections: dumpProjections(db) };
      const res = await push([row]);
      expect(res.status, type).toBe(200);
      const reply = parseReply(PushReply, res);
      expect(reply.ackedSeq, type).toBe(row.device_seq);
      if (stationWrites) {
        expect(reply.rejected, type).toEqual([]);
        expect(journalMark(db).count, type).toBe(before.journal.count + 1);
        allowed.push(type);
      } else {
        expect(
          reply.rejected.map((r) => r.reason),
          type,
        ).toEqual([expect.stringMatching(/^origin rule/)]);
        expect(journalMark(db), type).toEqual(before.journal);
        expect(dumpProjections(db), `${type} changed a projection`).toBe(before.projections);
      }
    }
    // The sign-in went first, outside the loop.
    expect(allowed.sort()).toEqual(stationWritten(clerk.id).filter((t) => t !== 'counter.signed_in'));
    // A station's copy of reference data is kept as a record but never changes the hub's settings.
    expect(read.settings(db).recallCap).not.toBe(1);
  });

  it('security: a station writes only for its own counter, signed by the clerk signed in there', async ({
    counterSix,
  }) => {
    const { hub, db, clerk, chain, push } = await counterSix();
    const other = read.staffByNo(db, '1001')!;
    const walkin = (over: Partial<EventPayload<'walkin.served'>>, by: string) =>
      chain.next({
        type: 'walkin.served',
        payload: { ...samples(6, clerk.id)['walkin.served'], walkinId: crypto.randomUUID(), ...over },
        recorded_by: by,
      });
    const signIn = (counterNo: number, staffId: string, by: string) =>
      chain.next({ type: 'counter.signed_in', payload: { counterNo, staffId }, recorded_by: by });
    const rows = [
      walkin({}, clerk.id), // 1: nobody is signed in at the station yet
      signIn(5, clerk.id, clerk.id), // 2: not its counter
      signIn(6, 'nobody', 'nobody'), // 3: no such staff
      signIn(6, clerk.id, other.id), // 4: signed by another
      signIn(6, clerk.id, clerk.id), // 5: ok
      walkin({ counterNo: 1 }, clerk.id), // 6: another counter
      walkin({ staffId: other.id }, other.id), // 7: a clerk with no session here
      walkin({ staffId: other.id }, clerk.id), // 8: names someone else
      chain.next({
        type: 'reference.updated',
        payload: samples(6, clerk.id)['reference.updated'],
        recorded_by: clerk.id,
      }), // 9: a pull is the station's own doing
      walkin({}, clerk.id), // 10: ok
    ];
    const res = await push(rows);
    const reply = parseReply(PushReply, res);
    expect(reply.ackedSeq).toBe(10);
    expect(reply.rejected.map((r) => r.seq)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    for (const r of reply.rejected) expect(r.reason, JSON.stringify(reply.rejected)).toMatch(/^origin rule/);
    expect(read.counterByNo(db, 6)?.staffId).toBe(clerk.id);
    expect(stmt(db, "SELECT count(*) AS n FROM tickets WHERE number LIKE 'W-%'").get()).toEqual({ n: 1 });
    expect(quarantineCount(hub)).toBe(8);
  });

  it('security: a 10,000-level nested payload is quarantined (row bounds), the rows after it land, the hub keeps answering', async ({
    counterSix,
  }) => {
    const { hub, db, device, clerk, chain } = await counterSix();
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 10_000; i++) cursor = cursor.a = {} as Record<string, unknown>;
    // Its hash cannot even be computed (canonical JSON would overflow): it claims one and is sent as text.
    const hashOf = (n: number) => n.toString(16).padStart(64, '0');
    const first = {
      id: crypto.randomUUID(),
      device_id: device.deviceId,
      device_seq: 1,
      hall_id: hub.node.ctx.hallId,
      type: 'walkin.served',
      schema_ver: 1,
      payload: deep,
      occurred_at: Date.now(),
      recorded_by: clerk.id,
      prev_hash: chain.hash,
      hash: hashOf(1),
    };
    chain.seq = 1;
    chain.hash = first.hash;
    const signIn = chain.next({
      type: 'counter.signed_in',
      payload: { counterNo: 6, staffId: clerk.id },
      recorded_by: clerk.id,
    });
    const body = `{"deviceId":${JSON.stringify(device.deviceId)},"sentAt":${Date.now()},"rows":[${'{"id":'}${JSON.stringify(first.id)},"device_id":${JSON.stringify(first.device_id)},"device_seq":1,"hall_id":${JSON.stringify(first.hall_id)},"type":"walkin.served","schema_ver":1,"occurred_at":${first.occurred_at},"recorded_by":${JSON.stringify(clerk.id)},"prev_hash":"${first.prev_hash}","hash":"${first.hash}","payload":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}},${JSON.stringify(signIn)}]}`;
    const res = await fetch(`${hub.url}/sync/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body,
    });
    // 64 KiB of body limit or a quarantined row: either way never a 5xx, and the station is not stuck.
    expect(res.status).toBeLessThan(500);
    if (res.status === 200) {
      const reply = PushReply.parse(await res.json());
      expect(reply.ackedSeq).toBe(2);
      expect(reply.rejected).toEqual([
        expect.objectContaining({ seq: 1, reason: expect.stringMatching(/^row bounds/) }),
      ]);
      expect(read.counterByNo(db, 6)?.staffId).toBe(clerk.id);
    }
    expect((await hub.request('GET', '/health')).status).toBe(200);
  });
});

describe('security: a real station through its hub (issue 9)', () => {
  it('security: a station clerk’s walk-in and sign-in pass the origin rule and name the hub’s own staff member', async ({
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(2, { paired: false });
    const clerk = await station.login('1002', 2);
    const res = await station.request('POST', '/walkins', {
      token: clerk,
      body: { serviceCode: 'A', startedAt: Date.now() - 60_000 },
    });
    expect(res.status).toBe(201);
    await drain(station.node);
    expect(quarantineCount(hub)).toBe(0);
    const staffId = read.staffByNo(hub.node.ctx.db, '1002')!.id;
    // The station knows staff by the hub's ids, so the hub's live view can name the clerk.
    expect(read.counterByNo(hub.node.ctx.db, 2)?.staffId).toBe(staffId);
    const walkins = stmt(hub.node.ctx.db, "SELECT staff_id FROM tickets WHERE number LIKE 'W-%'").all();
    expect(walkins).toEqual([{ staff_id: staffId }]);
  });
});

describe(`security: origin rules at head office on ${BACKEND} (issue 9)`, () => {
  it('security: head office applies the same table — a registered station’s rows of hub types and a hub’s own walk-in are quarantined', async ({
    tho,
    later,
  }) => {
    const hub = later(await startPairedHub(tho));
    const token = hubToken(hub);
    const hallId = hub.node.ctx.hallId;
    const stationId = crypto.randomUUID();
    const registered = await tho.request('POST', '/sync/v1/devices', {
      token,
      body: { deviceId: stationId, role: 'counter', name: 'Counter 6', counterNo: 6 },
    });
    expect(registered.status).toBe(201);
    const clerk = read.staffByNo(hub.node.ctx.db, '1006')!;
    const payloads = samples(6, clerk.id);
    const chain = new RowChain(stationId, hallId);
    const types = inStationOrder();
    const rows = types.map((type) =>
      chain.next({
        type,
        payload: payloads[type],
        recorded_by: AUTHORITY[type].stationSigner === 'device' ? `device:${stationId}` : clerk.id,
      }),
    );
    const res = await pushRaw(tho.url, token, { deviceId: stationId, rows });
    expect(res.status).toBe(200);
    const reply = parseReply(PushReply, res);
    expect(reply.ackedSeq).toBe(rows.length);
    const accepted = rows.filter((r) => !reply.rejected.some((x) => x.id === r.id)).map((r) => r.type);
    expect(accepted.sort(), JSON.stringify(reply.rejected)).toEqual(stationWritten(clerk.id));
    for (const r of reply.rejected) expect(r.reason).toMatch(/^origin rule/);
    const stored = await tho.sql.query<{ type: string }>('SELECT type FROM journal WHERE device_id = $1', [
      stationId,
    ]);
    expect(stored.map((r) => r.type).sort()).toEqual(accepted.sort());

    // A hub records no walk-ins of its own: that is a station's record.
    await drain(hub.node);
    const hubChain = new RowChain(hub.node.ctx.deviceId, hallId);
    const own = stmt(
      hub.node.ctx.db,
      'SELECT device_seq, hash FROM journal WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1',
    ).get(hub.node.ctx.deviceId) as { device_seq: number; hash: string };
    hubChain.seq = own.device_seq;
    hubChain.hash = own.hash;
    const walkin = hubChain.next({
      type: 'walkin.served',
      payload: payloads['walkin.served'],
      recorded_by: clerk.id,
    });
    const hubRes = await pushRaw(tho.url, token, { deviceId: hub.node.ctx.deviceId, rows: [walkin] });
    expect(parseReply(PushReply, hubRes).rejected).toEqual([
      expect.objectContaining({
        id: walkin.id,
        reason: expect.stringMatching(/^origin rule .*only by a station/),
      }),
    ]);
  });
});

describe('security: issue 13 origin rules (handover book, registers, retention)', () => {
  it('R-OPEN-1 security: a station’s checklist completion passes only signed by its clerk in session and naming them; a forged countersign, missed mark, follow-up resolution, hall template or override is quarantined', async ({
    counterSix,
  }) => {
    const { db, clerk, chain, push } = await counterSix();
    const other = read.staffByNo(db, '1001')!;
    const { signIn, row } = sampleRows(chain, clerk.id, checklistSamples(clerk.id));
    const rows = [
      signIn(),
      row('checklist.completed', { staffId: other.id }, other.id), // 2: no session here
      row('checklist.completed', { staffId: other.id }), // 3: names someone else than its signer
      row('checklist.completed', {}), // 4: ok
      row('checklist.photo', {}), // 5: ok
      row('checklist.countersigned', {}), // 6: the manager's, on the hub
      row('checklist.missed', {}), // 7: the hub's job
      row('checklist.followup_resolved', {}), // 8: the manager's, on the hub
      row('checklist.template_set', {}), // 9: the hall's templates, on the hub
      row('hall.overridden', {}), // 10: the hall's day, on the hub
    ];
    const before = dumpProjections(db);
    const reply = parseReply(PushReply, await push(rows));
    expect(reply.ackedSeq).toBe(10);
    expect(reply.rejected.map((r) => r.seq)).toEqual([2, 3, 6, 7, 8, 9, 10]);
    for (const r of reply.rejected) expect(r.reason).toMatch(/^origin rule/);
    expect(stmt(db, 'SELECT staff_id, countersigned_by FROM checklist_records').all()).toEqual([
      { staff_id: clerk.id, countersigned_by: null },
    ]);
    for (const table of ['checklist_missed', 'hall_checklists', 'hall_overrides'])
      expect(stmt(db, `SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    expect(dumpProjections(db)).not.toBe(before);
  });

  it('R-HAND-1, R-VIS-1, R-REC-1 security: a station’s handover or visitor for another counter, signed by someone with no session there, and the hall registers are quarantined; its archive never empties the hub’s tables', async ({
    counterSix,
  }) => {
    const { hub, db, clerk, chain, push } = await counterSix();
    const other = read.staffByNo(db, '1001')!;
    // The hub holds a visitor of its own before the station pushes anything.
    const manager = await hub.login('9001');
    expect(
      (await hub.request('POST', '/visitors', { token: manager, body: { temperatureC: 36.6 } })).status,
    ).toBe(201);
    const visitorsOnHub = () => (stmt(db, 'SELECT count(*) AS n FROM visitors').get() as { n: number }).n;
    expect(visitorsOnHub()).toBe(1);
    const { signIn, row } = sampleRows(chain, clerk.id, recordSamples(6, clerk.id));
    const rows = [
      signIn(),
      row('handover.written', { counterNo: 1 }), // 2: another counter
      row('handover.written', { staffId: other.id }, other.id), // 3: no session here
      row('handover.written', {}), // 4: ok
      row('handover.accepted', { staffId: other.id }), // 5: names someone else than its signer
      row('visitor.registered', { counterNo: 2 }), // 6: another counter
      row('tool.lent', {}), // 7: the hub's register
      row('meeting.recorded', {}), // 8: the hub's register
      row('alert.acknowledged', {}), // 9: the duty manager's, on the hub
      row('handover.ruled', {}), // 10: R-HAND-1's opinion is the duty manager's, on the hub
      row('records.archived', {}), // 11: kept as a record, projected only on the station
    ];
    const reply = parseReply(PushReply, await push(rows));
    expect(reply.ackedSeq).toBe(11);
    expect(reply.rejected.map((r) => r.seq)).toEqual([2, 3, 5, 6, 7, 8, 9, 10]);
    for (const r of reply.rejected) expect(r.reason).toMatch(/^origin rule/);
    expect(stmt(db, 'SELECT counter_no, opinion FROM handovers').all()).toEqual([
      { counter_no: 6, opinion: null },
    ]);
    // A station's archive (cutoff in 2100) left the hub's own visitor where it was.
    expect(visitorsOnHub()).toBe(1);
    expect(stmt(db, 'SELECT count(*) AS n FROM archives').get()).toEqual({ n: 0 });
  });
});
