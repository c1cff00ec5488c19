import { z } from 'zod';
import nzh from 'nzh/cn';

/**
 * Money is integer fen everywhere (DESIGN §6b): no floating point touches an amount, from the form to
 * the Z-report.
 */

/** ¥1,000,000: a larger single amount at a hall counter is a typing error, not a payment. */
export const MAX_FEN = 100_000_000;
export const Fen = z.number().int('whole fen').min(0).max(MAX_FEN);
export const PositiveFen = z.number().int('whole fen').min(1).max(MAX_FEN);

/** The notes and coins a drawer is counted in (R-CASH-5): ¥100 … ¥1, then ¥0.5 and ¥0.1 coins. */
export const DENOMINATIONS = [10000, 5000, 2000, 1000, 500, 100, 50, 10] as const;
export type Denomination = (typeof DENOMINATIONS)[number];
const DenominationKey = z.enum(DENOMINATIONS.map(String) as [string, ...string[]]);

/** A count by denomination, `{"10000": 3, "10": 7}`: pieces, never amounts. */
export const DenominationCounts = z
  .partialRecord(DenominationKey, z.number().int('whole pieces').min(0).max(100_000))
  .refine((c) => Object.keys(c).length > 0, 'count at least one denomination');
export type DenominationCounts = z.infer<typeof DenominationCounts>;

export function countedFen(counts: DenominationCounts): number {
  let total = 0;
  for (const [denomination, pieces] of Object.entries(counts)) total += Number(denomination) * (pieces ?? 0);
  return total;
}

export const PaymentMethod = z.enum(['cash', 'card', 'wechat', 'alipay', 'cheque']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** `¥1,234.56`: figures as a receipt prints them. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** The amount in words as Chinese receipts print it (人民币壹佰元整), through nzh. */
export function amountInWords(fen: number): string {
  const words = nzh.toMoney((Math.abs(fen) / 100).toFixed(2), { outSymbol: false });
  // 整 closes a whole-yuan amount so nothing can be written after it.
  return `${fen < 0 ? '负' : ''}人民币${words}${words.endsWith('元') ? '整' : ''}`;
}
