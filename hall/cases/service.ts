import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import type { CaseActionBody, OpenCaseBody } from '../../shared/cases/model.ts';
import { mayAct, openingDeadlines, type Actor } from '../../shared/cases/rules.ts';
import { DomainError } from '../../shared/errors.ts';
import type { WriteContext } from '../context.ts';
import { caseRow, caseView, readAt } from './queries.ts';

/** The staff member who opens a case: they own it (R-FR-1); the counter they were at, if any. */
export interface Opener {
  staffId: string;
  counterNo: number | null;
}

/**
 * A negative rating is taken up in one case (the manager's one click): the rating must be one this hub
 * holds, and a second case from it is refused, naming the first, so a double click opens one.
 */
function oneCasePerRating(ctx: WriteContext, ratingId: string): void {
  if (!stmt(ctx.db, 'SELECT 1 FROM ratings WHERE id = ?').get(ratingId))
    throw new DomainError('E_UNKNOWN_RATING');
  const first = stmt(ctx.db, 'SELECT no FROM cases WHERE rating_id = ? LIMIT 1').get(ratingId) as
    { no: number } | undefined;
  if (first) throw new DomainError('E_CASE_FOR_RATING', { no: first.no });
}

/**
 * Opens a case owned by its opener (R-FR-1). An enquiry is one not answered on the spot, so it needs
 * the customer's phone and a promised reply time (R-FR-2); a complaint gets its reply and opinion
 * deadlines from the settings in force now (R-CMP-1).
 */
export function openCase(ctx: WriteContext, by: Opener, body: OpenCaseBody) {
  const now = ctx.clock.now();
  const promisedAt = body.promisedAt ?? null;
  if (body.kind === 'enquiry' && (body.phone === undefined || promisedAt === null))
    throw new DomainError('E_CASE_NEEDS_CONTACT');
  if (promisedAt !== null && promisedAt <= now)
    throw new DomainError('E_VALIDATION', { detail: 'promisedAt is in the past' });
  if (body.ticketId !== undefined && !read.ticketById(ctx.db, body.ticketId))
    throw new DomainError('E_UNKNOWN_TICKET');
  if (body.ratingId !== undefined) oneCasePerRating(ctx, body.ratingId);
  const due = openingDeadlines(body.kind, now, promisedAt, read.settings(ctx.db));
  const { no } = stmt(ctx.db, 'SELECT coalesce(max(no), 0) + 1 AS no FROM cases').get() as { no: number };
  const caseId = ctx.ids.next();
  ctx.journal.append(
    'case.opened',
    {
      caseId,
      no,
      kind: body.kind,
      staffId: by.staffId,
      counterNo: by.counterNo,
      ticketId: body.ticketId ?? null,
      ratingId: body.ratingId ?? null,
      summary: body.summary,
      phone: body.phone ?? null,
      promisedAt,
      ...due,
    },
    by.staffId,
  );
  return {
    id: caseId,
    no,
    ownerStaffNo: read.staffById(ctx.db, by.staffId)?.staffNo ?? '',
    ...(due.replyDueAt !== null ? { replyDueAt: due.replyDueAt } : {}),
    ...(due.opinionDueAt !== null ? { opinionDueAt: due.opinionDueAt } : {}),
  };
}

/**
 * One action on a case, recorded with who and when. R-FR-1: only the owner or a manager acts on it,
 * only a manager reassigns (with the reason as its text), anyone may log their own assist; a close
 * carries the resolution and how the customer was told. Refused actions write nothing.
 */
export function actOnCase(ctx: WriteContext, actor: Actor, caseId: string, body: CaseActionBody) {
  const c = caseRow(ctx.db, caseId);
  if (!c) throw new DomainError('E_UNKNOWN_CASE');
  if (c.closed_at !== null) throw new DomainError('E_CASE_CLOSED');
  if (!mayAct(actor, c.owner_id, body.kind))
    throw body.kind === 'reassign'
      ? new DomainError('E_FORBIDDEN')
      : new DomainError('E_NOT_CASE_OWNER', { owner: c.owner_name ?? c.owner_no ?? '' });
  let toStaffId: string | null = null;
  if (body.toStaffNo !== undefined && (body.kind === 'reassign' || body.kind === 'assist')) {
    const to = read.staffByNo(ctx.db, body.toStaffNo);
    if (!to) throw new DomainError('E_UNKNOWN_STAFF', { staffNo: body.toStaffNo });
    toStaffId = to.id;
  }
  if (body.kind === 'reassign' && toStaffId === c.owner_id)
    throw new DomainError('E_VALIDATION', { detail: 'the case is already theirs' });
  ctx.journal.append(
    'case.acted',
    {
      caseId,
      actionId: ctx.ids.next(),
      kind: body.kind,
      staffId: actor.staffId,
      text: body.text,
      toStaffId,
      toldVia: body.kind === 'close' ? (body.toldVia ?? null) : null,
    },
    actor.staffId,
  );
  return caseView(ctx.db, caseRow(ctx.db, caseId)!, actor, readAt(ctx.db, ctx.clock.now()));
}
