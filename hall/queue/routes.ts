import type * as S from '../../shared/api/schemas.ts';
import { CALLABLE, type Ticket } from '../../shared/queue/model.ts';
import { callingOrder, eligibleFor } from '../../shared/queue/ordering.ts';
import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Api } from '../http/route.ts';
import { requireAtCounter } from '../http/route.ts';
import { command } from '../http/command.ts';
import type { CallOf } from '../../server/http/route.ts';
import type { Principal } from '../context.ts';
import { queueContract } from '../../shared/api/hall/queue.ts';
import type { TicketCommand } from './service.ts';
import { counterOrThrow } from './counters.ts';
import { invoke } from '../writer/invoke.ts';
import type { HallContext } from '../context.ts';

/**
 * The queue as GET /queue shows it: waiting in calling order, then called and serving. For one counter
 * (`?counter=N`) the waiting list holds only the tickets that counter may call, in the order it would
 * call them; the hall's own order interleaves services the counter does not serve.
 */
export function queueView(ctx: HallContext, counterNo?: number): S.QueueReplyT {
  const now = ctx.clock.now();
  const counter = counterNo === undefined ? null : counterOrThrow(ctx.db, counterNo);
  const s = read.settings(ctx.db);
  const live = read.ticketsByStatus(ctx.db, [...CALLABLE, 'called', 'serving']);
  const view = (t: Ticket) => ({ ...t, waitedMs: Math.max(0, now - t.issuedAt) });
  const callable = live.filter((t) => CALLABLE.includes(t.status));
  const waiting = callingOrder(
    counter ? eligibleFor(callable, counter) : callable,
    s,
    now,
    read.priorityStreak(ctx.db),
  );
  return {
    waiting: waiting.map(view),
    waitingInHall: callable.length,
    called: live.filter((t) => t.status === 'called').map(view),
    serving: live.filter((t) => t.status === 'serving').map(view),
  };
}

/** A clerk's command on one ticket: the ticket rules decide whether it is theirs (ticketFor). */
const onTicket = (action: TicketCommand['action']) =>
  command(({ principal, params, body }: CallOf<(typeof queueContract)['finish'], Principal>) =>
    invoke('actOnTicket', principal, params.id, { action, overrunReason: body?.overrunReason }),
  );

export function queueRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(queueContract, {
    // Its key travels in ticket.issued (journaled, so the hub's rebuild keeps it), not through a command.
    issueTicket: async ({ principal, body, headers }) => {
      // R-PRI-2: internal tickets are staff requests; a kiosk issues only to customers.
      if (body.internal && principal.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
      const { value } = await ctx.commits.run('issueTicket', principal, {
        serviceCode: body.serviceCode,
        priority: body.priority ?? false,
        internal: body.internal ?? false,
        idempotencyKey: headers['idempotency-key'] ?? null,
        channel: principal.kind === 'device' ? 'kiosk' : 'staff',
      });
      const t = value.ticket;
      return {
        id: t.id,
        number: t.number,
        serviceCode: t.serviceCode,
        priority: t.priority,
        issuedAt: t.issuedAt,
        waitingAhead: value.ahead,
        estimatedWaitMinutes: value.estimate,
        counterOpen: value.counterOpen,
      };
    },
    queue: ({ query }) => queueView(ctx, query.counter),
    ticket: ({ params }) => {
      const t = read.ticketById(ctx.db, params.id);
      if (!t) throw new DomainError('E_UNKNOWN_TICKET');
      return { ...t, waitedMs: Math.max(0, ctx.clock.now() - t.issuedAt) };
    },
    callNext: command(({ principal, params }) => {
      requireAtCounter(principal, params.no);
      return invoke('callNext', principal, params.no);
    }),
    recall: onTicket('recall'),
    start: onTicket('start'),
    finish: onTicket('finish'),
    noShow: onTicket('no-show'),
    park: onTicket('park'),
    resume: onTicket('return'),
    cancel: onTicket('cancel'),
    reactivate: onTicket('reactivate'),
    transfer: command(({ principal, params, body }) => invoke('transferTicket', principal, params.id, body)),
    counters: () => read.counters(ctx.db),
    goAway: command(({ principal, params, body }) => {
      requireAtCounter(principal, params.no);
      return invoke('goAway', principal, params.no, body.reason, body.returnAt);
    }),
    comeBack: command(({ principal, params }) => {
      requireAtCounter(principal, params.no);
      return invoke('comeBack', principal, params.no);
    }),
  });
}
