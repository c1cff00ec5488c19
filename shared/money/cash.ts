import { z } from 'zod';
import { Id, Pin, StaffNo, Text } from '../primitives.ts';
import { DenominationCounts, PositiveFen } from './amounts.ts';

/** Why a drawer is over or short (长短款, R-CASH-5): a code for the report, a note for the detail. */
export const DifferenceReason = z.enum([
  'counting_error',
  'change_error',
  'unrecorded_sale',
  'counterfeit',
  'theft_suspected',
  'unknown',
]);
export type DifferenceReason = z.infer<typeof DifferenceReason>;

/** Someone who signs on the spot with their PIN (DESIGN §6b): it never opens a session. */
export const Signature = z.object({ staffNo: StaffNo, pin: Pin }).strict();
export type Signature = z.infer<typeof Signature>;

export const CashMoveBody = z
  .object({ direction: z.enum(['in', 'out']), amountFen: PositiveFen, reason: Text(100) })
  .strict();

export const CountBody = z
  .object({
    kind: z.enum(['spot', 'close']),
    counts: DenominationCounts,
    witness: Signature.optional(),
    /** R-CASH-5: a spot check is signed by both, the clerk with their own PIN as well as the witness. */
    clerkPin: Pin.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict();
export type CountBody = z.infer<typeof CountBody>;

export const ExplainBody = z
  .object({ reasonCode: DifferenceReason, approver: Signature, note: z.string().trim().max(200).optional() })
  .strict();

export const DepositBody = z
  .object({
    amountFen: PositiveFen,
    slipNo: z.string().trim().min(1).max(40),
    /** R-CASH-6: never alone — the second person signs with their PIN. */
    companion: Signature,
    /** Taken from the depositor's own drawer (else from the safe). */
    fromDrawer: z.boolean().default(false),
  })
  .strict();

export const InvoiceBody = z
  .object({
    invoiceNo: z
      .string()
      .trim()
      .regex(/^[A-Z0-9-]{0,12}\d{4,12}$/, 'a series prefix then its serial digits'),
    amountFen: PositiveFen,
    receiptId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const CloseDayBody = z
  .object({ approver: Signature, reasonCode: DifferenceReason.optional() })
  .strict();
/**
 * The hall's day close (on the hub): a duty manager approves with their PIN, as for a device's close.
 * `uncounted` names stations (device ids) that have not confirmed they are synced, which the manager
 * vouches took no money that day; the report lists them.
 */
export const CloseHallDayBody = z
  .object({ approver: Signature, uncounted: z.array(Id).max(50).optional() })
  .strict();
export const VoidBody = z.object({ reason: Text(200), approver: Signature }).strict();
