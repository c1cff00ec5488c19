import { z } from 'zod';
import { Fen, PaymentMethod } from '../../money/amounts.ts';
import {
  CashMoveBody,
  CloseDayBody,
  CloseHallDayBody,
  CountBody,
  DepositBody,
  ExplainBody,
  InvoiceBody,
  VoidBody,
} from '../../money/cash.ts';
import { Fee } from '../../money/fees.ts';
import { Payment, ReceiptBody, ReceiptLine } from '../../money/receipt.ts';
import { HallZReport } from '../../money/hallZReport.ts';
import { InvoiceSummary, ZReport } from '../../money/zreport.ts';
import { DayText, Id } from '../../primitives.ts';
import { IdempotencyHeader } from '../contract.ts';
import { hallRoutes } from './access.ts';
import { DayParams, DayQuery, IdParams } from './params.ts';

export const ReceiptReply = z.object({
  id: Id,
  number: z.string(),
  day: DayText,
  totalFen: Fen,
  paidFen: Fen,
  changeFen: Fen,
});

/** A receipt in a day's list: what its reply said, who took it where and when, and its void if any. */
export const ReceiptSummary = ReceiptReply.pick({ id: true, number: true, day: true, totalFen: true }).extend(
  {
    counterNo: z.number().int(),
    staffId: Id,
    recordedAt: z.number().int(),
    voidedBy: Id.optional(),
  },
);

/** A receipt as it prints: the hall, the clerk, its lines and payments, and how often it was reprinted. */
export const ReceiptView = ReceiptSummary.extend({
  hallName: z.string(),
  staffNo: z.string(),
  staffName: z.string(),
  ticketNumber: z.string().nullable(),
  lateFor: DayText.nullable(),
  lines: z.array(ReceiptLine),
  payments: z.array(Payment),
  paidFen: Fen,
  changeFen: Fen,
  reprints: z.number().int(),
  void: z
    .object({ id: Id, reason: z.string(), approverName: z.string(), recordedAt: z.number().int() })
    .nullable(),
});

/** A clerk's drawer today. The expected cash is a manager's to see: the clerk counts blind (R-CASH-5). */
export const DrawerView = z.object({
  drawerId: Id,
  day: DayText,
  floatFen: Fen,
  receipts: z.number().int(),
  closed: z.boolean(),
  /** R-CASH-3: cash on hand is above the limit; deposit the excess. */
  overLimit: z.boolean(),
  expectedFen: z.number().int().optional(),
});

export const CountReply = z.object({
  countId: Id,
  expectedFen: z.number().int(),
  countedFen: Fen,
  differenceFen: z.number().int(),
  needsReason: z.boolean(),
});

/** One node's cash for a day, for the duty manager: every drawer, the deposits, and whether it closed. */
export const CashOverview = z.object({
  day: DayText,
  deviceCode: z.string(),
  closed: z.boolean(),
  limitFen: Fen,
  thresholdFen: Fen,
  drawers: z.array(
    z.object({
      drawerId: Id,
      /** The node the drawer is on: a hub shows its stations' drawers too. */
      deviceCode: z.string(),
      staffId: Id,
      staffName: z.string(),
      counterNo: z.number().int(),
      floatFen: Fen,
      expectedFen: z.number().int(),
      receipts: z.number().int(),
      totalFen: z.number().int(),
      overLimit: z.boolean(),
      lastCount: z
        .object({
          countId: Id,
          kind: z.enum(['spot', 'close']),
          countedFen: Fen,
          differenceFen: z.number().int(),
          reasonCode: z.string().nullable(),
        })
        .nullable(),
      closed: z.boolean(),
    }),
  ),
  deposits: z.array(
    z.object({ id: Id, amountFen: Fen, slipNo: z.string(), staffNames: z.array(z.string()) }),
  ),
  byMethod: z.record(PaymentMethod, z.number().int()),
});

