import { z } from 'zod';
import { Id, Pin, Text } from '../primitives.ts';
import { countedFen, DenominationCounts, Fen } from '../money/amounts.ts';
import { Signature } from '../money/cash.ts';

/**
 * The handover book (交接班, R-HAND-1, R-HAND-2): what the outgoing clerk hands over, item by item, and
 * what the incoming clerk confirms. The kinds are a setting (`handoverKinds`); these are the ones the
 * screens word and whose checks the rules name.
 */
export const KNOWN_KINDS = [
  'open_matter',
  'cash',
  'install_order',
  'repair_order',
  'cheque',
  'invoice',
  'keys',
  'tools',
] as const;
export const HandoverKind = z.string().regex(/^[a-z][a-z0-9_]{0,23}$/, 'a lower-case code');

/** An invoice stock range, first to last number inclusive (R-HAND-2: invoices by number range). */
const InvoiceNo = z
  .string()
  .trim()
  .regex(/^\d{1,12}$/, 'digits');
export const NumberRange = z
  .object({ from: InvoiceNo, to: InvoiceNo })
  .strict()
  .refine(
    (r) => r.from.length === r.to.length && r.from <= r.to,
    'a range runs from its first to its last number',
  );
export type NumberRange = z.infer<typeof NumberRange>;

export const HandoverItemInput = z
  .object({
    kind: HandoverKind,
    text: Text(500),
    amountFen: Fen.optional(),
    counts: DenominationCounts.optional(),
    range: NumberRange.optional(),
    /** An open matter names the open case or ticket it is about. */
    caseId: Id.optional(),
    ticketId: Id.optional(),
  })
  .strict();
export type HandoverItemInput = z.infer<typeof HandoverItemInput>;

export const HandoverBody = z.object({ items: z.array(HandoverItemInput).max(60) }).strict();
export type HandoverBody = z.infer<typeof HandoverBody>;

/** Where a carried item came from: the handover and its index there (R-HAND-1 carry-over). */
export const CarriedFrom = z.object({ handoverId: Id, index: z.number().int().min(0) });

/** An item as journaled: what was written, plus the drawer it links to and where a carried one came from. */
export const HandoverItem = HandoverItemInput.extend({
  drawerId: Id.optional(),
  carriedFrom: CarriedFrom.optional(),
});
export type HandoverItem = z.infer<typeof HandoverItem>;

export const AcceptItem = z
  .object({
    index: z.number().int().min(0).max(200),
    confirmed: z.boolean(),
    note: z.string().trim().max(300).optional(),
    /** Cash counted by the incoming clerk (both sides count, R-HAND-1). */
    counts: DenominationCounts.optional(),
    /** A cheque's amount as the incoming clerk reads it. */
    amountFen: Fen.optional(),
    /** The invoice stock as the incoming clerk finds it. */
    range: NumberRange.optional(),
  })
  .strict();
export type AcceptItem = z.infer<typeof AcceptItem>;

export const AcceptBody = z.object({ items: z.array(AcceptItem).max(200), pin: Pin }).strict();
export type AcceptBody = z.infer<typeof AcceptBody>;

/** What the journal keeps of each confirmation. */
export const Confirmation = AcceptItem.extend({ note: z.string().max(300).nullable() });
export type Confirmation = z.infer<typeof Confirmation>;

/** What is wrong with a handover's answers or items, and the index of the item it is about. */
type ProblemAt<Code extends string> = { code: Code; index: number };

export type AcceptProblem =
  | ProblemAt<'missing' | 'unknown' | 'twice' | 'count_needed'>
  | (ProblemAt<'count_differs'> & { expectedFen: number; countedFen: number })
  | ProblemAt<'amount_differs' | 'range_differs' | 'note_needed'>;

/**
 * R-HAND-1: the incoming clerk answers every item once. Cash is counted on both sides: a confirmation
 * must carry the incoming count and it must come to the handed-over sum; a cheque's amount and an
 * invoice range must match. A disagreement is an unconfirmed item with a note. The first problem
 * refuses the whole acceptance (nothing is written).
 */
