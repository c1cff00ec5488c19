import { z } from 'zod';
import { AwayOverdue, CounterDefinition, Service, Staff } from '../queue/model.ts';
import { DayText, DeviceRole, Id, JournalCounterNo as CounterNo, ServiceCode, Text } from '../primitives.ts';
import { Settings } from '../settings.ts';
import { DenominationCounts, Fen, PaymentMethod, PositiveFen } from '../money/amounts.ts';
import { DifferenceReason } from '../money/cash.ts';
import { Payment, ReceiptLine } from '../money/receipt.ts';
import { ZReport } from '../money/zreport.ts';
import { HallZReport } from '../money/hallZReport.ts';
import { RefKind } from '../sync/protocol.ts';
import { ActionKind, CaseKind, ToldVia } from '../cases/model.ts';
import { Confirmation, HandoverItem } from '../handover/model.ts';
import { RecordType } from '../registers/model.ts';
import { MisuseReason, RatingLevel, RatingOutcome, RatingSource } from '../ratings/levels.ts';
import { StoredItem } from '../checklists/model.ts';
import { ChecklistTemplate } from '../checklists/template.ts';

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
    kind: z.enum(['away_overdue', 'handover_unsigned', 'handover_disagreement', 'visitor_turned_away']),
    counterNo: CounterNo.nullable(),
    /** The record the alert is about (a handover, a visitor); added in issue 13. */
    ref: Id.optional(),
    /** Facts the screens word the alert from (minutes unsigned, temperature, a note); added in issue 13. */
    facts: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    /**
     * Alerts journaled before `away` existed hold a zh-CN sentence here, which screens still show;
     * newer ones leave it empty and carry their facts, so each screen words them in its language.
     */
    message: z.string(),
    /** Kind away_overdue: the facts (added; docs/decisions.md). */
    away: AwayOverdue.optional(),
  }),

  // Money (issue 11; R-FEE-1, R-CASH-1 … R-CASH-6), written by the node that serves the counter.
  'receipt.recorded': z.object({
    receiptId: Id,
    /** The device's receipt sequence, gapless; `number` is `<deviceCode>-<seq>`. */
    seq: z.number().int().min(1),
    number: z.string(),
    day: DayText,
    /** Set when the receipt was taken on a day already closed and so counts on this later one. */
    lateFor: DayText.nullable(),
    counterNo: CounterNo,
    staffId: Id,
    drawerId: Id,
    ticketId: Id.nullable(),
    lines: z.array(ReceiptLine).min(1),
    payments: z.array(Payment).min(1),
    totalFen: Fen,
    paidFen: Fen,
    changeFen: Fen,
    cashFen: z.number().int(),
  }),
  'receipt.voided': z.object({
    voidId: Id,
    receiptId: Id,
    /** The voided receipt's number. */
    number: z.string(),
    day: DayText,
    counterNo: CounterNo,
    staffId: Id,
    drawerId: Id,
    approverId: Id,
    reason: Text(200),
    totalFen: Fen,
    /** The cash handed back: the original's cash less its change. */
    cashFen: z.number().int(),
    /**
     * What it reverses by payment method (cash: `cashFen`), so a Z-report can say each method net of
     * voids from the day's own records. Absent on voids recorded before it was added.
     */
    reversedFen: z.partialRecord(PaymentMethod, z.number().int()).optional(),
  }),
  'receipt.reprinted': z.object({
    receiptId: Id,
    count: z.number().int().min(1),
    counterNo: CounterNo,
    staffId: Id,
  }),
  'drawer.opened': z.object({
    drawerId: Id,
    day: DayText,
    counterNo: CounterNo,
    staffId: Id,
    floatFen: Fen,
    /** Opened by a first receipt with no drawer open (zero float). */
    auto: z.boolean(),
  }),
  'drawer.cash_moved': z.object({
    moveId: Id,
    drawerId: Id,
    counterNo: CounterNo,
    staffId: Id,
    direction: z.enum(['in', 'out']),
    amountFen: PositiveFen,
    reason: Text(100),
  }),
  'drawer.counted': z.object({
    countId: Id,
    drawerId: Id,
    counterNo: CounterNo,
    staffId: Id,
    kind: z.enum(['spot', 'close']),
    counts: DenominationCounts,
    countedFen: Fen,
    expectedFen: z.number().int(),
    differenceFen: z.number().int(),
    witnessId: Id.nullable(),
    note: z.string().nullable(),
  }),
  'drawer.difference_explained': z.object({
    countId: Id,
    drawerId: Id,
    counterNo: CounterNo,
    staffId: Id,
    reasonCode: DifferenceReason,
    approverId: Id,
    note: z.string().nullable(),
  }),
  'deposit.recorded': z.object({
    depositId: Id,
    day: DayText,
    counterNo: CounterNo,
    staffId: Id,
    companionId: Id,
    amountFen: PositiveFen,
    slipNo: Text(40),
    drawerId: Id.nullable(),
  }),
  'invoice.recorded': z.object({
    invoiceId: Id,
    day: DayText,
    counterNo: CounterNo,
    staffId: Id,
    invoiceNo: z.string(),
    amountFen: PositiveFen,
    receiptId: Id.nullable(),
  }),
  /** The device's day, closed once (R-CASH-2): the Z-report as it was printed, kept for ever. */
  'day.closed': z.object({
    day: DayText,
    counterNo: CounterNo.nullable(),
    staffId: Id,
    approverId: Id,
    reasonCode: DifferenceReason.nullable(),
    report: ZReport,
  }),
  /**
   * The hall's day, closed once on the hub when every device that took money has closed its own
   * (issue 11: per clerk, then per hall): the hall Z-report summed from their sealed reports.
   */
  'hall_day.closed': z.object({
    day: DayText,
    staffId: Id,
    approverId: Id,
    report: HallZReport,
  }),
  // Cases (issue 12; R-FR-1, R-FR-2, R-CMP-1, R-DUTY-1), written by the hub: one owner across counters.
  /** The opener owns the case (R-FR-1); the deadlines are computed once, here, with the settings then. */
  'case.opened': z.object({
    caseId: Id,
    no: z.number().int().positive(),
    kind: CaseKind,
    staffId: Id,
    counterNo: CounterNo.nullable(),
    ticketId: Id.nullable(),
    ratingId: Id.nullable(),
    summary: z.string(),
    /** The record keeps the phone (R-FR-2 needs it to reply); screens and exports mask it. */
    phone: z.string().nullable(),
    promisedAt: z.number().int().nullable(),
    replyDueAt: z.number().int().nullable(),
    opinionDueAt: z.number().int().nullable(),
  }),
  /** Every action on a case, by whom (`staffId`, the signer): assist, reply, opinion, note, reassign, close. */
  'case.acted': z.object({
    caseId: Id,
    actionId: Id,
    kind: ActionKind,
    staffId: Id,
    text: z.string(),
    /** reassign: the new owner; assist: who helped. */
    toStaffId: Id.nullable(),
    toldVia: ToldVia.nullable(),
  }),

  // Ratings and feedback (issue 12; R-EVAL-1, R-EVAL-2), written by the node that serves the counter.
  /** The clerk invites the customer to rate (or finishing did): open until expiresAt. */
  'rating.requested': z.object({
    requestId: Id,
    counterNo: CounterNo,
    staffId: Id,
    ticketId: Id,
    ticketNumber: z.string().max(16).nullable(),
    expiresAt: z.number().int(),
  }),
  /** The one outcome of a request: a level pressed, or no_rating when it expired (never satisfied). */
  'rating.recorded': z.object({
    ratingId: Id,
    requestId: Id,
    counterNo: CounterNo,
    staffId: Id,
    ticketId: Id,
    outcome: RatingOutcome,
    reasons: z.array(z.string().max(24)).max(12),
    source: RatingSource,
  }),
  /** A press refused and counted (HappyOrNot-style misuse filtering). */
  'rating.misuse': z.object({
    counterNo: CounterNo,
    requestId: Id.nullable(),
    reason: MisuseReason,
    source: RatingSource,
  }),
  /** R-EVAL-2: a paper or QR opinion form, entered by staff. */
  'feedback.recorded': z.object({
    feedbackId: Id,
    counterNo: CounterNo.nullable(),
    staffId: Id,
    source: z.enum(['paper', 'qr']),
    text: Text(2000),
    level: RatingLevel.nullable(),
    /** The clerk the form is about, when it names one. */
    aboutStaffId: Id.nullable(),
    ticketId: Id.nullable(),
  }),

  // The handover book (issue 13; R-HAND-1, R-HAND-2), written by the node that serves the counter.
  'handover.written': z.object({
    handoverId: Id,
    counterNo: CounterNo,
    staffId: Id,
    /** The writer's drawer of the day, which the cash items hand over. */
    drawerId: Id.nullable(),
    items: z.array(HandoverItem),
  }),
  /** The incoming clerk's answer to every item, signed with their PIN in their own session. */
  'handover.accepted': z.object({
    handoverId: Id,
    counterNo: CounterNo,
    staffId: Id,
    items: z.array(Confirmation),
    disagreements: z.number().int().min(0),
  }),

  /**
   * R-HAND-1: the duty manager's opinion (ruling) on a handover signed with disagreements, written into
   * the book by a manager at the hub (PIN checked on the spot, like a countersign).
   */
  'handover.ruled': z.object({
    handoverId: Id,
    counterNo: CounterNo,
    staffId: Id,
    opinion: Text(1000),
  }),

  // Registers (issue 13).
  /** R-VIS-1: a visitor with their temperature; above the limit turned away. */
  'visitor.registered': z.object({
    visitorId: Id,
    /** The counter it was registered at; null at the hub by a manager with no counter. */
    counterNo: CounterNo.nullable(),
    staffId: Id,
    name: z.string().max(40).nullable(),
    phone: z.string().max(16).nullable(),
    temperatureC: z.number(),
    limitC: z.number(),
    admitted: z.boolean(),
  }),
  /** R-TOOL-1: the hall's tool register, kept by the hub. */
  'tool.lent': z.object({
    loanId: Id,
    staffId: Id,
    tool: Text(60),
    borrower: Text(40),
    dueAt: z.number().int(),
  }),
  'tool.returned': z.object({ loanId: Id, staffId: Id }),
  /** R-ASSESS-4: a morning meeting or a training, with attendees and test scores. */
  'meeting.recorded': z.object({
    meetingId: Id,
    staffId: Id,
    kind: z.enum(['morning', 'training']),
    day: DayText,
    minutes: z.number().int(),
    topics: Text(1000),
    attendees: z.array(z.string()),
    scores: z.array(z.object({ staffNo: z.string(), score: z.number() })),
  }),
  /**
   * R-REC-1: records of one type older than `before` were written to an archive file (its SHA-256 kept
   * here) and leave this node's projection; the journal keeps them (docs/decisions.md).
   */
  'records.archived': z.object({
    archiveId: Id,
    staffId: Id,
    recordType: RecordType,
    before: z.number().int(),
    count: z.number().int().min(0),
    file: z.string().max(200),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** A duty manager has seen an alert (a visitor turned away, a disagreement) and takes it off the list. */
  'alert.acknowledged': z.object({ alertId: Id, staffId: Id }),
  // Checklists and the hall's day (issue 13; R-OPEN-1, R-OPEN-2, R-DIS-1, R-CLOSE-1, R-FIRE-1, R-HLTH-1,
  // R-DRILL-1): completions, amendments and photos on the node serving the screen, the rest on the hub
  // (shared/events/authority.ts, docs/decisions.md).
  /** A checklist done, signed by who did it; items that failed (or fell outside their limits) open follow-ups. */
  'checklist.completed': z.object({
    occurrenceId: z.string().max(48),
    templateCode: z.string().max(32),
    day: DayText,
    dueAt: z.number().int(),
    staffId: Id,
    late: z.boolean(),
    items: z.array(StoredItem).max(100),
    followups: z.array(z.object({ id: Id, itemCode: z.string().max(32) })).max(100),
  }),
  /** A correction: a new record with its reason; the completion it corrects is never edited. */
  'checklist.amended': z.object({
    occurrenceId: z.string().max(48),
    amendmentId: Id,
    staffId: Id,
    reason: Text(200),
    items: z.array(StoredItem).max(100),
    followups: z.array(z.object({ id: Id, itemCode: z.string().max(32) })).max(100),
  }),
  /** A manager countersigned a completed checklist with their PIN. */
  'checklist.countersigned': z.object({ occurrenceId: z.string().max(48), staffId: Id }),
  /** Its window passed undone: recorded once, for ever (a late completion does not undo it). */
  'checklist.missed': z.object({
    occurrenceId: z.string().max(48),
    templateCode: z.string().max(32),
    day: DayText,
    dueAt: z.number().int(),
  }),
  /** A photo for an item: its bytes, their SHA-256 and who took it. */
  'checklist.photo': z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    dataBase64: z.string(),
    staffId: Id,
  }),
  /** A fault follow-up resolved by a manager. */
  'checklist.followup_resolved': z.object({ followupId: Id, staffId: Id, note: Text(500) }),
  /** A hall's own template (or a change to it), set by its manager. */
  'checklist.template_set': z.object({ code: z.string().max(32), template: ChecklistTemplate, staffId: Id }),
  /** A manager opened or closed the hall past a rule (opening check not done; fewer than two staff). */
  'hall.overridden': z.object({
    action: z.enum(['open', 'close']),
    rule: z.enum(['R-OPEN-1', 'R-CLOSE-1']),
    reason: Text(200),
    staffId: Id,
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
