import { z } from 'zod';
import { AwayOverdue, CounterDefinition, Service, Staff } from '../queue/model.ts';
import { DayText, DeviceRole, Id, JournalCounterNo as CounterNo, ServiceCode, Text } from '../primitives.ts';
import { Settings } from '../settings.ts';
import { RefKind } from '../sync/protocol.ts';

/**
 * Every journal event type with its payload schema. Schemas only grow (STYLE.md practice 3):
 * an optional field may be added; anything else is a new schema_ver with an upcaster in shared/sync.
 * tests/unit/events.snapshot.test.ts guards this against a committed snapshot.
 */
export const EVENTS = {
  // Hall reference data: seeded locally for now, pulled from head office once sync lands.
  'hall.configured': z.object({ hallId: Id, name: Text(60), demo: z.boolean() }),
  'setting.changed': z.object({ key: z.string(), value: z.unknown() }),
  'service.defined': Service,
  'service.opened': z.object({ code: ServiceCode }),
  'service.closed': z.object({ code: ServiceCode }),
  'counter.defined': CounterDefinition.extend({ counterNo: CounterNo }),
  'staff.enrolled': Staff,
  'device.paired': z.object({
    deviceId: Id,
    role: DeviceRole,
    name: Text(60),
    counterNo: CounterNo.nullable(),
  }),
  'device.revoked': z.object({ deviceId: Id }),
  /** Reference data pulled from upstream (DESIGN §4 pull); data null is a tombstone. */
  'reference.updated': z.object({
    kind: RefKind,
    key: z.string().min(1).max(64),
    version: z.number().int().min(0),
    data: z.record(z.string(), z.unknown()).nullable(),
  }),
  'hall.opened': z.object({}),
  'hall.closed': z.object({}),

  // The queue (DESIGN §3).
  'ticket.issued': z.object({
    ticketId: Id,
    number: z.string(),
    serviceCode: ServiceCode,
    priority: z.boolean(),
    internal: z.boolean(),
    businessDay: DayText,
    seq: z.number().int().min(1),
    idempotencyKey: z.string().nullable(),
    channel: z.enum(['kiosk', 'staff']),
  }),
  'ticket.called': z.object({ ticketId: Id, counterNo: CounterNo, staffId: Id, streak: z.number().int() }),
  'ticket.recalled': z.object({ ticketId: Id, counterNo: CounterNo, recallCount: z.number().int() }),
  'ticket.started': z.object({ ticketId: Id, counterNo: CounterNo }),
  'ticket.finished': z.object({
    ticketId: Id,
    counterNo: CounterNo,
    handlingMs: z.number().int().min(0),
    overrun: z.boolean(),
    overrunReason: z.string().nullable(),
  }),
  'ticket.no_show': z.object({
    ticketId: Id,
    counterNo: CounterNo.nullable(),
    reason: z.enum(['clerk', 'recall_cap']),
  }),
  'ticket.reactivated': z.object({ ticketId: Id }),
  'ticket.parked': z.object({ ticketId: Id, counterNo: CounterNo }),
  'ticket.returned': z.object({ ticketId: Id, counterNo: CounterNo }),
  'ticket.cancelled': z.object({
    ticketId: Id,
    counterNo: CounterNo.nullable(),
    /** Absent: cancelled by staff. day_ended: still open when its business day ended. */
    reason: z.enum(['day_ended']).optional(),
  }),
  'ticket.transferred': z.object({
    ticketId: Id,
    fromCounterNo: CounterNo.nullable(),
    toServiceCode: ServiceCode.nullable(),
    toCounterNo: CounterNo.nullable(),
    head: z.boolean(),
  }),

  /** A customer served at a station while the hub was unreachable; the hub reconciles it on sync. */
  'walkin.served': z.object({
    walkinId: Id,
    serviceCode: ServiceCode,
    counterNo: CounterNo,
    staffId: Id,
    startedAt: z.number().int(),
    /** When the clerk finished, if recorded later; absent: the row's own time (it was saved on finishing). */
    finishedAt: z.number().int().optional(),
    businessDay: DayText,
    note: z.string().max(200).nullable(),
  }),

  // Counters (R-AWAY-1).
  'counter.signed_in': z.object({ counterNo: CounterNo, staffId: Id }),
  'counter.signed_out': z.object({ counterNo: CounterNo, staffId: Id }),
  'counter.away': z.object({ counterNo: CounterNo, reason: Text(100), returnAt: z.number().int() }),
  'counter.back': z.object({ counterNo: CounterNo }),
  'alert.raised': z.object({
    alertId: Id,
    kind: z.enum(['away_overdue']),
    counterNo: CounterNo.nullable(),
    /**
     * Alerts journaled before `away` existed hold a zh-CN sentence here, which screens still show;
     * newer ones leave it empty and carry their facts, so each screen words them in its language.
     */
    message: z.string(),
    /** Kind away_overdue: the facts (added; docs/decisions.md). */
    away: AwayOverdue.optional(),
  }),
} as const;

export type EventType = keyof typeof EVENTS;
export type EventPayload<K extends EventType> = z.infer<(typeof EVENTS)[K]>;
export type AnyEvent = { [K in EventType]: { type: K; payload: EventPayload<K> } }[EventType];

export const CURRENT_SCHEMA_VER = 1;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENTS, type);
}

/** A settings value is validated by the settings schema, key by key. */
export function validSettingValue(key: string, value: unknown): boolean {
  const field = (Settings.shape as Record<string, z.ZodType>)[key];
  return field !== undefined && field.safeParse(value).success;
}
