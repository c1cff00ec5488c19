import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import { countedFen, type DenominationCounts } from '../../shared/money/amounts.ts';
import type { DifferenceReason } from '../../shared/money/cash.ts';
import {
  deviceCode,
  priceReceipt,
  receiptNumber,
  sum,
  takenByMethod,
  Payment,
  type ReceiptBody,
} from '../../shared/money/receipt.ts';
import { computeZReport, type MoneyFacts, type ZReport } from '../../shared/money/zreport.ts';
import { businessDay } from '../../shared/time/businessDay.ts';
import type { WriteContext } from '../context.ts';
import { ackedSeq } from '../sync/upstreams.ts';
import {
  drawerOf,
  expectedCashFen,
  fees,
  grandTotalBefore,
  isDayClosed,
  readDayFromJournal,
  openDay,
  seqBeforeDay,
  type DrawerRow,
} from './queries.ts';

/** The clerk at a counter who records: every money record names them and their counter. */
export interface Teller {
  staffId: string;
  counterNo: number;
}

/**
 * The teller's drawer for the day a record taken now belongs to; a first receipt with no drawer open
 * opens one with a zero float (DESIGN §6b). A drawer counted at close takes nothing more.
 */
function tellerDrawer(
  ctx: WriteContext,
  t: Teller,
): { drawer: DrawerRow; day: string; lateFor: string | null } {
  const { day, lateFor } = openDay(ctx.db, ctx.deviceId, ctx.clock.now());
  let drawer = drawerOf(ctx.db, ctx.deviceId, t.staffId, day);
  if (!drawer) {
    const drawerId = ctx.ids.next();
    ctx.journal.append('drawer.opened', { drawerId, day, ...t, floatFen: 0, auto: true }, t.staffId);
    drawer = drawerOf(ctx.db, ctx.deviceId, t.staffId, day) as DrawerRow;
  } else if (drawer.closed) throw new DomainError('E_DRAWER_CLOSED');
  return { drawer, day, lateFor };
}

export function openDrawer(ctx: WriteContext, t: Teller & { floatFen: number }) {
  const { day } = openDay(ctx.db, ctx.deviceId, ctx.clock.now());
  if (drawerOf(ctx.db, ctx.deviceId, t.staffId, day)) throw new DomainError('E_DRAWER_OPEN');
  const drawerId = ctx.ids.next();
  ctx.journal.append('drawer.opened', { drawerId, day, ...t, auto: false }, t.staffId);
  return { drawerId, day, floatFen: t.floatFen };
}

/** R-FEE-1, R-CASH-1: a receipt priced by the schedule in force, numbered gaplessly on this device. */
export function recordReceipt(
  ctx: WriteContext,
  r: Teller & { ticketId: string | null; lines: ReceiptBody['lines']; payments: ReceiptBody['payments'] },
) {
  const { drawer, day, lateFor } = tellerDrawer(ctx, r);
  const priced = priceReceipt(r, fees(ctx.db, day));
  // Inside the writer's transaction: the number and the row commit together, so no number is skipped.
  const last = stmt(ctx.db, 'SELECT max(seq) AS seq FROM receipts WHERE device_id = ?').get(ctx.deviceId) as {
    seq: number | null;
  };
  const seq = (last.seq ?? 0) + 1;
  const number = receiptNumber(deviceCode(ctx.deviceId), seq);
  const receiptId = ctx.ids.next();
  ctx.journal.append(
    'receipt.recorded',
    {
      receiptId,
      seq,
      number,
      day,
      lateFor,
      counterNo: r.counterNo,
      staffId: r.staffId,
      drawerId: drawer.id,
      ticketId: r.ticketId,
      ...priced,
    },
    r.staffId,
  );
  return {
    id: receiptId,
    number,
    day,
    totalFen: priced.totalFen,
    paidFen: priced.paidFen,
    changeFen: priced.changeFen,
  };
}

interface ReceiptRow {
  id: string;
  device_id: string;
  number: string;
  staff_id: string;
  total_fen: number;
  cash_fen: number;
  payments: string;
}

/**
 * A void refers to its receipt and hands the cash back from the voiding clerk's drawer today; the
 * receipt stays as it was. The approver is a manager who is neither the receipt's clerk nor the one
 * asking (DESIGN §5: a clerk cannot approve their own void).
 */
