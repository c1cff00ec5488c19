import { z } from 'zod';
import { DayText, Id, Text } from '../primitives.ts';
import { Signature } from '../money/cash.ts';
import { ItemKind, TEMPLATE_CODE_PATTERN } from './template.ts';

/** An occurrence's id: `<template code>@<local day>`, e.g. `opening@2026-11-30`. */
export const OccurrenceIdText = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}@\d{4}-\d{2}-\d{2}$/, '<template>@YYYY-MM-DD');
export const TemplateCode = z.string().regex(TEMPLATE_CODE_PATTERN, 'a-z, 0-9, _ or -');
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 in hex');

export const ItemResult = z.enum(['pass', 'fail', 'na']);
export type ItemResult = z.infer<typeof ItemResult>;

/** One item as the clerk filled it in (DESIGN §6b). */
export const ItemEntry = z
  .object({
    code: z.string().min(1).max(32),
    result: ItemResult,
    value: z.union([z.number(), z.string().max(500)]).optional(),
    note: z.string().trim().max(500).optional(),
    photoSha256: Sha256Hex.optional(),
  })
  .strict();
export type ItemEntry = z.infer<typeof ItemEntry>;

export const CompleteBody = z.object({ items: z.array(ItemEntry).min(1).max(100) }).strict();
export type CompleteBody = z.infer<typeof CompleteBody>;
export const AmendBody = z.object({ reason: Text(200), items: z.array(ItemEntry).min(1).max(100) }).strict();
export type AmendBody = z.infer<typeof AmendBody>;
export const CountersignBody = z.object({ approver: Signature }).strict();
export const ResolveBody = z.object({ note: Text(500) }).strict();
/** The manager's override of the opening check or the two-staff rule, with its reason (logged). */
export const HallDayBody = z
  .object({
    override: z
      .object({ reason: Text(200) })
      .strict()
      .optional(),
  })
  .strict();

/** A photo as uploaded: base64 of a JPEG, PNG or WebP of at most PHOTO_MAX_BYTES. */
export const PHOTO_MAX_BYTES = 160 * 1024;
export const PhotoBody = z
  .object({
    // Up to the node's body limit: the route checks the decoded size, so a large photo gets a 413.
    dataBase64: z
      .string()
      .min(4)
      .max(256 * 1024),
  })
  .strict();
export const PhotoReply = z.object({
  sha256: Sha256Hex,
  bytes: z.number().int(),
  mime: z.string(),
  at: z.number().int(),
});

/** What an item's stored result is: as filled in, with its result after the limits were applied. */
export const StoredItem = z.object({
  code: z.string(),
  result: ItemResult,
  value: z.union([z.number(), z.string()]).nullable(),
  note: z.string().nullable(),
  photoSha256: Sha256Hex.nullable(),
});
export type StoredItem = z.infer<typeof StoredItem>;

export const OccurrenceStatus = z.enum(['due', 'overdue', 'missed', 'done', 'late']);

export const DueItem = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string(),
  kind: ItemKind,
  required: z.boolean(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string(),
});

/** One row of `GET /checklists/due` (DESIGN §6b, with what the screens need besides). */
export const DueView = z.object({
  occurrenceId: z.string(),
  templateCode: z.string(),
  name: z.string(),
  nameEn: z.string(),
  rule: z.string(),
  role: z.string(),
  day: z.string(),
  startAt: z.number(),
  dueAt: z.number(),
  status: OccurrenceStatus,
  /** Missed recorded (for ever), even when done late since. */
  missed: z.boolean(),
  opening: z.boolean(),
  countersign: z.boolean(),
  completedAt: z.number().nullable(),
  completedBy: z.string().nullable(),
  countersignedBy: z.string().nullable(),
  /**
   * Other completions of the same occurrence (two counters offline completed it): kept and shown, never
   * lost; the one above is the first by completion time.
   */
  alsoCompletedBy: z.array(z.object({ staffNo: z.string(), completedAt: z.number(), late: z.boolean() })),
  items: z.array(DueItem),
});
export type DueView = z.infer<typeof DueView>;

export const CompleteReply = z.object({
  occurrenceId: z.string(),
  status: z.enum(['done', 'late']),
  failed: z.array(z.string()),
  followups: z.array(Id),
});

export const Followup = z.object({
  id: z.string(),
  occurrenceId: z.string(),
  templateCode: z.string(),
  templateName: z.string(),
  itemCode: z.string(),
  itemLabel: z.string(),
  value: z.union([z.number(), z.string()]).nullable(),
  note: z.string().nullable(),
  openedAt: z.number(),
  openedBy: z.string(),
  resolvedAt: z.number().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});

export const HistoryRow = z.object({
  occurrenceId: z.string(),
  templateCode: z.string(),
  day: z.string(),
  status: z.enum(['done', 'late', 'missed']),
  completedAt: z.number().nullable(),
  staffNo: z.string(),
  countersignedBy: z.string().nullable(),
  itemCode: z.string().nullable(),
  result: ItemResult.nullable(),
  value: z.union([z.number(), z.string()]).nullable(),
  note: z.string().nullable(),
  amended: z.boolean(),
  /** A result of a second completion of the occurrence (kept; the first by completion time stands). */
  duplicate: z.boolean(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const HistoryQuery = z
  .object({
    template: TemplateCode.optional(),
    item: z.string().max(32).optional(),
    from: DayText.optional(),
    to: DayText.optional(),
  })
  .strict();
