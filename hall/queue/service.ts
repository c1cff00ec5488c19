import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import type { CounterState, Service, Ticket } from '../../shared/queue/model.ts';
import type { Settings } from '../../shared/settings.ts';
import { callingOrder, eligibleFor, pickNext } from '../../shared/queue/ordering.ts';
import { formatTicketNumber } from '../../shared/queue/numbering.ts';
import { estimateWaitMinutes, handlingMs, isOverrun } from '../../shared/queue/sla.ts';
import { businessDay, isWithinHours } from '../../shared/time/businessDay.ts';
import { counterOrThrow } from './counters.ts';
import { isManager, recordedBy, recordedByDevice, type WriteContext, type Principal } from '../context.ts';

/**
 * The queue commands of DESIGN §3. Each is a write procedure (hall/writer) run inside one transaction: it reads the
 * projections, checks the rules, and appends the events that change them.
 */

export interface IssueCommand {
  serviceCode: string;
  priority: boolean;
  internal: boolean;
  idempotencyKey: string | null;
  channel: 'kiosk' | 'staff';
}

export function issueTicket(
  ctx: WriteContext,
  by: Principal,
  cmd: IssueCommand,
): { ticket: Ticket } & Position {
  const { db } = ctx;
  if (cmd.idempotencyKey !== null) {
    const existing = read.ticketIdForKey(db, recordedBy(by), cmd.idempotencyKey);
    if (existing) {
      const ticket = read.ticketById(db, existing)!;
      if (ticket.serviceCode !== cmd.serviceCode && ticket.transferCount === 0)
        throw new DomainError('E_IDEMPOTENCY_CONFLICT');
      return { ticket, ...position(ctx, ticket) };
    }
  }
  const now = ctx.clock.now();
  const s = read.settings(db);
  const services = read.services(db);
  const service = services.find((x) => x.code === cmd.serviceCode);
  if (!service) throw new DomainError('E_UNKNOWN_SERVICE', { code: cmd.serviceCode });
  // R-HRS-2: closing stops issuing; it never touches the tickets already waiting.
  if (!read.hall(db)?.open) throw new DomainError('E_HALL_CLOSED');
  if (s.enforceOpeningHours && !isWithinHours(now, s.timeZone, s.openingTime, s.closingTime)) {
    throw new DomainError('E_OUTSIDE_HOURS', { open: s.openingTime, close: s.closingTime });
  }
  if (!service.open) throw new DomainError('E_SERVICE_CLOSED', { code: service.code });

  const day = businessDay(now, s.timeZone);
  const seq = read.lastTicketSeq(db, day, service.prefix) + 1;
  const ticketId = ctx.ids.next();
  ctx.journal.append(
    'ticket.issued',
    {
      ticketId,
      number: formatTicketNumber(service.prefix, seq),
      serviceCode: service.code,
      priority: cmd.priority,
      internal: cmd.internal,
      businessDay: day,
      seq,
      idempotencyKey: cmd.idempotencyKey,
      channel: cmd.channel,
    },
    recordedBy(by),
  );
  const ticket = read.ticketById(db, ticketId)!;
  return { ticket, ...position(ctx, ticket, estimateInputs(ctx, s, services)) };
}

/** What a wait estimate reads besides the people ahead: read once per command or screen, not per service. */
export interface EstimateInputs {
  settings: Settings;
  services: Service[];
  /** The business day whose served tickets give the mean handling time. */
  day: string;
  openCounters: CounterState[];
  /** Counters with someone signed in (open or briefly away): they will call the service's tickets. */
  staffedCounters: CounterState[];
}

/** Where a ticket stands: people ahead, the rough wait, and whether any staffed counter serves it. */
export interface Position {
  ahead: number;
  estimate: number;
  counterOpen: boolean;
}

export function estimateInputs(
  ctx: WriteContext,
  settings = read.settings(ctx.db),
  services = read.services(ctx.db),
): EstimateInputs {
  const counters = read.counters(ctx.db);
  return {
    settings,
    services,
    day: businessDay(ctx.clock.now(), settings.timeZone),
    openCounters: counters.filter((c) => c.status === 'open'),
    staffedCounters: counters.filter((c) => c.status !== 'closed'),
  };
}

/** People ahead of a ticket in its service's calling order, and the rough wait that means. */
export function position(
  ctx: WriteContext,
  ticket: Ticket,
  inputs: EstimateInputs = estimateInputs(ctx),
): Position {
  // With no counter given, these are exactly this service's callable tickets.
  const sameService = read.callableTickets(ctx.db, [ticket.serviceCode], null);
  const order = callingOrder(sameService, inputs.settings, ctx.clock.now(), read.priorityStreak(ctx.db));
  const ahead = Math.max(
    0,
    order.findIndex((t) => t.id === ticket.id),
  );
  return {
    ahead,
    estimate: estimateFor(ctx, inputs, ticket.serviceCode, ahead),
    counterOpen: counterServes(inputs, ticket.serviceCode),
  };
}

