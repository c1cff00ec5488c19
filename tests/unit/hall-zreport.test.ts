import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeHallZReport, HallZReport } from '../../shared/money/hallZReport.ts';
import type { ZReport } from '../../shared/money/zreport.ts';

/** Any fen amount a day could hold, including negatives where a report allows them (net, over/short). */
const fen = fc.integer({ min: -50_000_000, max: 50_000_000 });
const fenMap = (keys: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...keys), fen, { maxKeys: keys.length });

/** A device's sealed Z-report: the hall report reads only its figures, so those are what vary here. */
const zReport = (deviceCode: string): fc.Arbitrary<ZReport> =>
  fc
    .record({
      count: fc.nat(5_000),
      lateCount: fc.nat(50),
      gross: fen,
      net: fen,
      byMethod: fenMap(['cash', 'card', 'wechat', 'alipay', 'cheque']),
      byFee: fenMap(['F01', 'F02', 'F05', 'BILL']),
      byClerk: fenMap(['clerk-1', 'clerk-2', 'manager']),
      voids: fc.array(fc.nat(999), { maxLength: 5 }),
      voidFen: fen,
      // Absent on a report made before voids said what they reversed by method.
      voidsByMethod: fc.option(fenMap(['cash', 'card', 'wechat', 'alipay', 'cheque']), { nil: undefined }),
      moveIn: fc.nat(1_000_000),
      moveOut: fc.nat(1_000_000),
      deposits: fc.nat(10_000_000),
      overShort: fen,
      invoiceCount: fc.nat(20),
      invoiceFen: fc.nat(1_000_000),
      grand: fen,
      broken: fc.boolean(),
    })
    .map((x) => ({
      day: '2026-01-05',
      deviceCode,
      first: x.count ? `${deviceCode}-000001` : null,
      last: x.count ? `${deviceCode}-${String(x.count).padStart(6, '0')}` : null,
      count: x.count,
      lateCount: x.lateCount,
      totalsFen: { gross: x.gross, net: x.net, byMethod: x.byMethod, byFee: x.byFee, byClerk: x.byClerk },
      voids: {
        count: x.voids.length,
        totalFen: x.voidFen,
        numbers: x.voids.map((n) => `${deviceCode}-${String(n).padStart(6, '0')}`),
        ...(x.voidsByMethod ? { byMethod: x.voidsByMethod } : {}),
      },
      cashMovesFen: { in: x.moveIn, out: x.moveOut },
      depositsFen: x.deposits,
      overShortFen: x.overShort,
      drawers: [],
      invoices: { count: x.invoiceCount, totalFen: x.invoiceFen, gaps: [], mismatches: [] },
      grandTotalFen: x.grand,
      unsyncedRows: 0,
      chainHash: `hash-${deviceCode}`,
      chainBroken: x.broken ? { seq: 3, reason: 'hash does not match the row contents' } : null,
      closedAt: Date.UTC(2026, 0, 5, 10),
    }));

const devices = fc
  .uniqueArray(fc.stringMatching(/^[A-Z0-9]{6}$/), { maxLength: 6 })
  .chain((codes) => fc.tuple(...codes.map(zReport)));

/** What a device's line in the hall report carries over from its Z-report, under the same name. */
const CARRIED = [
  'deviceCode',
  'first',
  'last',
  'count',
  'grandTotalFen',
  'chainHash',
  'chainBroken',
  'closedAt',
] as const satisfies readonly (keyof ZReport)[];

/** The straightforward recomputation: every figure summed device by device, key by key. */
function sumOf(reports: readonly ZReport[], pick: (r: ZReport) => number): number {
  let total = 0;
  for (const r of reports) total += pick(r);
  return total;
}
function mapSum(reports: readonly ZReport[], pick: (r: ZReport) => Record<string, number>) {
  const out: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(pick(r))) out[k] = (out[k] ?? 0) + v;
  return out;
}

describe('the hall Z-report (issue 11: per clerk, then per hall)', () => {
  it('R-CASH-2: for any devices’ sealed Z-reports the hall totals equal the sum of the devices’ totals, exact in fen', () => {
    fc.assert(
      fc.property(devices, (reports) => {
        const hall = computeHallZReport('2026-01-05', reports, 42);
        expect(HallZReport.parse(hall)).toEqual(hall);
        expect(hall.count).toBe(sumOf(reports, (r) => r.count));
        expect(hall.lateCount).toBe(sumOf(reports, (r) => r.lateCount));
        expect(hall.totalsFen.gross).toBe(sumOf(reports, (r) => r.totalsFen.gross));
        expect(hall.totalsFen.net).toBe(sumOf(reports, (r) => r.totalsFen.net));
        expect(hall.totalsFen.byMethod).toEqual(mapSum(reports, (r) => r.totalsFen.byMethod));
        expect(hall.totalsFen.byFee).toEqual(mapSum(reports, (r) => r.totalsFen.byFee));
        expect(hall.totalsFen.byClerk).toEqual(mapSum(reports, (r) => r.totalsFen.byClerk));
        expect(hall.voids.count).toBe(sumOf(reports, (r) => r.voids.count));
        expect(hall.voids.totalFen).toBe(sumOf(reports, (r) => r.voids.totalFen));
        expect(hall.voids.numbers).toHaveLength(hall.voids.count);
        // By method only when every device that voided anything said it by method.
        const known = reports.every((r) => r.voids.byMethod || r.voids.count === 0);
        expect(hall.voids.byMethod).toEqual(
          known ? mapSum(reports, (r) => r.voids.byMethod ?? {}) : undefined,
        );
        expect(hall.cashMovesFen).toEqual({
          in: sumOf(reports, (r) => r.cashMovesFen.in),
          out: sumOf(reports, (r) => r.cashMovesFen.out),
        });
        expect(hall.depositsFen).toBe(sumOf(reports, (r) => r.depositsFen));
        expect(hall.overShortFen).toBe(sumOf(reports, (r) => r.overShortFen));
        expect(hall.invoices).toEqual({
          count: sumOf(reports, (r) => r.invoices.count),
          totalFen: sumOf(reports, (r) => r.invoices.totalFen),
        });
        expect(hall.grandTotalFen).toBe(sumOf(reports, (r) => r.grandTotalFen));
        // Each device's line is its own report's: numbers, chain hash, grand total and any broken link.
        expect(hall.devices.map((d) => d.deviceCode)).toEqual(reports.map((r) => r.deviceCode).sort());
        for (const r of reports)
          expect(hall.devices.find((d) => d.deviceCode === r.deviceCode)).toEqual({
            ...Object.fromEntries(CARRIED.map((k) => [k, r[k]])),
            grossFen: r.totalsFen.gross,
            netFen: r.totalsFen.net,
          });
      }),
    );
  });

  it('R-CASH-2: the same reports in any order give the same text (the sealed report is stable)', () => {
    fc.assert(
      fc.property(devices, (reports) => {
        const once = JSON.stringify(computeHallZReport('2026-01-05', reports, 1));
        expect(JSON.stringify(computeHallZReport('2026-01-05', [...reports].reverse(), 1))).toBe(once);
      }),
    );
  });
});
