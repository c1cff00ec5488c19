import { z } from 'zod';
import { DayText } from '../primitives.ts';
import { Fen } from './amounts.ts';

/** A fee item's code as it is charged by (R-FEE-1). */
export const FEE_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,15}$/;
export const FeeCode = z.string().regex(FEE_CODE_PATTERN, 'an upper-case code such as F01');

/**
 * One entry of the fee schedule as head office keeps it (reference kind `fee`, keyed by the entry).
 * A price change is a new entry for the same `code` with a later `validFrom`: the schedule in force on
 * a day is, per code, the entry with the latest `validFrom` on or before it.
 */
export const FeeEntry = z
  .object({
    name: z.string().trim().min(1).max(60),
    amountFen: Fen,
    unit: z.string().max(20).default('项'),
    /** Added with receipts (issue 11): older entries are named in Chinese only. */
    nameEn: z.string().trim().max(60).optional(),
    /** The code the counter charges by; absent: the entry's key. */
    code: FeeCode.optional(),
    /** The first business day the price holds; absent: always. */
    validFrom: DayText.optional(),
  })
  .strict();
export type FeeEntry = z.infer<typeof FeeEntry>;

/** A fee as the counter charges it (`GET /fees`). */
export const Fee = z.object({
  code: FeeCode,
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  priceFen: Fen,
  validFrom: DayText.nullable(),
});
export type Fee = z.infer<typeof Fee>;

/** The schedule in force on `day`, from head office's entries; entries that do not parse are skipped. */
export function feesInForce(entries: readonly { key: string; data: unknown }[], day: string): Fee[] {
  const byCode = new Map<string, Fee>();
  for (const { key, data } of entries) {
    const parsed = FeeEntry.safeParse(data);
    if (!parsed.success) continue;
    const e = parsed.data;
    const code = e.code ?? key;
    if (!FEE_CODE_PATTERN.test(code)) continue;
    const from = e.validFrom ?? null;
    if (from !== null && from > day) continue;
    const held = byCode.get(code);
    if (held && (held.validFrom ?? '') > (from ?? '')) continue;
    byCode.set(code, {
      code,
      name: e.name,
      nameEn: e.nameEn ?? e.name,
      unit: e.unit,
      priceFen: e.amountFen,
      validFrom: from,
    });
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}
