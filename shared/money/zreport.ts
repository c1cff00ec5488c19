import { z } from 'zod';
import type { EventPayload } from '../events/catalog.ts';
import { DayText } from '../primitives.ts';
import { PaymentMethod } from './amounts.ts';
import { sum, takenByMethod } from './receipt.ts';

const FenMap = z.record(z.string(), z.number().int());

/** What a drawer came to at the day's close. */
export const DrawerSummary = z.object({
  drawerId: z.string(),
  staffId: z.string(),
  counterNo: z.number().int(),
  floatFen: z.number().int(),
  expectedFen: z.number().int(),
  /** Null: the drawer was never counted at close (closed by the day close, marked). */
  countedFen: z.number().int().nullable(),
  differenceFen: z.number().int().nullable(),
  reasonCode: z.string().nullable(),
});
export type DrawerSummary = z.infer<typeof DrawerSummary>;

export const InvoiceSummary = z.object({
  count: z.number().int(),
  totalFen: z.number().int(),
  /** Serial numbers missing between the day's first and last of each series. */
  gaps: z.array(z.string()),
  mismatches: z.array(z.object({ invoiceNo: z.string(), reason: z.string() })),
});
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

/**
 * The Z-report (DESIGN §6b): one device's business day, written once when the day closes and served
 * byte for byte afterwards. Fiscal tills' practice: first and last numbers, a running grand total since
 * the device's first receipt, and the hash that seals the day's chain.
 */
