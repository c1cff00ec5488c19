import type { Settings } from '../settings.ts';
import { dueAt } from './deadlines.ts';
import type { ActionKind, CaseKind } from './model.ts';

/** A case's deadlines and what met them: the facts the rules below read. */
export interface CaseClock {
  replyDueAt: number | null;
  opinionDueAt: number | null;
  repliedAt: number | null;
  opinionAt: number | null;
  closedAt: number | null;
}

/**
 * The deadlines a case gets when it is opened. R-CMP-1: a complaint's reply is due in 3 days and its
 * handling opinion in 5 (calendar or working days, a setting). R-FR-2: an enquiry's (or a flow's)
 * reply is due when it was promised.
 */
export function openingDeadlines(
  kind: CaseKind,
  receivedAt: number,
  promisedAt: number | null,
  s: Pick<Settings, 'complaintDayCount' | 'complaintReplyDays' | 'complaintOpinionDays' | 'timeZone'>,
): { replyDueAt: number | null; opinionDueAt: number | null } {
  if (kind === 'complaint')
    return {
      replyDueAt: dueAt(receivedAt, s.complaintReplyDays, s.complaintDayCount, s.timeZone),
      opinionDueAt: dueAt(receivedAt, s.complaintOpinionDays, s.complaintDayCount, s.timeZone),
    };
  return { replyDueAt: promisedAt, opinionDueAt: null };
}

/**
 * The earliest deadline still to meet at `at` (null: none). A reply meets the reply deadline; a
 * handling opinion is an answer too, so it meets both; a close meets every one.
 */
export function nextDueAt(c: CaseClock, at = Infinity): number | null {
  if (c.closedAt !== null && c.closedAt <= at) return null;
  const met = (t: number | null) => t !== null && t <= at;
  const pending: number[] = [];
  if (c.replyDueAt !== null && !met(c.repliedAt) && !met(c.opinionAt)) pending.push(c.replyDueAt);
  if (c.opinionDueAt !== null && !met(c.opinionAt)) pending.push(c.opinionDueAt);
  return pending.length === 0 ? null : Math.min(...pending);
}

/** R-DUTY-1: overdue at `now` when a deadline has passed unmet. */
export const isOverdue = (c: CaseClock, now: number): boolean => {
  const due = nextDueAt(c, now);
  return due !== null && due < now;
};

/** R-FR-2: the owner is reminded when a deadline falls due within the lead and has not yet passed. */
export function needsReminder(c: CaseClock, now: number, leadMinutes: number): boolean {
  const due = nextDueAt(c, now);
  return due !== null && due >= now && due - now <= leadMinutes * 60_000;
}

/** Who acts on a case, as the rules see them. */
export interface Actor {
  staffId: string;
  manager: boolean;
}

/**
 * R-FR-1: the owner acts on their case to its close; a manager may act on any, and only a manager
 * reassigns. Anyone of the staff may log their own assist: the owner stays the owner.
 */
export function mayAct(actor: Actor, ownerId: string, kind: ActionKind): boolean {
  if (kind === 'reassign') return actor.manager;
  if (kind === 'assist') return true;
  return actor.manager || actor.staffId === ownerId;
}
