import type { Projectors } from './index.ts';
import { stmt } from './index.ts';
import { nextDueAt, type CaseClock } from '../../shared/cases/rules.ts';

/** The case tables (migration 0014), cleared and replayed by rebuild. */
export const CASE_TABLES = ['cases', 'case_actions'] as const;

interface ClockRow {
  reply_due_at: number | null;
  opinion_due_at: number | null;
  replied_at: number | null;
  opinion_at: number | null;
  closed_at: number | null;
}

const clockOf = (r: ClockRow): CaseClock => ({
  replyDueAt: r.reply_due_at,
  opinionDueAt: r.opinion_due_at,
  repliedAt: r.replied_at,
  opinionAt: r.opinion_at,
  closedAt: r.closed_at,
});

/**
 * Cases: one row per case with its owner, deadlines and the earliest deadline still pending, and one
 * row per action (the opening included) for its history.
 */
export const caseProjectors: Projectors = {
  'case.opened': (db, p, row) => {
    const due = nextDueAt({
      replyDueAt: p.replyDueAt,
      opinionDueAt: p.opinionDueAt,
      repliedAt: null,
      opinionAt: null,
      closedAt: null,
    });
    stmt(
      db,
      `INSERT INTO cases (id, no, kind, summary, phone, opened_by, owner_id, counter_no, ticket_id, rating_id, opened_at,
         promised_at, reply_due_at, opinion_due_at, next_due_at, last_action_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.caseId,
      p.no,
      p.kind,
      p.summary,
      p.phone,
      p.staffId,
      p.staffId,
      p.counterNo,
      p.ticketId,
      p.ratingId,
      row.occurred_at,
      p.promisedAt,
      p.replyDueAt,
      p.opinionDueAt,
      due,
      row.occurred_at,
    );
    stmt(
      db,
      `INSERT INTO case_actions (id, case_id, journal_id, kind, staff_id, text, to_staff_id, told_via, at)
       VALUES (?, ?, ?, 'open', ?, ?, NULL, NULL, ?)`,
    ).run(p.caseId, p.caseId, row.id, p.staffId, p.summary, row.occurred_at);
  },
  'case.acted': (db, p, row) => {
    const at = row.occurred_at;
    stmt(
      db,
      `INSERT INTO case_actions (id, case_id, journal_id, kind, staff_id, text, to_staff_id, told_via, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(p.actionId, p.caseId, row.id, p.kind, p.staffId, p.text, p.toStaffId, p.toldVia, at);
    const c = stmt(db, 'SELECT * FROM cases WHERE id = ?').get(p.caseId) as ClockRow | undefined;
    if (!c) return;
    if (p.kind === 'reply' && c.replied_at === null) c.replied_at = at;
    if (p.kind === 'opinion' && c.opinion_at === null) c.opinion_at = at;
    if (p.kind === 'close') c.closed_at = at;
    stmt(
      db,
      `UPDATE cases SET replied_at = ?, opinion_at = ?, closed_at = ?, next_due_at = ?, last_action_at = ?,
         owner_id = CASE WHEN ? = 'reassign' THEN ? ELSE owner_id END,
         resolution = CASE WHEN ? = 'close' THEN ? ELSE resolution END,
         told_via = CASE WHEN ? = 'close' THEN ? ELSE told_via END
       WHERE id = ?`,
    ).run(
      c.replied_at,
      c.opinion_at,
      c.closed_at,
      nextDueAt(clockOf(c)),
      at,
      p.kind,
      p.toStaffId,
      p.kind,
      p.text,
      p.kind,
      p.toldVia,
      p.caseId,
    );
  },
};