/** Whether a staffed counter serves this service now (the kiosk says so when none does). */
export function counterServes(inputs: EstimateInputs, serviceCode: string): boolean {
  return inputs.staffedCounters.some((c) => c.services.includes(serviceCode));
}

export function estimateFor(
  ctx: WriteContext,
  inputs: EstimateInputs,
  serviceCode: string,
  ahead: number,
): number {
  const service = inputs.services.find((x) => x.code === serviceCode);
  // Read on every issue: one service's done tickets by index, not the whole day's figures.
  const measured = read.meanHandlingMs(ctx.db, inputs.day, serviceCode);
  // Before anyone was served today, assume half the business type's time limit.
  const mean = measured !== undefined ? measured / 60_000 : (service?.slaMinutes ?? 10) / 2;
  const open = inputs.openCounters.filter((c) => c.services.includes(serviceCode)).length;
  return estimateWaitMinutes(ahead, mean, open);
}

/** The exclusive claim: one transaction picks and claims, so no two counters get the same ticket. */
export function callNext(ctx: WriteContext, by: Principal, counterNo: number): Ticket | null {
  const counter = counterOrThrow(ctx.db, counterNo);
  if (counter.status === 'away') throw new DomainError('E_COUNTER_AWAY');
  if (counter.ticketId) {
    throw new DomainError('E_COUNTER_BUSY', {
      number: read.ticketById(ctx.db, counter.ticketId)?.number ?? '?',
    });
  }
  if (counter.services.length === 0) throw new DomainError('E_COUNTER_NO_SERVICES');
  const s = read.settings(ctx.db);
  const candidates = eligibleFor(read.callableTickets(ctx.db, counter.services, counterNo), counter);
  const pick = pickNext(candidates, s, ctx.clock.now(), read.priorityStreak(ctx.db));
  if (!pick) return null;
  const staffId = by.kind === 'staff' ? by.staffId : (counter.staffId ?? recordedBy(by));
  ctx.journal.append(
    'ticket.called',
    { ticketId: pick.ticket.id, counterNo, staffId, streak: pick.streak },
    recordedBy(by),
  );
  return read.ticketById(ctx.db, pick.ticket.id);
}

export type TicketAction =
  'recall' | 'start' | 'finish' | 'no-show' | 'park' | 'return' | 'cancel' | 'reactivate' | 'transfer';

const ALLOWED_FROM: Record<TicketAction, readonly Ticket['status'][]> = {
  recall: ['called'],
  start: ['called'],
  finish: ['called', 'serving'],
  'no-show': ['called'],
  park: ['called', 'serving'],
  return: ['parked'],
  cancel: ['waiting', 'transferred', 'called', 'serving', 'parked'],
  reactivate: ['no_show'],
  transfer: ['called', 'serving'],
};

/** Loads a ticket and checks that this action is allowed from its state and by this person. */
function ticketFor(ctx: WriteContext, by: Principal, id: string, action: TicketAction): Ticket {
  const ticket = read.ticketById(ctx.db, id);
  if (!ticket) throw new DomainError('E_UNKNOWN_TICKET');
  if (!ALLOWED_FROM[action].includes(ticket.status)) {
    throw new DomainError('E_TICKET_STATE', { status: ticket.status, action });
  }
  if (!isManager(by)) mayActOn(ctx, by, ticket);
  return ticket;
}

/**
 * DESIGN §6 "clerk at the ticket's counter (manager: any)". A clerk acts only from the counter they
 * are signed in at: on the ticket that counter holds (or parked), and on a ticket no counter holds
 * (waiting, transferred) only when that counter may call it. A clerk at no counter acts on nothing.
 */
function mayActOn(ctx: WriteContext, by: Principal, ticket: Ticket): void {
  const at = by.kind === 'staff' ? by.counterNo : null;
  if (at === null) throw new DomainError('E_NOT_YOUR_TICKET');
  const owner = ticket.status === 'parked' ? ticket.targetCounterNo : ticket.counterNo;
  const mine = owner !== null ? owner === at : eligibleFor([ticket], counterOrThrow(ctx.db, at)).length > 0;
  if (!mine) throw new DomainError('E_NOT_YOUR_TICKET');
}

export interface TicketCommand {
  action: Exclude<TicketAction, 'transfer'>;
  overrunReason?: string | undefined;
}

/** The actions a ticket command may name, each its own route (`POST /tickets/:id/<action>`). */
export const TICKET_COMMANDS: readonly TicketCommand['action'][] = [
  'recall',
  'start',
  'finish',
  'no-show',
  'park',
  'return',
  'cancel',
  'reactivate',
];