export function checkAcceptance(
  items: readonly HandoverItem[],
  answers: readonly AcceptItem[],
): AcceptProblem | null {
  const seen = new Set<number>();
  for (const a of answers) {
    if (a.index >= items.length) return { code: 'unknown', index: a.index };
    if (seen.has(a.index)) return { code: 'twice', index: a.index };
    seen.add(a.index);
    const item = items[a.index]!;
    if (!a.confirmed) {
      if (!a.note) return { code: 'note_needed', index: a.index };
      continue;
    }
    const expected = handedFen(item);
    if (item.counts !== undefined || item.kind === 'cash') {
      if (a.counts === undefined) return { code: 'count_needed', index: a.index };
      const counted = countedFen(a.counts);
      if (counted !== expected)
        return { code: 'count_differs', index: a.index, expectedFen: expected ?? 0, countedFen: counted };
    } else if (item.amountFen !== undefined && item.kind === 'cheque') {
      if (a.amountFen !== item.amountFen) return { code: 'amount_differs', index: a.index };
    }
    if (item.range !== undefined) {
      if (!a.range || a.range.from !== item.range.from || a.range.to !== item.range.to)
        return { code: 'range_differs', index: a.index };
    }
  }
  for (let i = 0; i < items.length; i++) if (!seen.has(i)) return { code: 'missing', index: i };
  return null;
}

/** What an item hands over in money: its counted cash, else its amount; null when it holds none. */
export function handedFen(item: Pick<HandoverItem, 'counts' | 'amountFen'>): number | null {
  if (item.counts !== undefined) return countedFen(item.counts);
  return item.amountFen ?? null;
}

/** An item the outgoing clerk writes must make sense for its kind (R-HAND-2). */
export type ItemProblem = ProblemAt<'kind' | 'cash_counts' | 'invoice_range' | 'cash_sum'>;

export function checkItems(
  items: readonly HandoverItemInput[],
  kinds: readonly string[],
): ItemProblem | null {
  for (const [index, item] of items.entries()) {
    if (!kinds.includes(item.kind)) return { code: 'kind', index };
    if (item.kind === 'cash' && item.counts === undefined) return { code: 'cash_counts', index };
    if (
      item.counts !== undefined &&
      item.amountFen !== undefined &&
      countedFen(item.counts) !== item.amountFen
    )
      return { code: 'cash_sum', index };
    if (item.kind === 'invoice' && item.range === undefined) return { code: 'invoice_range', index };
  }
  return null;
}

/** An item of an accepted handover as the carry-over reads it. */
export interface BookItem {
  handoverId: string;
  index: number;
  item: HandoverItem;
  confirmed: boolean;
  /** Already carried into a later handover (which then answers for it). */
  carried: boolean;
}

/**
 * R-HAND-1: the items a new handover starts from — every one the incoming clerk did not confirm and
 * that no later handover has carried yet, each pointing back at where it was written.
 */
export function carryOver(book: readonly BookItem[]): HandoverItem[] {
  return book
    .filter((b) => !b.confirmed && !b.carried)
    .map((b) => ({ ...b.item, carriedFrom: { handoverId: b.handoverId, index: b.index } }));
}

/** Item views on the screens. */
export const HandoverItemView = HandoverItem.extend({
  index: z.number().int(),
  confirmed: z.boolean().nullable(),
  note: z.string().nullable(),
  /** Cash handed over by this item (counts or amount), for the screens. */
  handedFen: Fen.nullable(),
});

export const HandoverView = z.object({
  id: Id,
  counterNo: z.number().int(),
  writerStaffNo: z.string(),
  writerName: z.string(),
  writtenAt: z.number().int(),
  acceptorStaffNo: z.string().nullable(),
  acceptorName: z.string().nullable(),
  acceptedAt: z.number().int().nullable(),
  disagreements: z.number().int(),
  /** The caller wrote it: it is not theirs to sign. */
  mine: z.boolean(),
  items: z.array(HandoverItemView),
  /** R-HAND-1: the duty manager's opinion on its disagreements, once written (on the hub). */
  opinion: z
    .object({ text: z.string(), staffNo: z.string(), name: z.string(), at: z.number().int() })
    .nullable(),
});
export type HandoverView = z.infer<typeof HandoverView>;

/** R-HAND-1: the duty manager's opinion on a disputed handover, signed with their PIN on the spot. */
export const OpinionBody = z.object({ opinion: Text(1000), approver: Signature }).strict();
