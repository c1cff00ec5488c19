import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import {
  levelsFor,
  takesReasons,
  type MisuseReason,
  type RatingLevel,
  type RatingSource,
} from '../../shared/ratings/levels.ts';
import { judgePress } from '../../shared/ratings/machine.ts';
import { recordedByDevice, type WriteContext } from '../context.ts';
import { hashToken, mintOneTimeCode, newToken } from '../auth/tokens.ts';
import { counterOrThrow } from '../queue/counters.ts';
import { checkPairingThrottle } from '../devices/service.ts';
import {
  dueRequests,
  latestRequest,
  recentPresses,
  requestById,
  requestForTicket,
  toState,
  type RequestRow,
} from './queries.ts';

/** The clerk at a counter who invites or enters: every record names them and their counter. */
export interface Clerk {
  staffId: string;
  counterNo: number;
}

/** R-EVAL-1: a request nobody answered is recorded as no_rating, never as satisfied. */
function recordNoRating(ctx: WriteContext, r: RequestRow): void {
  ctx.journal.append(
    'rating.recorded',
    {
      ratingId: ctx.ids.next(),
      requestId: r.id,
      counterNo: r.counter_no,
      staffId: r.staff_id,
      ticketId: r.ticket_id,
      outcome: 'no_rating',
      reasons: [],
      source: 'timeout',
    },
    recordedByDevice(ctx.deviceId),
  );
}

/** Records every request whose window has passed unanswered (one counter's, or all); returns how many. */
export function expireRatings(ctx: WriteContext, counterNo: number | null = null): number {
  const due = dueRequests(ctx.db, ctx.clock.now(), counterNo);
  for (const r of due) recordNoRating(ctx, r);
  return due.length;
}

/**
 * R-EVAL-1: the clerk invites the customer of a ticket to rate; one request per ticket. A request still
 * open at the counter ends as no_rating: the customer it was for has left the window.
 */
export function requestRating(
  ctx: WriteContext,
  clerk: Clerk,
  ticket: { ticketId: string; ticketNumber: string | null },
): { requestId: string; expiresAt: number } {
  const now = ctx.clock.now();
  expireRatings(ctx, clerk.counterNo);
  if (requestForTicket(ctx.db, ticket.ticketId)) throw new DomainError('E_RATING_ALREADY');
  const open = latestRequest(ctx.db, clerk.counterNo);
  if (open && open.outcome === null) recordNoRating(ctx, open);
  const requestId = ctx.ids.next();
  const expiresAt = now + read.settings(ctx.db).ratingWindowSeconds * 1000;
  ctx.journal.append(
    'rating.requested',
    { requestId, ...clerk, ticketId: ticket.ticketId, ticketNumber: ticket.ticketNumber, expiresAt },
    clerk.staffId,
  );
  return { requestId, expiresAt };
}

export interface Press {
  counterNo: number;
  requestId: string | null;
  level: RatingLevel;
  reasons: string[];
  source: RatingSource;
}

/**
 * A press on a screen, pad or keypad (R-EVAL-1). Taken once per request; anything else (no request
 * open, a second press, an expired request, a burst) is journaled as misuse and refused. Both are
 * written: the route answers 409 after the misuse is durable.
 */
export function pressRating(
  ctx: WriteContext,
  press: Press,
): { accepted: true; ratingId: string } | { accepted: false; misuse: MisuseReason } {
  const now = ctx.clock.now();
  const settings = read.settings(ctx.db);
  if (!levelsFor(settings.ratingLevels).includes(press.level))
    throw new DomainError('E_RATING_LEVEL', { detail: press.level });
  const badReason = press.reasons.find((r) => !settings.ratingReasons.includes(r));
  if (badReason !== undefined || (press.reasons.length > 0 && !takesReasons(press.level)))
    throw new DomainError('E_VALIDATION', { detail: `reasons: ${badReason ?? press.level}` });
  const row = press.requestId ? requestById(ctx.db, press.requestId) : latestRequest(ctx.db, press.counterNo);
  if (row && row.counter_no !== press.counterNo)
    throw new DomainError('E_NOT_THIS_SCREEN', { counterNo: press.counterNo });
  const verdict = judgePress(row ? toState(row) : null, now, recentPresses(ctx.db, press.counterNo, now));
  const by = recordedByDevice(ctx.deviceId);
  if (!verdict.accept) {
    if (row && row.outcome === null && now >= row.expires_at) recordNoRating(ctx, row);
    ctx.journal.append(
      'rating.misuse',
      {
        counterNo: press.counterNo,
        requestId: row?.id ?? null,
        reason: verdict.misuse,
        source: press.source,
      },
      by,
    );
    return { accepted: false, misuse: verdict.misuse };
  }
  const r = row as RequestRow;
  const ratingId = ctx.ids.next();
  ctx.journal.append(
    'rating.recorded',
    {
      ratingId,
      requestId: r.id,
      counterNo: r.counter_no,
      staffId: r.staff_id,
      ticketId: r.ticket_id,
      outcome: press.level,
      reasons: press.reasons,
      source: press.source,
    },
    by,
  );
  return { accepted: true, ratingId };
}

/** R-EVAL-2: a paper or QR opinion form, entered by staff. */
export function recordFeedback(
  ctx: WriteContext,
  by: { staffId: string; counterNo: number | null },
  form: {
    source: 'paper' | 'qr';
    text: string;
    level: RatingLevel | null;
    aboutStaffId: string | null;
    ticketId: string | null;
  },
): { feedbackId: string } {
  const feedbackId = ctx.ids.next();
  ctx.journal.append('feedback.recorded', { feedbackId, ...by, ...form }, by.staffId);
  return { feedbackId };
}

/**
 * The node serving a counter pairs that counter's customer screen or pad itself (docs/decisions.md):
 * a one-time code, kept hashed in a local table, never journaled.
 */
export function makeScreenCode(
  ctx: WriteContext,
  counterNo: number,
  kind: 'customer' | 'pad',
): { code: string; expiresAt: number } {
  counterOrThrow(ctx.db, counterNo);
  return mintOneTimeCode(ctx, 'local_screen_codes', { counter_no: counterNo, kind });
}

/** A code becomes a token that speaks for that counter's screen on this node only. */
export function pairScreen(
  ctx: WriteContext,
  code: string,
): { token: string; counterNo: number; kind: 'customer' | 'pad'; screenId: string } {
  // The same guessing limit as device pairing (issue 9): wrong codes of either kind count together.
  const throttle = checkPairingThrottle(ctx);
  const h = hashToken(code);
  const row = stmt(
    ctx.db,
    'SELECT counter_no, kind, expires_at FROM local_screen_codes WHERE code_hash = ?',
  ).get(h) as { counter_no: number; kind: 'customer' | 'pad'; expires_at: number } | undefined;
  if (!row || row.expires_at <= ctx.clock.now()) {
    throttle.failures++;
    throw new DomainError('E_SCREEN_CODE');
  }
  stmt(ctx.db, 'DELETE FROM local_screen_codes WHERE code_hash = ?').run(h);
  const token = newToken();
  const screenId = `screen-${ctx.ids.next()}`;
  stmt(
    ctx.db,
    'INSERT INTO local_screen_tokens (token_hash, screen_id, counter_no, kind, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run(hashToken(token), screenId, row.counter_no, row.kind, ctx.clock.now());
  return { token, counterNo: row.counter_no, kind: row.kind, screenId };
}
