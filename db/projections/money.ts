import type { Projectors } from './index.ts';
import { stmt } from './index.ts';
import { MONEY_TABLES } from '../moneyTables.ts';

/**
 * Money records (migration 0013), each an INSERT and nothing else: the tables refuse UPDATE, and a
 * void, a reprint or a difference's explanation is a row of its own. Rows are keyed by the device that
 * wrote them, so a hub holds its stations' money beside its own.
 */
export { MONEY_TABLES };

export const moneyProjectors: Projectors = {
  'receipt.recorded': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO receipts (id, device_id, journal_seq, seq, number, day, late_for, counter_no, staff_id, drawer_id, ticket_id,
         total_fen, paid_fen, change_fen, cash_fen, lines, payments, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.receiptId,
      row.device_id,
      row.device_seq,
      p.seq,
      p.number,
      p.day,
      p.lateFor,
      p.counterNo,
      p.staffId,
      p.drawerId,
      p.ticketId,
      p.totalFen,
      p.paidFen,
      p.changeFen,
      p.cashFen,
      JSON.stringify(p.lines),
      JSON.stringify(p.payments),
      row.occurred_at,
    );
  },
  'receipt.voided': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO receipt_voids (id, receipt_id, device_id, journal_seq, day, staff_id, approver_id, drawer_id, reason,
         total_fen, cash_fen, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.voidId,
      p.receiptId,
      row.device_id,
      row.device_seq,
      p.day,
      p.staffId,
      p.approverId,
      p.drawerId,
      p.reason,
      p.totalFen,
      p.cashFen,
      row.occurred_at,
    );
  },
  'receipt.reprinted': (db, p, row) => {
    stmt(
      db,
      'INSERT INTO receipt_reprints (receipt_id, count, staff_id, recorded_at) VALUES (?, ?, ?, ?)',
    ).run(p.receiptId, p.count, p.staffId, row.occurred_at);
  },
  'drawer.opened': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO drawers (id, device_id, journal_seq, day, staff_id, counter_no, float_fen, auto, opened_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.drawerId,
      row.device_id,
      row.device_seq,
      p.day,
      p.staffId,
      p.counterNo,
      p.floatFen,
      p.auto ? 1 : 0,
      row.occurred_at,
    );
  },
  'drawer.cash_moved': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO drawer_moves (id, drawer_id, direction, amount_fen, reason, staff_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(p.moveId, p.drawerId, p.direction, p.amountFen, p.reason, p.staffId, row.occurred_at);
  },
  'drawer.counted': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO drawer_counts (id, drawer_id, kind, counts, counted_fen, expected_fen, difference_fen, staff_id,
         witness_id, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.countId,
      p.drawerId,
      p.kind,
      JSON.stringify(p.counts),
      p.countedFen,
      p.expectedFen,
      p.differenceFen,
      p.staffId,
      p.witnessId,
      p.note,
      row.occurred_at,
    );
  },
  'drawer.difference_explained': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO drawer_explanations (count_id, reason_code, approver_id, staff_id, note, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(p.countId, p.reasonCode, p.approverId, p.staffId, p.note, row.occurred_at);
  },
  'deposit.recorded': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO deposits (id, device_id, journal_seq, day, staff_id, companion_id, amount_fen, slip_no, drawer_id,
         recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.depositId,
      row.device_id,
      row.device_seq,
      p.day,
      p.staffId,
      p.companionId,
      p.amountFen,
      p.slipNo,
      p.drawerId,
      row.occurred_at,
    );
  },
  'invoice.recorded': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO manual_invoices (id, device_id, journal_seq, day, invoice_no, amount_fen, receipt_id, staff_id,
         recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.invoiceId,
      row.device_id,
      row.device_seq,
      p.day,
      p.invoiceNo,
      p.amountFen,
      p.receiptId,
      p.staffId,
      row.occurred_at,
    );
  },
  'day.closed': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO day_closes (device_id, day, report, staff_id, approver_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(row.device_id, p.day, JSON.stringify(p.report), p.staffId, p.approverId, row.occurred_at);
  },
};
