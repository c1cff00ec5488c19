import { handoverContract, handoverHubContract } from '../../shared/api/hall/handover.ts';
import { DomainError } from '../../shared/errors.ts';
import * as read from '../../db/read.ts';
import { countersign } from '../auth/service.ts';
import type { Principal } from '../context.ts';
import { command } from '../http/command.ts';
import type { Api } from '../http/route.ts';
import { invoke } from '../writer/invoke.ts';
import { carryOverAt, handoverRows, handoverRowsOf, handoverView, waitingAt } from './queries.ts';
import type { AtCounter } from './service.ts';

/** A handover is written and signed by a clerk in session at the counter. */
export function atCounter(p: Principal): AtCounter & { staffNo: string } {
  if (p.kind !== 'staff' || p.counterNo === null) throw new DomainError('E_COUNTER_NEEDED');
  return { staffId: p.staffId, staffNo: p.staffNo, counterNo: p.counterNo };
}

/** The handover book (issue 13) on the node that serves the counter: a station, or the hub. */
export function handoverRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(handoverContract, {
    writeHandover: command(({ principal, body }) => {
      const { staffId, counterNo } = atCounter(principal);
      return invoke('writeHandover', { staffId, counterNo }, body);
    }),
    acceptHandover: command(async ({ principal, params, body }) => {
      const { staffId, staffNo, counterNo } = atCounter(principal);
      // R-HAND-1: signed with the incoming clerk's own PIN, in their own session.
      await countersign(ctx, { staffNo, pin: body.pin }, ['clerk', 'manager', 'admin']);
      return invoke('acceptHandover', { staffId, counterNo }, params.id, body.items);
    }),
    counterHandovers: ({ principal }) => {
      const { staffId, counterNo } = atCounter(principal);
      const waiting = waitingAt(ctx.db, ctx.deviceId, counterNo);
      return {
        waiting: waiting ? handoverView(ctx.db, waiting, staffId) : null,
        carryOver: carryOverAt(ctx.db, ctx.deviceId, counterNo),
        kinds: read.settings(ctx.db).handoverKinds,
      };
    },
    myHandovers: ({ principal }) => {
      if (principal.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
      return handoverRowsOf(ctx.db, principal.staffId).map((h) => handoverView(ctx.db, h, principal.staffId));
    },
    handovers: ({ principal, query }) =>
      handoverRows(ctx.db, query.filter ?? 'all').map((h) =>
        handoverView(ctx.db, h, principal.kind === 'staff' ? principal.staffId : null),
      ),
  });
}

/** The duty manager's opinion on a disputed handover (R-HAND-1): the hub's, which holds every book. */
export function handoverHubRoutes(api: Api): void {
  api.implement(handoverHubContract, {
    handoverOpinion: command(async ({ principal, params, body }) => {
      if (principal.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
      const manager = await countersign(api.ctx, body.approver, ['manager', 'admin']);
      return invoke('ruleOnHandover', manager.id, params.id, body.opinion);
    }),
  });
}