export function voidReceipt(
  ctx: WriteContext,
  v: Teller & { receiptId: string; approverId: string; reason: string },
) {
  if (stmt(ctx.db, 'SELECT 1 FROM receipt_voids WHERE id = ?').get(v.receiptId))
    throw new DomainError('E_VOID_OF_VOID');
  const receipt = stmt(ctx.db, 'SELECT * FROM receipts WHERE id = ? AND device_id = ?').get(
    v.receiptId,
    ctx.deviceId,
  ) as ReceiptRow | undefined;
  if (!receipt) throw new DomainError('E_NOT_FOUND', { what: v.receiptId });
  if (stmt(ctx.db, 'SELECT 1 FROM receipt_voids WHERE receipt_id = ?').get(receipt.id))
    throw new DomainError('E_VOIDED', { number: receipt.number });
  if (v.approverId === receipt.staff_id || v.approverId === v.staffId)
    throw new DomainError('E_APPROVER', { detail: 'not the receipt’s clerk' });
  const { drawer, day } = tellerDrawer(ctx, v);
  const voidId = ctx.ids.next();
  ctx.journal.append(
    'receipt.voided',
    {
      voidId,
      receiptId: receipt.id,
      number: receipt.number,
      day,
      counterNo: v.counterNo,
      staffId: v.staffId,
      drawerId: drawer.id,
      approverId: v.approverId,
      reason: v.reason,
      totalFen: receipt.total_fen,
      cashFen: receipt.cash_fen,
      reversedFen: takenByMethod({
        payments: Payment.array().parse(JSON.parse(receipt.payments)),
        cashFen: receipt.cash_fen,
      }),
    },
    v.staffId,
  );
  return { id: voidId, voids: receipt.id, number: receipt.number };
}

export function reprintReceipt(ctx: WriteContext, r: Teller & { receiptId: string }) {
  if (!stmt(ctx.db, 'SELECT 1 FROM receipts WHERE id = ?').get(r.receiptId))
    throw new DomainError('E_NOT_FOUND', { what: r.receiptId });
  const { n } = stmt(ctx.db, 'SELECT count(*) AS n FROM receipt_reprints WHERE receipt_id = ?').get(
    r.receiptId,
  ) as {
    n: number;
  };
  ctx.journal.append('receipt.reprinted', { ...r, count: n + 1 }, r.staffId);
  return { receiptId: r.receiptId, reprints: n + 1 };
}

export function moveCash(
  ctx: WriteContext,
  m: Teller & { direction: 'in' | 'out'; amountFen: number; reason: string },
) {
  const { drawer } = tellerDrawer(ctx, m);
  const moveId = ctx.ids.next();
  ctx.journal.append('drawer.cash_moved', { moveId, drawerId: drawer.id, ...m }, m.staffId);
  return { moveId };
}

/**
 * R-CASH-5: a count by denomination against what the drawer should hold. The expected figure is worked
 * out here, after the count is in, and leaves only in this reply (a blind count). A close count
 * closes the drawer.
 */
export function countDrawer(
  ctx: WriteContext,
  c: Teller & {
    kind: 'spot' | 'close';
    counts: DenominationCounts;
    witnessId: string | null;
    note: string | null;
  },
) {
  const { day } = openDay(ctx.db, ctx.deviceId, ctx.clock.now());
  const drawer = drawerOf(ctx.db, ctx.deviceId, c.staffId, day);
  if (!drawer) throw new DomainError('E_NO_DRAWER');
  if (drawer.closed) throw new DomainError('E_DRAWER_CLOSED');
  const expectedFen = expectedCashFen(ctx.db, drawer.id);
  const counted = countedFen(c.counts);
  const countId = ctx.ids.next();
  ctx.journal.append(
    'drawer.counted',
    {
      countId,
      drawerId: drawer.id,
      counterNo: c.counterNo,
      staffId: c.staffId,
      kind: c.kind,
      counts: c.counts,
      countedFen: counted,
      expectedFen,
      differenceFen: counted - expectedFen,
      witnessId: c.witnessId,
      note: c.note,
    },
    c.staffId,
  );
  // R-CASH-5: any difference found by a spot check is explained; at close, beyond the threshold.
  const limit = c.kind === 'spot' ? 0 : read.settings(ctx.db).overShortThresholdFen;
  const differenceFen = counted - expectedFen;
  return {
    countId,
    expectedFen,
    countedFen: counted,
    differenceFen,
    needsReason: Math.abs(differenceFen) > limit,
  };
}

interface CountRow {
  id: string;
  drawer_id: string;
  difference_fen: number;
}