export function actOnTicket(ctx: WriteContext, by: Principal, id: string, cmd: TicketCommand): Ticket {
  const t = ticketFor(ctx, by, id, cmd.action);
  const who = recordedBy(by);
  const counterNo = t.counterNo;
  const s = read.settings(ctx.db);
  const now = ctx.clock.now();
  const j = ctx.journal;
  switch (cmd.action) {
    case 'recall':
      if (t.recallCount >= s.recallCap)
        j.append('ticket.no_show', { ticketId: id, counterNo, reason: 'recall_cap' }, who);
      else
        j.append(
          'ticket.recalled',
          { ticketId: id, counterNo: counterNo!, recallCount: t.recallCount + 1 },
          who,
        );
      break;
    case 'start':
      j.append('ticket.started', { ticketId: id, counterNo: counterNo! }, who);
      break;
    case 'finish': {
      const handling = handlingMs(t, now); // R-SLA-1: hold (park) time excluded
      const limit = read.services(ctx.db).find((x) => x.code === t.serviceCode)?.slaMinutes ?? Infinity;
      const overrun = isOverrun(handling, limit); // R-SLA-1
      const reason = cmd.overrunReason?.trim() || null;
      if (overrun && !reason) throw new DomainError('E_OVERRUN_REASON_REQUIRED', { limit });
      j.append(
        'ticket.finished',
        {
          ticketId: id,
          counterNo: counterNo!,
          handlingMs: handling,
          overrun,
          overrunReason: overrun ? reason : null,
        },
        who,
      );
      break;
    }
    case 'no-show':
      j.append('ticket.no_show', { ticketId: id, counterNo, reason: 'clerk' }, who);
      break;
    case 'park':
      j.append('ticket.parked', { ticketId: id, counterNo: counterNo! }, who);
      break;
    case 'return': {
      const target = by.kind === 'staff' && by.counterNo !== null ? by.counterNo : t.targetCounterNo!;
      const counter = counterOrThrow(ctx.db, target);
      if (counter.ticketId)
        throw new DomainError('E_COUNTER_BUSY', {
          number: read.ticketById(ctx.db, counter.ticketId)?.number ?? '?',
        });
      j.append('ticket.returned', { ticketId: id, counterNo: target }, who);
      break;
    }
    case 'cancel':
      j.append('ticket.cancelled', { ticketId: id, counterNo }, who);
      break;
    case 'reactivate':
      if (t.noShowAt === null || now - t.noShowAt > s.noShowReactivateMinutes * 60_000) {
        throw new DomainError('E_REACTIVATE_WINDOW', { minutes: s.noShowReactivateMinutes });
      }
      j.append('ticket.reactivated', { ticketId: id }, who);
      break;
  }
  return read.ticketById(ctx.db, id)!;
}

export function transferTicket(
  ctx: WriteContext,
  by: Principal,
  id: string,
  target: { serviceCode?: string | undefined; counterNo?: number | undefined; head?: boolean | undefined },
): Ticket {
  if ((target.serviceCode === undefined) === (target.counterNo === undefined))
    throw new DomainError('E_TRANSFER_TARGET');
  const t = ticketFor(ctx, by, id, 'transfer');
  if (target.serviceCode !== undefined && !read.services(ctx.db).some((x) => x.code === target.serviceCode)) {
    throw new DomainError('E_UNKNOWN_SERVICE', { code: target.serviceCode });
  }
  if (target.counterNo !== undefined) counterOrThrow(ctx.db, target.counterNo);
  ctx.journal.append(
    'ticket.transferred',
    {
      ticketId: id,
      fromCounterNo: t.counterNo,
      toServiceCode: target.serviceCode ?? null,
      toCounterNo: target.counterNo ?? null,
      // DESIGN §3: a transfer goes to the head of the target queue unless the clerk chooses otherwise.
      head: target.head ?? true,
    },
    recordedBy(by),
  );
  return read.ticketById(ctx.db, id)!;
}

/**
 * A ticket belongs to its business day. One still open when its day has ended (the customer left
 * without being called, or a clerk never finished) is closed as cancelled, reason `day_ended`;
 * otherwise the next morning it would be called to an empty hall ahead of the day's own tickets (the
 * max-wait guard puts the oldest first). R-HRS-2 still holds: closing time stops issuing but cancels
 * nothing, and every waiting customer can be served until the day itself ends.
 */
export function closeEndedDays(ctx: WriteContext): number {
  const today = businessDay(ctx.clock.now(), read.settings(ctx.db).timeZone);
  // Open means it could still be cancelled: not done, no-show or cancelled already.
  const stale = read.ticketsBefore(ctx.db, today, ALLOWED_FROM.cancel);
  for (const t of stale) {
    ctx.journal.append(
      'ticket.cancelled',
      { ticketId: t.id, counterNo: t.counterNo, reason: 'day_ended' },
      recordedByDevice(ctx.deviceId),
    );
  }
  return stale.length;
}
