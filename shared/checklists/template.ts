import { z } from 'zod';
import { RRule } from './rrule.ts';
import { StaffRole } from '../primitives.ts';

/**
 * A checklist template (issue 13; R-OPEN-1, R-OPEN-2, R-DIS-1, R-CLOSE-1, R-FIRE-1, R-HLTH-1, R-DRILL-1):
 * reference data from head office (kind `checklist`, keyed by its code) or a hall's own. Its items are
 * what the clerk fills in; its recurrence (an RFC 5545 RRULE, read by the `rrule` library) says on which
 * local days of the hall it falls, its window when on such a day it may be done and by when.
 */
export const ITEM_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const TEMPLATE_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const ItemKind = z.enum(['pass_fail', 'number', 'text', 'photo']);
export type ItemKind = z.infer<typeof ItemKind>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const ChecklistItem = z
  .object({
    code: z.string().regex(ITEM_CODE_PATTERN, 'a-z, 0-9, _ or -'),
    label: z.string().trim().min(1).max(120),
    labelEn: z.string().trim().max(120).default(''),
    kind: ItemKind.default('pass_fail'),
    /** A number item's limits: a value outside them fails the item (and opens a fault follow-up). */
    min: z.number().optional(),
    max: z.number().optional(),
    unit: z.string().trim().max(12).default(''),
    required: z.boolean().default(true),
  })
  .strict()
  .refine((i) => i.min === undefined || i.max === undefined || i.min <= i.max, {
    message: 'min is above max',
  });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** An RRULE body (`FREQ=DAILY`, `FREQ=MONTHLY;BYMONTHDAY=1`…) the library can read, without DTSTART. */
export const Recurrence = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((text) => {
    if (/DTSTART|UNTIL|TZID/i.test(text)) return false;
    try {
      RRule.parseString(text.replace(/^RRULE:/i, ''));
      return /FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)/i.test(text);
    } catch {
      return false;
    }
  }, 'an RRULE such as FREQ=DAILY or FREQ=MONTHLY;BYMONTHDAY=1');

/**
 * Before issue 13 a template was a name and a list of strings. Such a row (still in head office's
 * history and in every hall's ref_data) reads as pass/fail items coded i1, i2…, due daily by opening.
 */
const LegacyItem = z.string().trim().min(1).max(120);

export const ChecklistTemplate = z
  .object({
    name: z.string().trim().min(1).max(60),
    nameEn: z.string().trim().max(60).default(''),
    /** The rule it proves, e.g. R-DIS-1. */
    rule: z.string().trim().max(20).default(''),
    recurrence: Recurrence.default('FREQ=DAILY'),
    /** Its window on a day it falls on, in the hall's time zone. */
    startTime: HHMM.default('07:30'),
    dueTime: HHMM.default('08:00'),
    /** The opening check: the hall does not open until it is done (or a manager overrides). */
    opening: z.boolean().default(false),
    /** Who must do it: clerks see it on the counter; a manager's is on the manager screen only. */
    role: StaffRole.default('clerk'),
    lateAllowed: z.boolean().default(true),
    countersign: z.boolean().default(false),
    items: z
      .array(z.union([ChecklistItem, LegacyItem]))
      .min(1)
      .max(100)
      .transform((items) =>
        items.map((i, n): ChecklistItem =>
          typeof i === 'string'
            ? { code: `i${n + 1}`, label: i, labelEn: '', kind: 'pass_fail', unit: '', required: true }
            : i,
        ),
      ),
  })
  .strict()
  .refine((t) => t.startTime < t.dueTime, { message: 'startTime must be before dueTime', path: ['dueTime'] })
  .refine((t) => new Set(t.items.map((i) => i.code)).size === t.items.length, {
    message: 'item codes must differ',
    path: ['items'],
  });
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;
export type ChecklistTemplateInput = z.input<typeof ChecklistTemplate>;

/** A template as the hall uses it: its code and where it came from. */
export type CodedTemplate = ChecklistTemplate & { code: string; source: 'headoffice' | 'hall' };
