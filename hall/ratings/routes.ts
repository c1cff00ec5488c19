import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { ratingsContract } from '../../shared/api/hall/ratings.ts';
import { DomainError } from '../../shared/errors.ts';
import type { RatingLevel, RatingOutcome, RatingSource } from '../../shared/ratings/levels.ts';
import { isDue } from '../../shared/ratings/machine.ts';
import { isManager, type HallContext, type Principal } from '../context.ts';
import { command, settledCommand } from '../http/command.ts';
import { requireAtCounter, type Api } from '../http/route.ts';
import { invoke } from '../writer/invoke.ts';
import { latestRequest, toState } from './queries.ts';
import { customerView, openRequest, publish } from './screen.ts';

/** A screen or pad speaks for its own counter only; a clerk for the counter they are signed in at. */
function requireCounter(p: Principal, counterNo: number): void {
  if (p.kind === 'device') {
    if (p.counterNo !== counterNo)
      throw new DomainError('E_NOT_THIS_SCREEN', { counterNo: p.counterNo ?? 0 });
  } else if (!isManager(p)) requireAtCounter(p, counterNo);
}

function clerkAt(p: Principal, counterNo: number) {
  requireAtCounter(p, counterNo);
  return { staffId: (p as { staffId: string }).staffId, counterNo };
}

/** R-EVAL-1: a request past its window is recorded as no_rating at the next read (and by the hub's job). */
async function settleDue(ctx: HallContext, counterNo: number): Promise<void> {
  const r = latestRequest(ctx.db, counterNo);
  if (r && isDue(toState(r), ctx.clock.now())) await ctx.commits.run('expireRatings', counterNo);
}

interface RatingDbRow {
  id: string;
  counter_no: number;
  staff_id: string;
  ticket_id: string;
  ticket_number: string | null;
  outcome: RatingOutcome;
  reasons: string;
  source: RatingSource;
  recorded_at: number;
}

const staffName = (ctx: HallContext, id: string | null) =>
  id === null ? null : (read.staffById(ctx.db, id)?.name ?? id);

function overview(ctx: HallContext) {
  const rows = stmt(
    ctx.db,
    `SELECT g.*, r.ticket_number FROM ratings g JOIN rating_requests r ON r.id = g.request_id
     ORDER BY g.recorded_at DESC LIMIT 100`,
  ).all() as RatingDbRow[];
  const count = (sql: string) =>
    Object.fromEntries((stmt(ctx.db, sql).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
  return {
    ratings: rows.map((g) => ({
      ratingId: g.id,
      counterNo: g.counter_no,
      staffId: g.staff_id,
      staffName: staffName(ctx, g.staff_id) ?? g.staff_id,
      ticketId: g.ticket_id,
      ticketNumber: g.ticket_number,
      outcome: g.outcome,
      reasons: JSON.parse(g.reasons) as string[],
      source: g.source,
      recordedAt: g.recorded_at,
    })),
    byOutcome: count('SELECT outcome AS k, count(*) AS n FROM ratings GROUP BY outcome'),
    misuse: count('SELECT reason AS k, count(*) AS n FROM rating_misuse GROUP BY reason'),
    feedback: (
      stmt(ctx.db, 'SELECT * FROM feedback ORDER BY recorded_at DESC LIMIT 100').all() as {
        id: string;
        source: 'paper' | 'qr';
        text: string;
        level: RatingLevel | null;
        about_staff_id: string | null;
        staff_id: string;
        recorded_at: number;
      }[]
    ).map((f) => ({
      feedbackId: f.id,
      source: f.source,
      text: f.text,
      level: f.level,
      aboutStaffName: staffName(ctx, f.about_staff_id),
      enteredBy: staffName(ctx, f.staff_id) ?? f.staff_id,
      recordedAt: f.recorded_at,
    })),
  };
}

export function ratingRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(ratingsContract, {
    requestRating: command(({ principal, params, body }) => {
      const clerk = clerkAt(principal, params.no);
      // The hub knows the ticket: it must be this counter's. A station may not hold the hub's tickets.
      const ticket = read.ticketById(ctx.db, body.ticketId);
      if (ticket && ticket.counterNo !== params.no) throw new DomainError('E_NOT_YOUR_TICKET');
      return invoke('requestRating', clerk, {
        ticketId: body.ticketId,
        ticketNumber: ticket?.number ?? body.ticketNumber ?? null,
      });
    }),
    currentRatingRequest: async ({ principal, params }) => {
      requireCounter(principal, params.no);
      await settleDue(ctx, params.no);
      return openRequest(ctx, params.no) ?? undefined;
    },
    lastRatingRequest: async ({ principal, params }) => {
      requireCounter(principal, params.no);
      await settleDue(ctx, params.no);
      const r = latestRequest(ctx.db, params.no);
      if (!r) return undefined;
      return {
        requestId: r.id,
        ticketNumber: r.ticket_number,
        expiresAt: r.expires_at,
        state: r.outcome === null ? 'open' : r.outcome === 'no_rating' ? 'no_rating' : 'rated',
      };
    },
    // The misuse of a refused press is journaled with it, so the refusal is answered after the commit,
    // and again on a replay of the same key.
    recordRating: settledCommand(
      ({ principal, body }) => {
        if (principal.kind !== 'device' || principal.counterNo === null)
          throw new DomainError('E_NOT_THIS_SCREEN', { counterNo: 0 });
        return invoke('pressRating', {
          counterNo: principal.counterNo,
          requestId: body.requestId ?? null,
          level: body.level,
          reasons: body.reasons ?? [],
          source: body.source ?? 'pad',
        });
      },
      (value) => {
        if (!value.accepted) throw new DomainError('E_RATING_REFUSED', { reason: value.misuse });
        return { ratingId: value.ratingId };
      },
    ),
    ratings: () => overview(ctx),
    recordFeedback: command(({ principal, body }) => {
      if (principal.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
      const about = body.aboutStaffNo ? read.staffByNo(ctx.db, body.aboutStaffNo) : null;
      if (body.aboutStaffNo && !about) throw new DomainError('E_NOT_FOUND', { what: body.aboutStaffNo });
      return invoke(
        'recordFeedback',
        { staffId: principal.staffId, counterNo: principal.counterNo },
        {
          source: body.source,
          text: body.text,
          level: body.level ?? null,
          aboutStaffId: about?.id ?? null,
          ticketId: body.ticketId ?? null,
        },
      );
    }),
    makeScreenCode: async ({ principal, params, body }) => {
      clerkAt(principal, params.no);
      return (await ctx.commits.run('makeScreenCode', params.no, body.kind)).value;
    },
    pairScreen: async ({ body }) => {
      const { token, counterNo, kind } = (await ctx.commits.run('pairScreen', body.code)).value;
      return { token, counterNo, kind };
    },
    counterScreen: async ({ principal, params }) => {
      requireCounter(principal, params.no);
      await settleDue(ctx, params.no);
      return customerView(ctx, params.no);
    },
    publishScreen: ({ principal, params, body }) => {
      clerkAt(principal, params.no);
      publish(ctx, params.no, body);
    },
  });
}
