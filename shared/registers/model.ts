import { z } from 'zod';
import { DayText, Id, StaffNo, Text } from '../primitives.ts';

/**
 * The hall's registers (issue 13): visitors with their temperature (R-VIS-1), tools lent and returned
 * (R-TOOL-1), morning meetings and training (R-ASSESS-4), and their retention (R-REC-1).
 */

/** A body temperature a thermometer can read; anything else is a typing error (422). */
export const MIN_TEMPERATURE_C = 30;
export const MAX_TEMPERATURE_C = 45;

/** A visitor's phone as the register takes it (the form's rule too): digits, an optional +. */
export const VISITOR_PHONE_PATTERN = /^\+?\d{5,15}$/;

export const VisitorBody = z
  .object({
    name: z.string().trim().min(1).max(40).optional(),
    phone: z.string().trim().regex(VISITOR_PHONE_PATTERN, 'digits').optional(),
    temperatureC: z.number(),
  })
  .strict();
export type VisitorBody = z.infer<typeof VisitorBody>;

export function temperatureInRange(c: number): boolean {
  return Number.isFinite(c) && c >= MIN_TEMPERATURE_C && c <= MAX_TEMPERATURE_C;
}

/** R-VIS-1: above the limit the visitor is turned away (at the limit they are admitted). */
export function admitted(temperatureC: number, limitC: number): boolean {
  return temperatureC <= limitC;
}

/** Tenths of a degree: what a thermometer shows, and no float noise in the record. */
export const roundTemperature = (c: number): number => Math.round(c * 10) / 10;

export const VisitorReply = z.object({ id: Id, admitted: z.boolean() });

export const VisitorView = z.object({
  id: Id,
  at: z.number().int(),
  name: z.string().nullable(),
  /** Masked (DESIGN §2 personal data). */
  phone: z.string().nullable(),
  temperatureC: z.number(),
  limitC: z.number(),
  admitted: z.boolean(),
  counterNo: z.number().int().nullable(),
  staffNo: z.string(),
});

export const ToolLendBody = z
  .object({
    tool: Text(60),
    /** Who takes it: a staff number of the hall, or a name (a contractor). */
    borrower: Text(40),
    dueAt: z.number().int(),
  })
  .strict();
export type ToolLendBody = z.infer<typeof ToolLendBody>;

export const ToolLoanView = z.object({
  id: Id,
  tool: z.string(),
  borrower: z.string(),
  lentAt: z.number().int(),
  dueAt: z.number().int(),
  returnedAt: z.number().int().nullable(),
  overdue: z.boolean(),
  lentByStaffNo: z.string(),
});

/** R-TOOL-1: the day-end count: what is out, and what of it is past its due time. */
export function toolCount(loans: readonly { returnedAt: number | null; dueAt: number }[], now: number) {
  const out = loans.filter((l) => l.returnedAt === null);
  return { out: out.length, overdue: out.filter((l) => l.dueAt < now).length };
}

export const ToolCount = z.object({ out: z.number().int(), overdue: z.number().int() });

export const MeetingBody = z
  .object({
    kind: z.enum(['morning', 'training']),
    day: DayText,
    /** Minutes it took (R-ASSESS-4: the morning meeting is 15). */
    minutes: z.number().int().min(1).max(600),
    topics: Text(1000),
    attendees: z.array(StaffNo).min(1).max(200),
    /** Test scores of a training, per attendee (0–100). */
    scores: z
      .array(z.object({ staffNo: StaffNo, score: z.number().min(0).max(100) }).strict())
      .max(200)
      .default([]),
  })
  .strict();
export type MeetingBody = z.infer<typeof MeetingBody>;

export const MeetingView = MeetingBody.extend({
  id: Id,
  recordedAt: z.number().int(),
  recordedByStaffNo: z.string(),
  scores: z.array(z.object({ staffNo: StaffNo, score: z.number() })),
});

/** Every attendee scored must have attended; nobody listed twice. */
export function meetingProblem(body: MeetingBody): string | null {
  if (new Set(body.attendees).size !== body.attendees.length) return 'an attendee is listed twice';
  for (const s of body.scores)
    if (!body.attendees.includes(s.staffNo)) return `${s.staffNo} has a score but did not attend`;
  if (new Set(body.scores.map((s) => s.staffNo)).size !== body.scores.length)
    return 'a score is listed twice';
  return null;
}

/** R-REC-1: the record types with a retention period of their own (setting `retentionDays`). */
export const RecordType = z.enum(['visitors', 'tools', 'meetings', 'handovers']);
export type RecordType = z.infer<typeof RecordType>;

const DAY_MS = 86_400_000;

/** R-REC-1: records older than this instant are past their retention at `now`. */
export function retentionCutoff(now: number, days: number): number {
  return now - days * DAY_MS;
}

export const RetentionBody = z.object({ recordType: RecordType }).strict();

export const ArchiveView = z.object({
  id: Id,
  recordType: RecordType,
  before: z.number().int(),
  count: z.number().int(),
  file: z.string(),
  sha256: z.string(),
  at: z.number().int(),
  staffNo: z.string(),
});
