import type { Db } from '../open.ts';
import type { Projectors } from './index.ts';
import { stmt } from './index.ts';

const releaseCounter = (db: Db, ticketId: string) =>
  stmt(db, `UPDATE counters SET ticket_id = NULL WHERE ticket_id = ?`).run(ticketId);

/** The ticket leaves its counter in `status`, with the columns that record how (when, why, for whom). */
function leaveCounter(
  db: Db,
  ticketId: string,
  status: string,
  columns: Record<string, string | number | null> = {},
): void {
  const set = Object.keys(columns).map((c) => `, ${c} = @${c}`);
  stmt(db, `UPDATE tickets SET status = @status${set.join('')} WHERE id = @ticketId`).run({
    ...columns,
    status,
    ticketId,
  });
  releaseCounter(db, ticketId);
}

export const queueProjectors: Projectors = {
  'ticket.issued': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO tickets (id, number, service_code, priority, internal, status, business_day, issued_at, queued_at,
         head, recall_count, transfer_count)
       VALUES (@ticketId, @number, @serviceCode, @priority, @internal, 'waiting', @businessDay, @at, @at, 0, 0, 0)`,
    ).run({ ...p, priority: p.priority ? 1 : 0, internal: p.internal ? 1 : 0, at: row.occurred_at });
    stmt(
      db,
      `INSERT INTO ticket_numbers (business_day, prefix, last) VALUES (?, ?, ?)
       ON CONFLICT (business_day, prefix) DO UPDATE SET last = max(last, excluded.last)`,
    ).run(p.businessDay, p.number.slice(0, 1), p.seq);
    if (p.idempotencyKey !== null) {
      // A key is its sender's own (issue 9): the row's recorded_by names the sender.
      stmt(db, `INSERT INTO idempotency (principal, key, ticket_id) VALUES (?, ?, ?)`).run(
        row.recorded_by,
        p.idempotencyKey,
        p.ticketId,
      );
    }
  },
  'ticket.called': (db, p, row) => {
    stmt(
      db,
      `UPDATE tickets SET status = 'called', counter_no = @counterNo, staff_id = @staffId, called_at = @at,
         head = 0, target_counter_no = NULL WHERE id = @ticketId`,
    ).run({ ...p, at: row.occurred_at });
    stmt(db, `UPDATE counters SET ticket_id = ? WHERE counter_no = ?`).run(p.ticketId, p.counterNo);
    stmt(db, `UPDATE queue_state SET priority_streak = ?`).run(p.streak);
  },
  'ticket.recalled': (db, p) => {
    stmt(db, `UPDATE tickets SET recall_count = ? WHERE id = ?`).run(p.recallCount, p.ticketId);
  },
  'ticket.started': (db, p, row) => {
    // Started again after a return from park: handling goes on from the first start (R-SLA-1).
    stmt(db, `UPDATE tickets SET status = 'serving', started_at = coalesce(started_at, ?) WHERE id = ?`).run(
      row.occurred_at,
      p.ticketId,
    );
  },
  'ticket.finished': (db, p, row) =>
    leaveCounter(db, p.ticketId, 'done', { finished_at: row.occurred_at, overrun_reason: p.overrunReason }),
  'ticket.no_show': (db, p, row) => leaveCounter(db, p.ticketId, 'no_show', { no_show_at: row.occurred_at }),
  'ticket.reactivated': (db, p, row) => {
    stmt(
      db,
      `UPDATE tickets SET status = 'waiting', queued_at = ?, head = 1, counter_no = NULL, target_counter_no = NULL,
         no_show_at = NULL, recall_count = 0 WHERE id = ?`,
    ).run(row.occurred_at, p.ticketId);
  },
  'ticket.parked': (db, p, row) =>
    leaveCounter(db, p.ticketId, 'parked', { target_counter_no: p.counterNo, parked_at: row.occurred_at }),
  'ticket.returned': (db, p, row) => {
    stmt(
      db,
      // R-SLA-1: the time parked is hold, not handling, once handling had started.
      `UPDATE tickets SET status = 'called', counter_no = @counterNo, called_at = @at, target_counter_no = NULL,
         held_ms = held_ms + CASE WHEN started_at IS NULL THEN 0 ELSE @at - coalesce(parked_at, @at) END,
         parked_at = NULL
       WHERE id = @ticketId`,
    ).run({ counterNo: p.counterNo, at: row.occurred_at, ticketId: p.ticketId });
    stmt(db, `UPDATE counters SET ticket_id = ? WHERE counter_no = ?`).run(p.ticketId, p.counterNo);
  },
  'ticket.cancelled': (db, p) => leaveCounter(db, p.ticketId, 'cancelled'),
  'ticket.transferred': (db, p, row) => {
    stmt(
      db,
      `UPDATE tickets SET status = 'transferred', service_code = coalesce(@toServiceCode, service_code),
         target_counter_no = @toCounterNo, head = @head, queued_at = @at, counter_no = NULL, called_at = NULL,
         started_at = NULL, held_ms = 0, parked_at = NULL, recall_count = 0, transfer_count = transfer_count + 1
       WHERE id = @ticketId`,
    ).run({ ...p, head: p.head ? 1 : 0, at: row.occurred_at });
    releaseCounter(db, p.ticketId);
  },
  'walkin.served': (db, p, row) => {
    // Reconciled as a finished ticket of its own number range, so reports count it with the rest.
    stmt(
      db,
      `INSERT OR IGNORE INTO tickets (id, number, service_code, priority, internal, status, business_day, issued_at,
         queued_at, head, counter_no, staff_id, called_at, started_at, finished_at, recall_count, transfer_count)
       VALUES (@walkinId, @number, @serviceCode, 0, 0, 'done', @businessDay, @startedAt, @startedAt, 0, @counterNo,
         @staffId, @startedAt, @startedAt, @at, 0, 0)`,
    ).run({ ...p, number: `W-${p.walkinId.slice(-6).toUpperCase()}`, at: p.finishedAt ?? row.occurred_at });
  },
  'counter.signed_in': (db, p) => {
    stmt(
      db,
      `UPDATE counters SET status = CASE status WHEN 'away' THEN 'away' ELSE 'open' END, staff_id = ?
       WHERE counter_no = ?`,
    ).run(p.staffId, p.counterNo);
  },
  'counter.signed_out': (db, p) => {
    stmt(
      db,
      `UPDATE counters SET status = 'closed', staff_id = NULL, away_reason = NULL, away_since = NULL,
         return_at = NULL WHERE counter_no = ?`,
    ).run(p.counterNo);
    // R-AWAY-1: the away sign comes down with the sign-out, and so does its overdue alert (else it
    // stayed open for ever: only counter.back closed it).
    stmt(db, `UPDATE alerts SET open = 0 WHERE counter_no = ? AND kind = 'away_overdue'`).run(p.counterNo);
  },
  'counter.away': (db, p, row) => {
    stmt(
      db,
      `UPDATE counters SET status = 'away', away_reason = ?, away_since = ?, return_at = ? WHERE counter_no = ?`,
    ).run(p.reason, row.occurred_at, p.returnAt, p.counterNo);
  },
  'counter.back': (db, p) => {
    stmt(
      db,
      `UPDATE counters SET status = 'open', away_reason = NULL, away_since = NULL, return_at = NULL
       WHERE counter_no = ?`,
    ).run(p.counterNo);
    stmt(db, `UPDATE alerts SET open = 0 WHERE counter_no = ? AND kind = 'away_overdue'`).run(p.counterNo);
  },
};
