import type { Projectors } from './index.ts';
import { insertRow } from './index.ts';
import { MONEY_TABLES } from '../moneyTables.ts';

/**
 * Money records (migration 0013), each an INSERT and nothing else: the tables refuse UPDATE, and a
 * void, a reprint or a difference's explanation is a row of its own. Rows are keyed by the device that
 * wrote them, so a hub holds its stations' money beside its own.
 */
export { MONEY_TABLES };

export const moneyProjectors: Projectors = {
  'receipt.recorded': (db, p, row) =>
    insertRow(db, 'receipts', {
      id: p.receiptId,
      device_id: row.device_id,
      journal_seq: row.device_seq,
      seq: p.seq,
      number: p.number,
      day: p.day,
      late_for: p.lateFor,
      counter_no: p.counterNo,
      staff_id: p.staffId,
      drawer_id: p.drawerId,
      ticket_id: p.ticketId,
      total_fen: p.totalFen,
      paid_fen: p.paidFen,
      change_fen: p.changeFen,
      cash_fen: p.cashFen,
      lines: JSON.stringify(p.lines),
      payments: JSON.stringify(p.payments),
      recorded_at: row.occurred_at,
    }),
  'receipt.voided': (db, p, row) =>
    insertRow(db, 'receipt_voids', {
      id: p.voidId,
      receipt_id: p.receiptId,
      device_id: row.device_id,
      journal_seq: row.device_seq,
      day: p.day,
      staff_id: p.staffId,
      approver_id: p.approverId,
      drawer_id: p.drawerId,
      reason: p.reason,
      total_fen: p.totalFen,
      cash_fen: p.cashFen,
      recorded_at: row.occurred_at,
    }),
  'receipt.reprinted': (db, p, row) =>
    insertRow(db, 'receipt_reprints', {
      receipt_id: p.receiptId,
      count: p.count,
      staff_id: p.staffId,
      recorded_at: row.occurred_at,
    }),
  'drawer.opened': (db, p, row) =>
    insertRow(db, 'drawers', {
      id: p.drawerId,
      device_id: row.device_id,
      journal_seq: row.device_seq,
      day: p.day,
      staff_id: p.staffId,
      counter_no: p.counterNo,
      float_fen: p.floatFen,
      auto: p.auto ? 1 : 0,
      opened_at: row.occurred_at,
    }),
  'drawer.cash_moved': (db, p, row) =>
    insertRow(db, 'drawer_moves', {
      id: p.moveId,
      drawer_id: p.drawerId,
      direction: p.direction,
      amount_fen: p.amountFen,
      reason: p.reason,
      staff_id: p.staffId,
      recorded_at: row.occurred_at,
    }),
  'drawer.counted': (db, p, row) =>
    insertRow(db, 'drawer_counts', {
      id: p.countId,
      drawer_id: p.drawerId,
      kind: p.kind,
      counts: JSON.stringify(p.counts),
      counted_fen: p.countedFen,
      expected_fen: p.expectedFen,
      difference_fen: p.differenceFen,
      staff_id: p.staffId,
      witness_id: p.witnessId,
      note: p.note,
      recorded_at: row.occurred_at,
    }),
  'drawer.difference_explained': (db, p, row) =>
    insertRow(db, 'drawer_explanations', {
      count_id: p.countId,
      reason_code: p.reasonCode,
      approver_id: p.approverId,
      staff_id: p.staffId,
      note: p.note,
      recorded_at: row.occurred_at,
    }),
  'deposit.recorded': (db, p, row) =>
    insertRow(db, 'deposits', {
      id: p.depositId,
      device_id: row.device_id,
      journal_seq: row.device_seq,
      day: p.day,
      staff_id: p.staffId,
      companion_id: p.companionId,
      amount_fen: p.amountFen,
      slip_no: p.slipNo,
      drawer_id: p.drawerId,
      recorded_at: row.occurred_at,
    }),
  'invoice.recorded': (db, p, row) =>
    insertRow(db, 'manual_invoices', {
      id: p.invoiceId,
      device_id: row.device_id,
      journal_seq: row.device_seq,
      day: p.day,
      invoice_no: p.invoiceNo,
      amount_fen: p.amountFen,
      receipt_id: p.receiptId,
      staff_id: p.staffId,
      recorded_at: row.occurred_at,
    }),
  'day.closed': (db, p, row) =>
    insertRow(db, 'day_closes', {
      device_id: row.device_id,
      day: p.day,
      report: JSON.stringify(p.report),
      staff_id: p.staffId,
      approver_id: p.approverId,
      recorded_at: row.occurred_at,
    }),
  'hall_day.closed': (db, p, row) =>
    insertRow(db, 'hall_day_closes', {
      hub_id: row.device_id,
      day: p.day,
      report: JSON.stringify(p.report),
      staff_id: p.staffId,
      approver_id: p.approverId,
      recorded_at: row.occurred_at,
    }),
};
