import { z } from 'zod';
import { CounterNo, Id, StaffNo, Text } from '../primitives.ts';
import { Instant } from '../time/businessDay.ts';

/**
 * Cases (首问负责制, issue 12): a matter the hall owes a customer an answer on. Kinds: an enquiry that
 * could not be answered at the counter (R-FR-2), a business flow followed to its end (R-CMP-2) and a
 * complaint with its two deadlines (R-CMP-1).
 */
export const CaseKind = z.enum(['enquiry', 'flow', 'complaint']);
export type CaseKind = z.infer<typeof CaseKind>;

export const ActionKind = z.enum(['assist', 'reply', 'opinion', 'note', 'reassign', 'close']);
export type ActionKind = z.infer<typeof ActionKind>;

/** How the customer was told the outcome: closing a case needs it. */
export const ToldVia = z.enum(['phone', 'sms', 'in_person', 'letter', 'other']);
export type ToldVia = z.infer<typeof ToldVia>;

/** A phone number as a clerk types it: digits, with an optional +, spaces or dashes. */
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,22}[0-9]$/, 'a phone number')
  .transform((s) => s.replace(/[ -]/g, ''));

/** A phone on screens and exports (DESIGN §2: personal data masked): 138****5678. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length >= 8) return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}

export const OpenCaseBody = z
  .object({
    kind: CaseKind,
    ticketId: Id.optional(),
    /** A case opened from a negative rating (the ratings screen's one-click button). */
    ratingId: Id.optional(),
    summary: Text(500),
    phone: Phone.optional(),
    /** R-FR-2: when the customer was promised a reply (an enquiry) or the business done (a flow). */
    promisedAt: Instant.optional(),
  })
  .strict();
export type OpenCaseBody = z.infer<typeof OpenCaseBody>;

export const CaseActionBody = z
  .object({
    kind: ActionKind,
    /** The assist, reply, opinion or note; the reason of a reassignment; the resolution of a close. */
    text: Text(1000),
    /** reassign: the new owner; assist: who helped, when it was not the one recording it. */
    toStaffNo: StaffNo.optional(),
    /** close: how the customer was told the outcome. */
    toldVia: ToldVia.optional(),
  })
  .strict()
  .refine((b) => b.kind !== 'reassign' || b.toStaffNo !== undefined, {
    message: 'a reassignment names the new owner (toStaffNo)',
    path: ['toStaffNo'],
  })
  .refine((b) => b.kind !== 'close' || b.toldVia !== undefined, {
    message: 'closing says how the customer was told (toldVia)',
    path: ['toldVia'],
  });
export type CaseActionBody = z.infer<typeof CaseActionBody>;

const At = z.number().int();

/** A case as lists show it: the phone masked, its deadlines and where it stands at the reader's now. */
export const CaseSummary = z.object({
  id: Id,
  no: z.number().int(),
  kind: CaseKind,
  summary: z.string(),
  phone: z.string().nullable(),
  ownerStaffNo: z.string(),
  ownerName: z.string(),
  openedByStaffNo: z.string(),
  counterNo: CounterNo.nullable(),
  ticketId: Id.nullable(),
  ratingId: Id.nullable(),
  openedAt: At,
  promisedAt: At.nullable(),
  replyDueAt: At.nullable(),
  opinionDueAt: At.nullable(),
  repliedAt: At.nullable(),
  opinionAt: At.nullable(),
  /** The earliest deadline still to meet; null when none is pending. */
  nextDueAt: At.nullable(),
  lastActionAt: At,
  closedAt: At.nullable(),
  status: z.enum(['open', 'closed']),
  /** R-FR-2: a deadline falls due within the reminder lead (setting caseRemindMinutes). */
  remind: z.boolean(),
  /** R-DUTY-1: a deadline has passed unmet; on the duty manager's list. */
  overdue: z.boolean(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseActionView = z.object({
  id: Id,
  kind: z.enum(['open', ...ActionKind.options]),
  text: z.string(),
  staffNo: z.string(),
  staffName: z.string(),
  toStaffNo: z.string().nullable(),
  toldVia: ToldVia.nullable(),
  at: At,
});

/** One case with every action; the phone in full only for its owner and managers. */
export const CaseView = CaseSummary.extend({
  resolution: z.string().nullable(),
  toldVia: ToldVia.nullable(),
  actions: z.array(CaseActionView),
});

export const OpenCaseReply = z.object({
  id: Id,
  no: z.number().int(),
  ownerStaffNo: z.string(),
  replyDueAt: At.optional(),
  opinionDueAt: At.optional(),
});