export const moneyContract = hallRoutes({
  fees: {
    method: 'GET',
    url: '/fees',
    summary: 'The fee schedule in force (R-FEE-1; reference data from head office)',
    tag: 'money',
    access: 'any-token',
    reply: z.array(Fee),
  },
  recordReceipt: {
    method: 'POST',
    url: '/receipts',
    summary: 'Take a payment: items from the schedule or a bill by account; change only from cash (R-CASH-1)',
    tag: 'money',
    access: ['clerk'],
    body: ReceiptBody,
    headers: IdempotencyHeader,
    reply: ReceiptReply,
    status: 201,
    idempotent: true,
  },
  voidReceipt: {
    method: 'POST',
    url: '/receipts/:id/void',
    summary: 'Void a receipt, approved on the spot by another duty manager',
    tag: 'money',
    access: ['clerk'],
    params: IdParams,
    body: VoidBody,
    headers: IdempotencyHeader,
    reply: z.object({ id: Id, voids: Id, number: z.string() }),
    status: 201,
    idempotent: true,
  },
  receipts: {
    method: 'GET',
    url: '/receipts',
    summary: "A day's receipts: a clerk's own, a manager's all",
    tag: 'money',
    access: ['clerk'],
    query: DayQuery,
    reply: z.array(ReceiptSummary),
  },
  receipt: {
    method: 'GET',
    url: '/receipts/:id',
    summary: 'One receipt as it prints',
    tag: 'money',
    access: ['clerk'],
    params: IdParams,
    reply: ReceiptView,
  },
  reprintReceipt: {
    method: 'POST',
    url: '/receipts/:id/reprints',
    summary: 'Record a reprint (the slip says 重打 and the count)',
    tag: 'money',
    access: ['clerk'],
    params: IdParams,
    headers: IdempotencyHeader,
    reply: z.object({ receiptId: Id, reprints: z.number().int() }),
    status: 201,
    idempotent: true,
  },
  openDrawer: {
    method: 'POST',
    url: '/drawer/open',
    summary: "Open the clerk's drawer for the day with a float",
    tag: 'money',
    access: ['clerk'],
    body: z.object({ floatFen: Fen }).strict(),
    headers: IdempotencyHeader,
    reply: z.object({ drawerId: Id, day: DayText, floatFen: Fen }),
    status: 201,
    idempotent: true,
  },
  drawer: {
    method: 'GET',
    url: '/drawer',
    summary: "The clerk's drawer today (204: none open)",
    tag: 'money',
    access: ['clerk'],
    reply: DrawerView,
    empty: 'no drawer is open today',
  },
  moveCash: {
    method: 'POST',
    url: '/drawer/moves',
    summary: 'Cash put into or taken out of the drawer, with the reason',
    tag: 'money',
    access: ['clerk'],
    body: CashMoveBody,
    headers: IdempotencyHeader,
    reply: z.object({ moveId: Id }),
    status: 201,
    idempotent: true,
  },
  countDrawer: {
    method: 'POST',
    url: '/drawer/counts',
    summary: 'A blind count by denomination (spot: witnessed by a duty manager; close: ends the drawer)',
    tag: 'money',
    access: ['clerk'],
    body: CountBody,
    headers: IdempotencyHeader,
    reply: CountReply,
    status: 201,
    idempotent: true,
  },
  explainDifference: {
    method: 'POST',
    url: '/drawer/counts/:id/explanation',
    summary: 'The cause of an over/short, approved by a duty manager who is not the drawer’s clerk',
    tag: 'money',
    access: ['clerk'],
    params: IdParams,
    body: ExplainBody,
    headers: IdempotencyHeader,
    reply: z.object({ countId: Id, reasonCode: z.string() }),
    status: 201,
    idempotent: true,
  },
  recordDeposit: {
    method: 'POST',
    url: '/deposits',
    summary: 'A bank deposit, made by two people (R-CASH-6)',
    tag: 'money',
    access: ['clerk'],
    body: DepositBody,
    headers: IdempotencyHeader,
    reply: z.object({ depositId: Id, day: DayText }),
    status: 201,
    idempotent: true,
  },
  recordInvoice: {
    method: 'POST',
    url: '/invoices',
    summary: 'A manual invoice used (R-CASH-4)',
    tag: 'money',
    access: ['clerk'],
    body: InvoiceBody,
    headers: IdempotencyHeader,
    reply: z.object({ invoiceId: Id, day: DayText }),
    status: 201,
    idempotent: true,
  },
  invoices: {
    method: 'GET',
    url: '/invoices',
    summary: "A day's manual invoices against the receipts: gaps and mismatches (R-CASH-4)",
    tag: 'money',
    access: ['manager'],
    query: DayQuery,
    reply: z.object({
      day: DayText,
      invoices: z.array(
        z.object({ id: Id, invoiceNo: z.string(), amountFen: Fen, receiptNumber: z.string().nullable() }),
      ),
      summary: InvoiceSummary,
    }),
  },
  cash: {
    method: 'GET',
    url: '/cash',
    summary: "This node's drawers, deposits and takings of a day, for the duty manager",
    tag: 'money',
    access: ['manager'],
    query: DayQuery,
    reply: CashOverview,
  },
  closeDay: {
    method: 'POST',
    url: '/days/:day/close',
    summary: "Close this node's business day once and print its Z-report (R-CASH-2)",
    tag: 'money',
    access: ['manager'],
    params: DayParams,
    body: CloseDayBody,
    headers: IdempotencyHeader,
    reply: ZReport,
    status: 201,
    idempotent: true,
  },
  zReport: {
    method: 'GET',
    url: '/days/:day/z-report',
    summary: 'The Z-report as it was written at the close, for ever',
    tag: 'money',
    access: ['manager'],
    params: DayParams,
    reply: ZReport,
  },
});

