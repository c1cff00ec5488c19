import { z } from 'zod';
import { CounterNo, Id, Prefix, ServiceCode, StaffNo, StaffRole, Text } from '../primitives.ts';

export const TicketStatus = z.enum([
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'transferred',
  'parked',
  'cancelled',
]);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** Statuses from which a ticket can be called: a transferred ticket waits in its new queue. */
export const CALLABLE: readonly TicketStatus[] = ['waiting', 'transferred'];

/**
 * A service (R-BIZ-1): the one definition its event (`service.defined`), head office's reference data
 * (keyed by code, shared/sync/refdata.ts), the hall's `services` projection (db/projections/referenceRows.ts) and
 * the API's views are made from.
 */
export const Service = z.object({
  code: ServiceCode,
  name: Text(40),
  nameEn: Text(60),
  prefix: Prefix,
  /** R-SLA-1 handling-time limit for one item of this business. */
  slaMinutes: z.number().int().min(1).max(240),
  open: z.boolean(),
  sort: z.number().int(),
});
export type Service = z.infer<typeof Service>;

/** A counter as defined (`counter.defined`; reference data keyed by its number). */
export const CounterDefinition = z.object({
  counterNo: CounterNo,
  name: Text(40),
  services: z.array(ServiceCode),
});
export type CounterDefinition = z.infer<typeof CounterDefinition>;

/** A hall's staff member as enrolled (`staff.enrolled`; reference data keyed by the staff number). */
export const Staff = z.object({
  staffId: Id,
  staffNo: StaffNo,
  name: Text(40),
  role: StaffRole,
  pinHash: z.string().min(20),
});
export type Staff = z.infer<typeof Staff>;

export const Ticket = z.object({
  id: z.string(),
  number: z.string(),
  serviceCode: ServiceCode,
  priority: z.boolean(),
  /** R-PRI-2: internal staff requests wait behind external customers. */
  internal: z.boolean(),
  status: TicketStatus,
  businessDay: z.string(),
  issuedAt: z.number().int(),
  /** When it (re)entered the queue: issue, transfer, return from park or reactivation. */
  queuedAt: z.number().int(),
  /** Goes before the ordinary queue (transfer or return "to the head"). */
  head: z.boolean(),
  /** Only this counter may call it (a transfer to a counter, or a parked ticket's return). */
  targetCounterNo: z.number().int().nullable(),
  counterNo: z.number().int().nullable(),
  staffId: z.string().nullable(),
  calledAt: z.number().int().nullable(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  recallCount: z.number().int(),
  transferCount: z.number().int(),
  overrunReason: z.string().nullable(),
  noShowAt: z.number().int().nullable(),
  /** R-SLA-1: time on hold (parked after handling started), which handling time excludes. */
  heldMs: z.number().int().min(0).default(0),
});
export type Ticket = z.infer<typeof Ticket>;

/**
 * R-AWAY-1: what an overdue away sign's alert says, as facts each screen words in its own language:
 * how long the sign had been up when the alert was raised, the maximum setting then, and the reason
 * on the sign as the clerk chose it.
 */
export const AwayOverdue = z.object({
  minutes: z.number().int().min(0),
  maxMinutes: z.number().int().min(1),
  reason: z.string(),
});
export type AwayOverdue = z.infer<typeof AwayOverdue>;

export const CounterStatus = z.enum(['closed', 'open', 'away']);
export const CounterState = z.object({
  counterNo: z.number().int(),
  name: z.string(),
  services: z.array(ServiceCode),
  status: CounterStatus,
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  awayReason: z.string().nullable(),
  awaySince: z.number().int().nullable(),
  returnAt: z.number().int().nullable(),
  /** The ticket this counter holds (called or serving), if any. */
  ticketId: z.string().nullable(),
});
export type CounterState = z.infer<typeof CounterState>;
