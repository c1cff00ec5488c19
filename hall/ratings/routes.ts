import * as read from '../../db/read.ts';
import { ratingsContract } from '../../shared/api/hall/ratings.ts';
import { DomainError } from '../../shared/errors.ts';
import { isDue } from '../../shared/ratings/machine.ts';
import { isManager, type HallContext, type Principal } from '../context.ts';
import { command, settledCommand } from '../http/command.ts';
import { requireAtCounter, staffOnly, type Api } from '../http/route.ts';
import { invoke } from '../writer/invoke.ts';
import { latestRequest, toState } from './queries.ts';
import { customerView, openRequest, publish } from './screen.ts';
import { ratingsOverview } from './overview.ts';

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
    ratings: ({ query }) => ratingsOverview(ctx, query),
    recordFeedback: command(({ principal, body }) => {
      const { staffId, counterNo } = staffOnly(principal);
      const about = body.aboutStaffNo ? read.staffByNo(ctx.db, body.aboutStaffNo) : null;
      if (body.aboutStaffNo && !about) throw new DomainError('E_NOT_FOUND', { what: body.aboutStaffNo });
      return invoke(
        'recordFeedback',
        { staffId, counterNo },
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