/**
 * A station as the hall's day close sees it (R-CASH-2): whether it has told the hub, lately, that the
 * hub holds every record it has, and whether its own close of the day has arrived.
 */
export const HallStation = z.object({
  deviceId: Id,
  name: z.string(),
  deviceCode: z.string(),
  counterNo: z.number().int().nullable(),
  /** When it last said how far its journal goes; null if it never has (or runs an older build). */
  lastHeardAt: z.number().int().nullable(),
  /** Records it has that the hub has not received, as of that moment; null if never heard. */
  pending: z.number().int().nullable(),
  /**
   * Its money for the day is all here: its close of the day has arrived, or its last word came after
   * the day ended and the hub holds everything it named.
   */
  confirmed: z.boolean(),
  dayClosed: z.boolean(),
});
export type HallStation = z.infer<typeof HallStation>;

/**
 * The hall's day (issue 11: per clerk, then per hall), on the hub only: a station has no such routes,
 * so its catch-all forwards them to the hub, which holds every device's sealed close.
 */
export const hallDayContract = hallRoutes({
  closeHallDay: {
    method: 'POST',
    url: '/hall-days/:day/close',
    summary: "Close the hall's business day once every device that took money has closed its own (R-CASH-2)",
    tag: 'money',
    access: ['manager'],
    params: DayParams,
    body: CloseHallDayBody,
    headers: IdempotencyHeader,
    reply: HallZReport,
    status: 201,
    idempotent: true,
  },
  hallStations: {
    method: 'GET',
    url: '/hall-days/:day/stations',
    summary: "The hall's stations and whether each has confirmed it is synced, before the hall's close",
    tag: 'money',
    access: ['manager'],
    params: DayParams,
    reply: z.array(HallStation),
  },
  hallZReport: {
    method: 'GET',
    url: '/hall-days/:day/z-report',
    summary: "The hall Z-report as it was written at the hall's close",
    tag: 'money',
    access: ['manager'],
    params: DayParams,
    reply: HallZReport,
  },
});
