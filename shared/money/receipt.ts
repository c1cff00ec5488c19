import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { Id } from '../primitives.ts';
import { Fen, PaymentMethod, PositiveFen } from './amounts.ts';
import { FeeCode, type Fee } from './fees.ts';

/** A utility account number as printed on a bill. */
export const Account = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,32}$/, '4–32 letters, digits or -');
/** A card slip, scan, or cheque number as the terminal or cheque shows it. */
export const PaymentReference = z.string().trim().min(1).max(40);

export const ReceiptLineInput = z.union([
  z.object({ feeCode: FeeCode, qty: z.number().int('whole quantities').min(1).max(9_999) }).strict(),
  z.object({ kind: z.literal('bill'), account: Account, amountFen: PositiveFen }).strict(),
]);
export type ReceiptLineInput = z.infer<typeof ReceiptLineInput>;

export const PaymentInput = z
  .object({ method: PaymentMethod, amountFen: PositiveFen, reference: PaymentReference.optional() })
  .strict()
  // R-CASH-1 has no gateway: what proves a non-cash payment is the number on its slip or scan.
  .refine((p) => p.method === 'cash' || p.reference !== undefined, {
    message: 'a card, scan or cheque payment needs its reference number',
    path: ['reference'],
  });
export type PaymentInput = z.infer<typeof PaymentInput>;

export const ReceiptBody = z
  .object({
    ticketId: Id.optional(),
    lines: z.array(ReceiptLineInput).min(1).max(50),
    payments: z.array(PaymentInput).min(1).max(5),
  })
  .strict();
export type ReceiptBody = z.infer<typeof ReceiptBody>;

/** A receipt line as the journal keeps it: the price it was charged at, not the schedule's later one. */
export const ReceiptLine = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fee'),
    feeCode: FeeCode,
    name: z.string(),
    nameEn: z.string(),
    unit: z.string(),
    unitPriceFen: Fen,
    qty: z.number().int().min(1),
    amountFen: Fen,
  }),
  z.object({ kind: z.literal('bill'), account: Account, amountFen: PositiveFen }),
]);
export type ReceiptLine = z.infer<typeof ReceiptLine>;

export const Payment = z.object({
  method: PaymentMethod,
  amountFen: PositiveFen,
  reference: z.string().nullable(),
});
export type Payment = z.infer<typeof Payment>;

export interface PricedReceipt {
  lines: ReceiptLine[];
  payments: Payment[];
  totalFen: number;
  paidFen: number;
  changeFen: number;
  /** What the drawer gains: cash paid less the change given back. */
  cashFen: number;
}

/**
 * Prices a receipt by the schedule in force (R-FEE-1) and works out the change (R-CASH-1). Change comes
 * only from cash: paying ¥100 by card for a ¥30 bill is refused, not "¥70 change".
 */
export function priceReceipt(
  body: Pick<ReceiptBody, 'lines' | 'payments'>,
  fees: readonly Fee[],
): PricedReceipt {
  const schedule = new Map(fees.map((f) => [f.code, f]));
  const lines: ReceiptLine[] = body.lines.map((line) => {
    if ('kind' in line) return { kind: 'bill', account: line.account, amountFen: line.amountFen };
    const fee = schedule.get(line.feeCode);
    if (!fee) throw new DomainError('E_FEE_UNKNOWN', { code: line.feeCode });
    return {
      kind: 'fee',
      feeCode: fee.code,
      name: fee.name,
      nameEn: fee.nameEn,
      unit: fee.unit,
      unitPriceFen: fee.priceFen,
      qty: line.qty,
      amountFen: fee.priceFen * line.qty,
    };
  });
  const payments: Payment[] = body.payments.map((p) => ({
    method: p.method,
    amountFen: p.amountFen,
    reference: p.reference ?? null,
  }));
  const totalFen = sum(lines.map((l) => l.amountFen));
  const paidFen = sum(payments.map((p) => p.amountFen));
  const cashPaid = sum(payments.filter((p) => p.method === 'cash').map((p) => p.amountFen));
  if (totalFen === 0) throw new DomainError('E_RECEIPT_EMPTY');
  if (paidFen < totalFen) throw new DomainError('E_UNDERPAID', { due: totalFen, paid: paidFen });
  const changeFen = paidFen - totalFen;
  if (changeFen > cashPaid) throw new DomainError('E_CHANGE_NOT_CASH');
  return { lines, payments, totalFen, paidFen, changeFen, cashFen: cashPaid - changeFen };
}

export const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** What a receipt took by payment method: cash net of the change given, the others as paid. */
export function takenByMethod(r: {
  payments: readonly { method: PaymentMethod; amountFen: number }[];
  cashFen: number;
}): Partial<Record<PaymentMethod, number>> {
  const taken: Partial<Record<PaymentMethod, number>> = { cash: r.cashFen };
  for (const p of r.payments) if (p.method !== 'cash') taken[p.method] = (taken[p.method] ?? 0) + p.amountFen;
  return taken;
}

/** A device's receipt number, `<deviceCode>-<n>`: gapless per device, never reused. */
export const receiptNumber = (deviceCode: string, seq: number): string =>
  `${deviceCode}-${String(seq).padStart(6, '0')}`;

/** The short code a device's receipt numbers start with: the random tail of its id. */
export const deviceCode = (deviceId: string): string =>
  deviceId
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-6)
    .toUpperCase();