/** A difference's cause, approved by a manager who neither opened nor closed that drawer. */
export function explainDifference(
  ctx: WriteContext,
  e: Teller & { countId: string; reasonCode: DifferenceReason; approverId: string; note: string | null },
) {
  const count = stmt(
    ctx.db,
    `SELECT c.id, c.drawer_id, c.difference_fen, d.staff_id AS owner FROM drawer_counts c JOIN drawers d ON d.id = c.drawer_id
     WHERE c.id = ? AND d.device_id = ?`,
  ).get(e.countId, ctx.deviceId) as (CountRow & { owner: string }) | undefined;
  if (!count) throw new DomainError('E_NOT_FOUND', { what: e.countId });
  if (count.owner !== e.staffId) throw new DomainError('E_FORBIDDEN');
  if (e.approverId === count.owner) throw new DomainError('E_APPROVER', { detail: 'not the drawer’s clerk' });
  if (stmt(ctx.db, 'SELECT 1 FROM drawer_explanations WHERE count_id = ?').get(e.countId))
    throw new DomainError('E_ALREADY_EXPLAINED');
  ctx.journal.append(
    'drawer.difference_explained',
    {
      countId: e.countId,
      drawerId: count.drawer_id,
      counterNo: e.counterNo,
      staffId: e.staffId,
      reasonCode: e.reasonCode,
      approverId: e.approverId,
      note: e.note,
    },
    e.staffId,
  );
  return { countId: e.countId, reasonCode: e.reasonCode };
}

/** R-CASH-2, R-CASH-6: a bank deposit, never made alone; from the depositor's drawer or from the safe. */
export function recordDeposit(
  ctx: WriteContext,
  d: Teller & { companionId: string; amountFen: number; slipNo: string; fromDrawer: boolean },
) {
  if (d.companionId === d.staffId) throw new DomainError('E_APPROVER', { detail: 'a second person' });
  const { day } = openDay(ctx.db, ctx.deviceId, ctx.clock.now());
  const drawerId = d.fromDrawer ? tellerDrawer(ctx, d).drawer.id : null;
  const depositId = ctx.ids.next();
  ctx.journal.append(
    'deposit.recorded',
    {
      depositId,
      day,
      counterNo: d.counterNo,
      staffId: d.staffId,
      companionId: d.companionId,
      amountFen: d.amountFen,
      slipNo: d.slipNo,
      drawerId,
    },
    d.staffId,
  );
  return { depositId, day };
}

/** R-CASH-4: a manual invoice used, by number, matched against its receipt at the day's close. */
export function recordInvoice(
  ctx: WriteContext,
  i: Teller & { invoiceNo: string; amountFen: number; receiptId: string | null },
) {
  if (stmt(ctx.db, 'SELECT 1 FROM manual_invoices WHERE invoice_no = ?').get(i.invoiceNo))
    throw new DomainError('E_INVOICE_USED', { invoiceNo: i.invoiceNo });
  if (i.receiptId !== null && !stmt(ctx.db, 'SELECT 1 FROM receipts WHERE id = ?').get(i.receiptId))
    throw new DomainError('E_NOT_FOUND', { what: i.receiptId });
  const { day } = openDay(ctx.db, ctx.deviceId, ctx.clock.now());
  const invoiceId = ctx.ids.next();
  ctx.journal.append('invoice.recorded', { invoiceId, day, ...i }, i.staffId);
  return { invoiceId, day };
}

/** Rows this device wrote that its upstream has not acknowledged. */
function unsyncedRows(ctx: WriteContext): number {
  const upstream = ctx.role === 'station' ? 'hub' : 'headoffice';
  return ctx.journal.lastSeq() - ackedSeq(ctx.db, upstream, ctx.deviceId);
}

/**
 * Where the tables disagree with the journal they were projected from (a row edited by hand in the
 * store): the journal is the truth the report uses; the difference is flagged. Besides the receipts'
 * count and total, each drawer's expected cash (what a blind count is checked against) must be the
 * journal's, and so must the expected figure its close count recorded: a receipt's cash lowered in
 * the table would otherwise make a short drawer count even.
 */
