import * as S from '../../shared/api/schemas.ts';
import { CALLABLE, Ticket } from '../../shared/queue/model.ts';
import { callingOrder, eligibleFor } from '../../shared/queue/ordering.ts';
import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import { z } from 'zod';
import type { Api } from '../http/route.ts';
import { requireAtCounter } from '../http/route.ts';
import { IdempotencyHeader } from '../http/command.ts';
import { TICKET_COMMANDS } from './service.ts';
import { counterOrThrow } from './counters.ts';
import { invoke } from '../writer/procedures.ts';
import type { HallContext } from '../context.ts';
import { CounterState } from '../../shared/queue/model.ts';

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

export function queueRoutes(api: Api): void {
  const ctx = api.ctx;
  api.add({
    method: 'POST',
    url: '/tickets',
    summary: 'Issue a queue number (same Idempotency-Key → same ticket)',
    tag: 'queue',
    access: ['kiosk', 'clerk', 'manager'],
    body: S.IssueBody,
    headers: IdempotencyHeader,
    reply: S.IssueReply,
    status: 201,
    // Its key travels in ticket.issued (journaled, so the hub's rebuild keeps it), not through api.command.
    handler: async ({ principal, body, headers }) => {
      // R-PRI-2: internal tickets are staff requests; a kiosk issues only to customers.
      if (body.internal && principal.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
      const key = headers['idempotency-key'] ?? null;
      const { value } = await ctx.commits.run('issueTicket', principal, {
        serviceCode: body.serviceCode,
        priority: body.priority ?? false,
        internal: body.internal ?? false,
        idempotencyKey: key,
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
  });

  api.add({
    method: 'GET',
    url: '/queue',
    summary: "The queue: waiting in calling order (or one counter's calling order), called, serving",
    tag: 'queue',
    access: 'any-token',
    query: S.QueueQuery,
    reply: S.QueueReply,
    handler: ({ query }) => queueView(ctx, query.counter),
  });

  api.add({
    method: 'GET',
    url: '/tickets/:id',
    summary: 'One ticket',
    tag: 'queue',
    access: 'any-token',
    params: S.TicketIdParams,
    reply: S.TicketView,
    handler: ({ params }) => {
      const t = read.ticketById(ctx.db, params.id);
      if (!t) throw new DomainError('E_UNKNOWN_TICKET');
      return { ...t, waitedMs: Math.max(0, ctx.clock.now() - t.issuedAt) };
    },
  });

  api.command({
    method: 'POST',
    url: '/counters/:no/call-next',
    summary: 'Call the next ticket to this counter (exclusive claim); 204 when none waits',
    tag: 'queue',
    access: ['clerk'],
    params: S.CounterParams,
    reply: Ticket,
    invoke: ({ principal, params }) => {
      requireAtCounter(principal, params.no);
      return invoke('callNext', principal, params.no);
    },
  });

  for (const action of TICKET_COMMANDS) {
    api.command({
      method: 'POST',
      url: `/tickets/:id/${action}`,
      summary: `Ticket: ${action}`,
      tag: 'queue',
      access: ['clerk'],
      params: S.TicketIdParams,
      body: action === 'finish' ? S.FinishBody.optional() : S.EmptyBody,
      reply: Ticket,
      invoke: ({ principal, params, body }) => {
        const overrunReason = body && 'overrunReason' in body ? body.overrunReason : undefined;
        return invoke('actOnTicket', principal, params.id, { action, overrunReason });
      },
    });
  }

  api.command({
    method: 'POST',
    url: '/tickets/:id/transfer',
    summary: 'Transfer to another service or counter; the number stays',
    tag: 'queue',
    access: ['clerk'],
    params: S.TicketIdParams,
    body: S.TransferBody,
    reply: Ticket,
    invoke: ({ principal, params, body }) => invoke('transferTicket', principal, params.id, body),
  });

  api.add({
    method: 'GET',
    url: '/counters',
    summary: 'Every counter and its state',
    tag: 'counters',
    access: 'any-token',
    reply: z.array(CounterState),
    handler: () => read.counters(ctx.db),
  });

  api.command({
    method: 'POST',
    url: '/counters/:no/away',
    summary: 'Put up the away sign with a reason and a return time (R-AWAY-1)',
    tag: 'counters',
    access: ['clerk'],
    params: S.CounterParams,
    body: S.AwayBody,
    reply: CounterState,
    invoke: ({ principal, params, body }) => {
      requireAtCounter(principal, params.no);
      return invoke('goAway', principal, params.no, body.reason, body.returnAt);
    },
  });

  api.command({
    method: 'POST',
    url: '/counters/:no/back',
    summary: 'Take the away sign down',
    tag: 'counters',
    access: ['clerk'],
    params: S.CounterParams,
    body: S.EmptyBody,
    reply: CounterState,
    invoke: ({ principal, params }) => {
      requireAtCounter(principal, params.no);
      return invoke('comeBack', principal, params.no);
    },
  });
}
