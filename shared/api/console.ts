import { z } from 'zod';
import { IntegrityMismatch } from '../sync/protocol.ts';
import { HoRole } from '../primitives.ts';
import { Ticket } from '../queue/model.ts';
import { StaffPublic } from './schemas.ts';

/** Head office's console API as the console screen reads it (DESIGN §7); the routes reply with these. */

/**
 * What head office knows of each device's delivery: its cursor, when it last pushed, the clock-skew flag
 * (DESIGN §4: > 2 min, data kept) and how old its newest row was when it arrived. A hall's own backlog
 * (rows not yet sent) is only known at the hall (its /api/v1/health and manager screen): head office
 * cannot count rows it has not received.
 */
export const DeviceDelivery = z.object({
  deviceId: z.string(),
  hallId: z.string(),
  ackedSeq: z.number(),
  lastPushAt: z.number().nullable(),
  skewMs: z.number().nullable(),
  lastRowOccurredAt: z.number().nullable(),
  lastRowReceivedAt: z.number().nullable(),
  arrivalLagMs: z.number().nullable(),
});
export type DeviceDeliveryT = z.infer<typeof DeviceDelivery>;

export const HallStatus = z.object({
  hallId: z.string(),
  name: z.string(),
  online: z.boolean(),
  lastPushAt: z.number().nullable(),
  devices: z.array(DeviceDelivery.pick({ deviceId: true, ackedSeq: true, lastPushAt: true, skewMs: true })),
  hubs: z.array(z.object({ deviceId: z.string(), revoked: z.boolean() })),
  quarantined: z.number(),
  /** The hall's latest report that its journal differs from what head office acknowledged (issue 9). */
  integrity: z
    .object({ reportedAt: z.number(), reportedBy: z.string(), mismatches: z.array(IntegrityMismatch) })
    .nullable()
    .optional(),
});
export type HallStatusT = z.infer<typeof HallStatus>;

/** Today per hall, from the synced journals. */
export const HallOverview = z.object({
  hallId: z.string(),
  name: z.string(),
  /** The hall's time zone setting: its today, and the times of its tickets, are in this zone (DESIGN §2). */
  timeZone: z.string(),
  issued: z.number(),
  served: z.number(),
  waitingOrInService: z.number(),
});
export type HallOverviewT = z.infer<typeof HallOverview>;

/** One ticket of a hall today as head office knows it from the synced journal. */
export const HallTicket = Ticket.pick({
  number: true,
  serviceCode: true,
  priority: true,
  status: true,
  counterNo: true,
  issuedAt: true,
}).extend({ ticketId: z.string(), lastAt: z.number() });
export type HallTicketT = z.infer<typeof HallTicket>;
export const HallTicketsQuery = z.object({ hallId: z.string().min(1).max(100) }).strict();

export const NewHallReply = z.object({ hallId: z.string(), pairingCode: z.string(), expiresAt: z.number() });
export type NewHallReplyT = z.infer<typeof NewHallReply>;

export const QuarantineRow = z.object({
  deviceId: z.string(),
  deviceSeq: z.number(),
  rowId: z.string(),
  hallId: z.string(),
  reason: z.string(),
  raw: z.string(),
  receivedAt: z.number(),
});
export type QuarantineRowT = z.infer<typeof QuarantineRow>;

/** Head office's staff as a hall's are shown (StaffPublic), in head office's own roles. */
export const ConsoleStaff = StaffPublic.extend({ role: HoRole });
export type ConsoleStaffT = z.infer<typeof ConsoleStaff>;

/**
 * A hub tells head office its whole backlog with every push (`rows;oldestUnsentAt`, rows counted
 * before this batch), so the console can show backlog size and age for a hall that is sending.
 */
export const BACKLOG_HEADER = 'x-servicehall-backlog';

export function formatBacklogHeader(rows: number, oldestUnsentAt: number | null): string {
  return `${rows};${oldestUnsentAt ?? ''}`;
}

export function parseBacklogHeader(v: unknown): { rows: number; oldestUnsentAt: number | null } | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{1,12});(\d{1,15})?$/.exec(v);
  if (!m) return null;
  return { rows: Number(m[1]), oldestUnsentAt: m[2] ? Number(m[2]) : null };
}

/** A hall's backlog as its hub last reported it (after the batch that carried the report). */
export const HallBacklog = z.object({
  hallId: z.string(),
  backlogRows: z.number(),
  oldestUnsentAt: z.number().nullable(),
  reportedAt: z.number(),
});
export type HallBacklogT = z.infer<typeof HallBacklog>;
