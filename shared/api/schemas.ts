import { z } from 'zod';
import { AwayOverdue, CounterState, Service, Ticket } from '../queue/model.ts';
import { CounterNo, DeviceRole, Pin, ServiceCode, StaffNo, StaffRole } from '../primitives.ts';
import { Settings, SettingsPatch } from '../settings.ts';
import { SafeText } from '../text.ts';
import { PairingCode } from '../pairingCode.ts';
import { IntegrityMismatch } from '../sync/protocol.ts';
import { Instant } from '../time/businessDay.ts';

/**
 * The LAN API v1 bodies and replies (DESIGN §6). One source of truth: the routes parse with these,
 * the OpenAPI document is generated from them, and the screens type their calls with them.
 */
export const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const Reason = SafeText(100);
/**
 * A counter number in a path or query: plain decimal digits, no leading zero. Number() coercion read
 * `0x1`, `1.0`, `1e0` and ` 1` as counter 1, so a request could name one counter in several spellings.
 */
const CounterNoParam = z
  .string()
  .regex(/^[1-9]\d?$/, 'a counter number (1–99, digits only)')
  .transform(Number)
  .pipe(CounterNo);

export const Health = z.object({
  /** False while anything in `problems` holds. */
  ok: z.boolean(),
  /**
   * What is wrong now, each with its reason in the request's language: a storage fault (E_STORAGE), a
   * journal that differs from what head office acknowledged (E_INTEGRITY), a broken hash chain (E_CHAIN).
   */
  problems: z.array(z.object({ code: z.string(), message: z.string(), since: z.number().int() })),
  /** A hub's last check of its journal against head office (issue 9). */
  integrity: z.object({ checkedAt: z.number().int(), mismatches: z.array(IntegrityMismatch) }).optional(),
  /** How this node keeps its upstream tokens at rest: sealed with the desktop shell's key, or in clear. */
  tokensAtRest: z.enum(['sealed', 'clear']),
  /** The node's background jobs; a failing local one is also in `problems` (E_JOB). */
  jobs: z.array(
    z.object({
      name: z.string(),
      lastRunAt: z.number().int().nullable(),
      lastOkAt: z.number().int().nullable(),
      lastError: z.string().nullable(),
      failingSince: z.number().int().nullable(),
      network: z.boolean(),
    }),
  ),
  version: z.string(),
  hallId: z.string(),
  role: z.enum(['hub', 'station']),
  deviceId: z.string(),
  journalSeq: z.number().int(),
  demo: z.boolean(),
  sync: z.array(
    z.object({
      upstream: z.string(),
      connected: z.boolean(),
      backlogRows: z.number().int(),
      oldestUnsentAt: z.number().int().nullable(),
      lastError: z.string().nullable(),
      /** Devices whose rows the upstream refused as not this hub's (issue 9); only when there are any. */
      refusedDevices: z.array(z.object({ deviceId: z.string(), code: z.string() })).optional(),
    }),
  ),
});

export const LoginBody = z
  .object({
    staffNo: StaffNo,
    pin: Pin,
    counterNo: CounterNo.optional(),
  })
  .strict();
export const StaffPublic = z.object({
  id: z.string(),
  staffNo: z.string(),
  name: z.string(),
  role: StaffRole,
});
export const LoginReply = z.object({
  token: z.string(),
  staff: StaffPublic,
  counterNo: z.number().int().nullable(),
});

export const DeviceBody = z
  .object({ role: DeviceRole, name: SafeText(60), counterNo: CounterNo.optional() })
  .strict();
export const DeviceReply = z.object({ deviceId: z.string(), token: z.string() });
export const PairingCodeReply = z.object({ code: z.string(), expiresAt: z.number().int() });
export const PairBody = z
  .object({
    /** Grouped Crockford base 32 (`K7QM-2XHD`), forgiving case, spaces and O/I/L (shared/pairingCode.ts). */
    code: PairingCode,
    /** A station pairs under its own journal device id, so the hub knows whose rows it receives. */
    deviceId: z.string().uuid().optional(),
  })
  .strict();