export const ZReport = z.object({
  day: DayText,
  deviceCode: z.string(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  count: z.number().int(),
  /** Receipts taken on a closed day and counted on this one. */
  lateCount: z.number().int(),
  totalsFen: z.object({
    gross: z.number().int(),
    net: z.number().int(),
    /** Cash counts net of change. */
    byMethod: FenMap,
    byFee: FenMap,
    byClerk: FenMap,
  }),
  voids: z.object({
    count: z.number().int(),
    totalFen: z.number().int(),
    numbers: z.array(z.string()),
    /**
     * What the voids reversed, by payment method (cash net of change), so each method reads net of
     * voids as a bank's or a payment app's settlement does. Absent where a void recorded before it was
     * added is among the day's.
     */
    byMethod: FenMap.optional(),
  }),
  cashMovesFen: z.object({ in: z.number().int(), out: z.number().int() }),
  depositsFen: z.number().int(),
  overShortFen: z.number().int(),
  drawers: z.array(DrawerSummary),
  invoices: InvoiceSummary,
  grandTotalFen: z.number().int(),
  unsyncedRows: z.number().int(),
  chainHash: z.string(),
  /** The first broken link found in this device's chain when the day closed; null: the chain holds. */
  chainBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  closedAt: z.number().int(),
});
export type ZReport = z.infer<typeof ZReport>;

/** A device's money records, as the journal holds them. */
export interface MoneyFacts {
  receipts: readonly EventPayload<'receipt.recorded'>[];
  voids: readonly EventPayload<'receipt.voided'>[];
  drawers: readonly EventPayload<'drawer.opened'>[];
  moves: readonly EventPayload<'drawer.cash_moved'>[];
  counts: readonly EventPayload<'drawer.counted'>[];
  explanations: readonly EventPayload<'drawer.difference_explained'>[];
  deposits: readonly EventPayload<'deposit.recorded'>[];
  invoices: readonly EventPayload<'invoice.recorded'>[];
}

/** Cash a drawer should hold: float, cash taken less change, refunds, moves and deposits out of it. */
export function expectedCash(drawerId: string, facts: MoneyFacts): number {
  const opened = facts.drawers.find((d) => d.drawerId === drawerId);
  const mine = <T extends { drawerId: string | null }>(xs: readonly T[]) =>
    xs.filter((x) => x.drawerId === drawerId);
  return (
    (opened?.floatFen ?? 0) +
    sum(mine(facts.receipts).map((r) => r.cashFen)) -
    sum(mine(facts.voids).map((v) => v.cashFen)) +
    sum(mine(facts.moves).map((m) => (m.direction === 'in' ? m.amountFen : -m.amountFen))) -
    sum(mine(facts.deposits).map((d) => d.amountFen))
  );
}

const sortedKeys = (map: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const add = (map: Record<string, number>, key: string, fen: number) => {
  map[key] = (map[key] ?? 0) + fen;
};

/**
 * The Z-report of one day from that day's records (receipts, voids, drawers… of `day`), the receipts
 * the invoices refer to (any day), and the grand total before the day. Pure: the tests recompute it
 * from the journal and compare.
 */
export function computeZReport(input: {
  day: string;
  deviceCode: string;
  facts: MoneyFacts;
  /** Receipts invoices of the day may name, by id, with whether each was voided. */
  receiptsById: ReadonlyMap<string, { totalFen: number; voided: boolean }>;
  grandTotalBeforeFen: number;
  unsyncedRows: number;
  chainHash: string;
  chainBroken: { seq: number; reason: string } | null;
  closedAt: number;
  /** The day close's reason code, for drawers it closes uncounted or whose difference is unexplained. */
  reasonCode: string | null;
  threshold: number;
}): ZReport {
  const { facts } = input;
  const receipts = [...facts.receipts].sort((a, b) => a.seq - b.seq);
  const byMethod: Record<string, number> = {};
  const byFee: Record<string, number> = {};
  const byClerk: Record<string, number> = {};
  for (const m of PaymentMethod.options) byMethod[m] = 0;
  for (const r of receipts) {
    for (const [method, fen] of Object.entries(takenByMethod(r))) add(byMethod, method, fen);
    for (const l of r.lines) add(byFee, l.kind === 'fee' ? l.feeCode : 'BILL', l.amountFen);
    add(byClerk, r.staffId, r.totalFen);
  }
  const gross = sum(receipts.map((r) => r.totalFen));
  const voidTotal = sum(facts.voids.map((v) => v.totalFen));
  const voidsByMethod: Record<string, number> | null = facts.voids.every((v) => v.reversedFen)
    ? Object.fromEntries(PaymentMethod.options.map((m) => [m, 0]))
    : null;
  if (voidsByMethod)
    for (const v of facts.voids)
      for (const [method, fen] of Object.entries(v.reversedFen ?? {})) add(voidsByMethod, method, fen);
  const drawers: DrawerSummary[] = facts.drawers.map((d) => {
    const close = facts.counts.filter((c) => c.drawerId === d.drawerId && c.kind === 'close').at(-1);
    const explained = close && facts.explanations.find((e) => e.countId === close.countId);
    const needsReason = !close || Math.abs(close.differenceFen) > input.threshold;
    return {
      drawerId: d.drawerId,
      staffId: d.staffId,
      counterNo: d.counterNo,
      floatFen: d.floatFen,
      expectedFen: expectedCash(d.drawerId, facts),
      countedFen: close?.countedFen ?? null,
      differenceFen: close?.differenceFen ?? null,
      reasonCode: explained ? explained.reasonCode : needsReason ? input.reasonCode : null,
    };
  });
  return {
    day: input.day,
    deviceCode: input.deviceCode,
    first: receipts[0]?.number ?? null,
    last: receipts.at(-1)?.number ?? null,
    count: receipts.length,
    lateCount: receipts.filter((r) => r.lateFor !== null).length,
    // Keys in code-unit order, as the journal stores the report: the close's reply and every later read
    // of the stored report are then the same text.
    totalsFen: {
      gross,
      net: gross - voidTotal,
      byMethod: sortedKeys(byMethod),
      byFee: sortedKeys(byFee),
      byClerk: sortedKeys(byClerk),
    },
    voids: {
      count: facts.voids.length,
      totalFen: voidTotal,
      numbers: facts.voids.map((v) => v.number).sort(),
      ...(voidsByMethod ? { byMethod: sortedKeys(voidsByMethod) } : {}),
    },
    cashMovesFen: {
      in: sum(facts.moves.filter((m) => m.direction === 'in').map((m) => m.amountFen)),
      out: sum(facts.moves.filter((m) => m.direction === 'out').map((m) => m.amountFen)),
    },
    depositsFen: sum(facts.deposits.map((d) => d.amountFen)),
    overShortFen: sum(drawers.map((d) => d.differenceFen ?? 0)),
    drawers,
    invoices: summariseInvoices(facts.invoices, input.receiptsById),
    grandTotalFen: input.grandTotalBeforeFen + gross - voidTotal,
    unsyncedRows: input.unsyncedRows,
    chainHash: input.chainHash,
    chainBroken: input.chainBroken,
    closedAt: input.closedAt,
  };
}

/** R-CASH-4: the day's manual invoices, their gaps per series and the ones that disagree with receipts. */
export function summariseInvoices(
  invoices: readonly Pick<MoneyFacts['invoices'][number], 'invoiceNo' | 'amountFen' | 'receiptId'>[],
  receiptsById: ReadonlyMap<string, { totalFen: number; voided: boolean }>,
): InvoiceSummary {
  const series = new Map<string, { digits: number; serials: number[] }>();
  const mismatches: InvoiceSummary['mismatches'] = [];
  const seen = new Set<string>();
  for (const inv of invoices) {
    const [, prefix = '', digits = ''] = /^(.*?)(\d+)$/.exec(inv.invoiceNo) ?? [];
    const s = series.get(prefix) ?? { digits: digits.length, serials: [] };
    s.serials.push(Number(digits));
    series.set(prefix, s);
    if (seen.has(inv.invoiceNo)) mismatches.push({ invoiceNo: inv.invoiceNo, reason: 'duplicate' });
    seen.add(inv.invoiceNo);
    if (inv.receiptId === null) continue;
    const receipt = receiptsById.get(inv.receiptId);
    if (!receipt) mismatches.push({ invoiceNo: inv.invoiceNo, reason: 'receipt_unknown' });
    else if (receipt.voided) mismatches.push({ invoiceNo: inv.invoiceNo, reason: 'receipt_voided' });
    else if (receipt.totalFen !== inv.amountFen)
      mismatches.push({ invoiceNo: inv.invoiceNo, reason: 'amount_differs' });
  }
  const gaps: string[] = [];
  for (const [prefix, { digits, serials }] of series) {
    const sorted = [...new Set(serials)].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length && gaps.length < 100; i++)
      for (let n = sorted[i - 1]! + 1; n < sorted[i]! && gaps.length < 100; n++)
        gaps.push(`${prefix}${String(n).padStart(digits, '0')}`);
  }
  return {
    count: invoices.length,
    totalFen: sum(invoices.map((i) => i.amountFen)),
    gaps,
    mismatches,
  };
}