function projectionDrift(ctx: WriteContext, day: string, report: ZReport, facts: MoneyFacts) {
  const row = stmt(
    ctx.db,
    `SELECT count(*) AS n, coalesce(sum(total_fen), 0) AS fen, coalesce(sum(cash_fen), 0) AS cash
     FROM receipts WHERE device_id = ? AND day = ?`,
  ).get(ctx.deviceId, day) as { n: number; fen: number; cash: number };
  const cash = sum(facts.receipts.map((r) => r.cashFen));
  if (row.n !== report.count || row.fen !== report.totalsFen.gross || row.cash !== cash)
    return `receipts table differs from the journal (${row.n} rows, ${row.fen} fen, ${row.cash} fen cash; journal ${report.count}, ${report.totalsFen.gross} fen, ${cash} fen cash)`;
  for (const d of report.drawers) {
    const held = expectedCashFen(ctx.db, d.drawerId);
    const close = facts.counts.filter((c) => c.drawerId === d.drawerId && c.kind === 'close').at(-1);
    if (held !== d.expectedFen || (close && close.expectedFen !== d.expectedFen))
      return `counter ${d.counterNo}’s drawer differs from the journal (tables ${held} fen expected, close count ${close?.expectedFen ?? '-'} fen; journal ${d.expectedFen} fen)`;
  }
  return null;
}

/**
 * R-CASH-2: the device's business day, closed once. Drawers not counted at close are closed by it,
 * marked, and with any over/short beyond the threshold still unexplained they need the day's reason
 * code; the approver neither opened nor closed those drawers. The Z-report is computed from the
 * journal and written into the close, so it reads the same for ever.
 */
export function closeDay(
  ctx: WriteContext,
  c: {
    day: string;
    staffId: string;
    counterNo: number | null;
    approverId: string;
    reasonCode: DifferenceReason | null;
  },
): ZReport {
  const settings = read.settings(ctx.db);
  if (c.day > businessDay(ctx.clock.now(), settings.timeZone)) throw new DomainError('E_DAY_NOT_ENDED');
  if (isDayClosed(ctx.db, ctx.deviceId, c.day)) throw new DomainError('E_DAY_CLOSED', { day: c.day });
  const afterSeq = seqBeforeDay(ctx.db, ctx.deviceId, c.day);
  const { facts, chainBroken } = readDayFromJournal(ctx.db, ctx.deviceId, c.day, afterSeq);
  const threshold = settings.overShortThresholdFen;
  for (const d of facts.drawers) {
    const close = facts.counts.filter((x) => x.drawerId === d.drawerId && x.kind === 'close').at(-1);
    const explained = close && facts.explanations.some((e) => e.countId === close.countId);
    const needsReason = !close || (Math.abs(close.differenceFen) > threshold && !explained);
    if (!needsReason) continue;
    if (c.reasonCode === null)
      throw new DomainError('E_REASON_NEEDED', {
        detail: close ? `counter ${d.counterNo}` : `counter ${d.counterNo} not counted`,
      });
    if (c.approverId === d.staffId || (close && c.approverId === close.staffId))
      throw new DomainError('E_APPROVER', { detail: `counter ${d.counterNo}’s own clerk` });
  }
  const receiptsById = new Map(
    (
      stmt(
        ctx.db,
        `SELECT r.id, r.total_fen, v.id IS NOT NULL AS voided FROM receipts r LEFT JOIN receipt_voids v ON v.receipt_id = r.id
         WHERE r.id IN (SELECT receipt_id FROM manual_invoices WHERE device_id = ? AND day = ? AND receipt_id IS NOT NULL)`,
      ).all(ctx.deviceId, c.day) as { id: string; total_fen: number; voided: number }[]
    ).map((r) => [r.id, { totalFen: r.total_fen, voided: r.voided === 1 }]),
  );
  const head = stmt(
    ctx.db,
    'SELECT hash FROM journal WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1',
  ).get(ctx.deviceId) as { hash: string } | undefined;
  const report = computeZReport({
    day: c.day,
    deviceCode: deviceCode(ctx.deviceId),
    facts,
    receiptsById,
    grandTotalBeforeFen: grandTotalBefore(ctx.db, ctx.deviceId, c.day),
    // The close row itself is not yet written: it is the one more row the upstream has not seen.
    unsyncedRows: unsyncedRows(ctx) + 1,
    chainHash: head?.hash ?? '',
    chainBroken,
    closedAt: ctx.clock.now(),
    reasonCode: c.reasonCode,
    threshold,
  });
  const drift = projectionDrift(ctx, c.day, report, facts);
  if (drift && !report.chainBroken) report.chainBroken = { seq: 0, reason: drift };
  ctx.journal.append(
    'day.closed',
    {
      day: c.day,
      counterNo: c.counterNo,
      staffId: c.staffId,
      approverId: c.approverId,
      reasonCode: c.reasonCode,
      report,
    },
    c.staffId,
  );
  return report;
}