export const PairReply = DeviceReply.extend({
  role: DeviceRole,
  name: z.string(),
  counterNo: z.number().int().nullable(),
  hallId: z.string(),
  /** The hall is the demo hall; a station keeps it, since it has no hall record of its own. */
  demo: z.boolean().optional(),
});
export const DeviceInfo = z.object({
  deviceId: z.string(),
  role: DeviceRole,
  name: z.string(),
  counterNo: z.number().int().nullable(),
  revoked: z.boolean(),
});

export const ServiceView = Service.pick({
  code: true,
  name: true,
  nameEn: true,
  prefix: true,
  slaMinutes: true,
  open: true,
}).extend({
  waiting: z.number().int(),
  estimatedWaitMinutes: z.number().int(),
  /** Some counter that serves it is staffed (open or briefly away); else nobody can call its tickets. */
  counterOpen: z.boolean(),
});

export const IssueBody = z
  .object({
    serviceCode: ServiceCode,
    priority: z.boolean().optional(),
    internal: z.boolean().optional(),
  })
  .strict();
/** The ticket as issued and where it stands: `counterOpen` is false when no staffed counter serves it now. */
export const IssueReply = Ticket.pick({
  id: true,
  number: true,
  serviceCode: true,
  priority: true,
  issuedAt: true,
})
  .extend({ waitingAhead: z.number().int() })
  .extend(ServiceView.pick({ estimatedWaitMinutes: true, counterOpen: true }).shape);

export const TicketView = Ticket.extend({ waitedMs: z.number().int() });
export const QueueQuery = z.object({
  /** One counter's view: `waiting` holds only what it may call, in the order it would call them. */
  counter: CounterNoParam.optional(),
});
export const QueueReply = z.object({
  waiting: z.array(TicketView),
  /** Everyone waiting in the hall, whichever counter the list is for. */
  waitingInHall: z.number().int().min(0),
  called: z.array(TicketView),
  serving: z.array(TicketView),
});

export const TicketIdParams = z.object({ id: z.string().uuid() }).strict();
export const CounterParams = z.object({ no: CounterNoParam }).strict();
export const ServiceParams = z.object({ code: ServiceCode }).strict();

export const FinishBody = z.object({ overrunReason: Reason.optional() }).strict();
export const TransferBody = z
  .object({
    serviceCode: ServiceCode.optional(),
    counterNo: CounterNo.optional(),
    head: z.boolean().optional(),
  })
  .strict();
/** R-AWAY-1: the service also checks that the return time falls later in the hall's business day. */
export const AwayBody = z.object({ reason: Reason, returnAt: Instant }).strict();

export const HallState = z.object({
  hallId: z.string(),
  name: z.string(),
  demo: z.boolean(),
  open: z.boolean(),
  issuing: z.boolean(),
  businessDay: z.string(),
  now: z.number().int(),
  settings: Settings,
  services: z.array(ServiceView),
  counters: z.array(CounterState),
  alerts: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      counterNo: z.number().int().nullable(),
      /** Shown as it is when `away` is null (an alert journaled as a sentence). */
      message: z.string(),
      at: z.number(),
      away: AwayOverdue.nullable(),
      /** Issue 13: the handover or visitor the alert is about, and the facts it is worded from. */
      ref: z.string().nullable(),
      facts: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
    }),
  ),
  stats: z.object({
    issuedToday: z.number().int(),
    servedToday: z.number().int(),
    longestWaitMs: z.number().int(),
  }),
});
export const SettingsBody = SettingsPatch;
export const EmptyBody = z.object({}).strict().optional();

export type HallStateT = z.infer<typeof HallState>;
export type QueueReplyT = z.infer<typeof QueueReply>;
export type TicketViewT = z.infer<typeof TicketView>;
export type ServiceViewT = z.infer<typeof ServiceView>;
export type LoginReplyT = z.infer<typeof LoginReply>;
export type IssueReplyT = z.infer<typeof IssueReply>;

/**
 * A station row the hub refused to apply (bad schema, broken chain, foreign hall). It is kept here and
 * travels on to head office's quarantine; the hall's manager sees it without waiting for head office.
 */
export const StationQuarantineRow = z.object({
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  counterNo: z.number().int().nullable(),
  deviceSeq: z.number().int(),
  rowId: z.string(),
  type: z.string().nullable(),
  reason: z.string(),
  receivedAt: z.number().int(),
  raw: z.string(),
});
export type StationQuarantineRowT = z.infer<typeof StationQuarantineRow>;
