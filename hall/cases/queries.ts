import type { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import type { CaseActionView, CaseSummary, CaseView } from '../../shared/cases/model.ts';
import { maskPhone, type CaseKind, type ToldVia } from '../../shared/cases/model.ts';
import type { CaseHistory } from '../../shared/cases/report.ts';
import { isOverdue, needsReminder, type Actor } from '../../shared/cases/rules.ts';

/** A case row with its owner's and opener's staff numbers. */
export interface CaseRow {
  id: string;
  no: number;
  kind: CaseKind;
  summary: string;
  phone: string | null;
  opened_by: string;
  owner_id: string;
  owner_no: string | null;
  owner_name: string | null;
  opener_no: string | null;
  counter_no: number | null;
  ticket_id: string | null;
  rating_id: string | null;
  opened_at: number;
  promised_at: number | null;
  reply_due_at: number | null;
  opinion_due_at: number | null;
  replied_at: number | null;
  opinion_at: number | null;
  next_due_at: number | null;
  last_action_at: number;
  closed_at: number | null;
  resolution: string | null;
  told_via: ToldVia | null;
}

/** What a case list shows: every one is in the covering index cases_open_due (migration 0014). */
const LIST_COLUMNS = `c.id, c.no, c.kind, c.summary, c.phone, c.opened_by, c.owner_id, c.counter_no, c.ticket_id,
  c.rating_id, c.opened_at, c.promised_at, c.reply_due_at, c.opinion_due_at, c.replied_at, c.opinion_at,
  c.next_due_at, c.last_action_at, c.closed_at`;
const STAFF_JOIN = `o.staff_no AS owner_no, o.name AS owner_name, b.staff_no AS opener_no
  FROM cases c LEFT JOIN staff o ON o.id = c.owner_id LEFT JOIN staff b ON b.id = c.opened_by`;
const SELECT = `SELECT c.*, ${STAFF_JOIN}`;
/** A case list's rows (no resolution: lists show open cases). */
export const LIST_SELECT = `SELECT ${LIST_COLUMNS}, NULL AS resolution, NULL AS told_via, ${STAFF_JOIN}`;
/** R-DUTY-1: the overdue list's SQL, also what the bench times directly. */
export const OVERDUE_SQL = `${LIST_SELECT}
  WHERE c.closed_at IS NULL AND c.next_due_at IS NOT NULL AND c.next_due_at < ? ORDER BY c.next_due_at`;

/** Where a reader stands at `now`: the reminder lead is a setting (R-FR-2). */
export interface ReadAt {
  now: number;
  remindMinutes: number;
}

const clock = (r: CaseRow) => ({
  replyDueAt: r.reply_due_at,
  opinionDueAt: r.opinion_due_at,
  repliedAt: r.replied_at,
  opinionAt: r.opinion_at,
  closedAt: r.closed_at,
});

export function summaryOf(r: CaseRow, at: ReadAt, fullPhone = false): z.input<typeof CaseSummary> {
  return {
    id: r.id,
    no: r.no,
    kind: r.kind,
    summary: r.summary,
    phone: fullPhone ? r.phone : maskPhone(r.phone),
    ownerStaffNo: r.owner_no ?? '',
    ownerName: r.owner_name ?? '',
    openedByStaffNo: r.opener_no ?? '',
    counterNo: r.counter_no,
    ticketId: r.ticket_id,
    ratingId: r.rating_id,
    openedAt: r.opened_at,
    promisedAt: r.promised_at,
    replyDueAt: r.reply_due_at,
    opinionDueAt: r.opinion_due_at,
    repliedAt: r.replied_at,
    opinionAt: r.opinion_at,
    nextDueAt: r.next_due_at,
    lastActionAt: r.last_action_at,
    closedAt: r.closed_at,
    status: r.closed_at === null ? 'open' : 'closed',
    remind: needsReminder(clock(r), at.now, at.remindMinutes),
    overdue: isOverdue(clock(r), at.now),
  };
}

export function caseRow(db: Db, id: string): CaseRow | null {
  return (stmt(db, `${SELECT} WHERE c.id = ?`).get(id) as CaseRow | undefined) ?? null;
}

/** One case with its history. The phone is shown in full only to its owner and managers. */
export function caseView(db: Db, r: CaseRow, reader: Actor, at: ReadAt): z.input<typeof CaseView> {
  const actions = stmt(
    db,
    `SELECT a.id, a.kind, a.text, a.at, a.told_via, s.staff_no, s.name, t.staff_no AS to_no
     FROM case_actions a LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN staff t ON t.id = a.to_staff_id
     WHERE a.case_id = ? ORDER BY a.at, a.rowid`,
  ).all(r.id) as {
    id: string;
    kind: z.input<typeof CaseActionView>['kind'];
    text: string;
    at: number;
    told_via: ToldVia | null;
    staff_no: string | null;
    name: string | null;
    to_no: string | null;
  }[];
  return {
    ...summaryOf(r, at, reader.manager || reader.staffId === r.owner_id),
    resolution: r.resolution,
    toldVia: r.told_via,
    actions: actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      text: a.text,
      staffNo: a.staff_no ?? '',
      staffName: a.name ?? '',
      toStaffNo: a.to_no,
      toldVia: a.told_via,
      at: a.at,
    })),
  };
}

/** R-DUTY-1: the open cases with a deadline passed unmet at `now`, most overdue first (index cases_open_due). */
export function overdueRows(db: Db, now: number): CaseRow[] {
  return stmt(db, OVERDUE_SQL).all(now) as CaseRow[];
}

/** The open cases one clerk owns, earliest deadline first (index cases_open_owner). */
export function openRowsOf(db: Db, ownerId: string): CaseRow[] {
  return stmt(
    db,
    `${LIST_SELECT} WHERE c.closed_at IS NULL AND c.owner_id = ? ORDER BY c.next_due_at IS NULL, c.next_due_at, c.no`,
  ).all(ownerId) as CaseRow[];
}

/** Every open case of the hall, earliest deadline first. */
export function openRows(db: Db): CaseRow[] {
  return stmt(
    db,
    `${LIST_SELECT} WHERE c.closed_at IS NULL ORDER BY c.next_due_at IS NULL, c.next_due_at, c.no`,
  ).all() as CaseRow[];
}

/** The cases a month's report reads: opened by its end, not closed before its start, with their actions. */
export function historiesFor(db: Db, from: number, asOf: number): CaseHistory[] {
  const rows = stmt(
    db,
    `SELECT * FROM cases WHERE opened_at <= ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY no`,
  ).all(asOf, from) as CaseRow[];
  const actionsOf = stmt(
    db,
    "SELECT kind, at, to_staff_id AS toStaffId FROM case_actions WHERE case_id = ? AND kind <> 'open' ORDER BY at, rowid",
  );
  return rows.map((r) => ({
    id: r.id,
    no: r.no,
    kind: r.kind,
    summary: r.summary,
    phone: r.phone,
    openedBy: r.opened_by,
    openedAt: r.opened_at,
    replyDueAt: r.reply_due_at,
    opinionDueAt: r.opinion_due_at,
    repliedAt: r.replied_at,
    opinionAt: r.opinion_at,
    closedAt: r.closed_at,
    actions: actionsOf.all(r.id) as CaseHistory['actions'],
  }));
}

export const readAt = (db: Db, now: number): ReadAt => ({
  now,
  remindMinutes: read.settings(db).caseRemindMinutes,
});
