import { z } from 'zod';
import { DayText } from '../primitives.ts';
import { sum } from './receipt.ts';
import { ZReport } from './zreport.ts';

const { deviceCode, first, last, count, grandTotalFen, chainHash, chainBroken, closedAt } = ZReport.shape;

/** One device's sealed day as the hall report lists it: enough to find and check its own Z-report. */
export const HallDeviceLine = z.object({
  // The fields its Z-report has are taken from it, so the two cannot drift; gross and net are its totals.
  deviceCode,
  first,
  last,
  count,
  grossFen: z.number().int(),
  netFen: z.number().int(),
  grandTotalFen,
  chainHash,
  /** The device's own finding at its close: a hall report never hides a broken chain. */
  chainBroken,
  closedAt,
});
export type HallDeviceLine = z.infer<typeof HallDeviceLine>;

/**
 * A station the hall's day was closed without (R-CASH-2): at the close it had not told the hub that
 * the hub holds all its records, and the approving manager vouched that it took no money that day.
 */
export const HallUncountedStation = z.object({
  deviceCode: z.string(),
  name: z.string(),
  /** When it last told the hub how far its journal goes; null if it never has. */
  lastHeardAt: z.number().int().nullable(),
});
export type HallUncountedStation = z.infer<typeof HallUncountedStation>;

/**
 * The hall's Z-report (issue 11: "day close per clerk, then per hall"): the sum of its devices' sealed
 * Z-reports for the day, written once by the hub when every device that took money has closed and its
 * close has reached the hub. Made only from the devices' reports, so a device's figures read the same
 * in its own report and in the hall's.
 */
export const HallZReport = z.object({
  day: DayText,
  devices: z.array(HallDeviceLine),
  count: z.number().int(),
  lateCount: z.number().int(),
  // The same shapes as a device's report: the hall's are their sums.
  totalsFen: ZReport.shape.totalsFen,
  voids: ZReport.shape.voids,
  cashMovesFen: ZReport.shape.cashMovesFen,
  depositsFen: z.number().int(),
  overShortFen: z.number().int(),
  invoices: z.object({ count: z.number().int(), totalFen: z.number().int() }),
  /** The devices' running grand totals added up. */
  grandTotalFen: z.number().int(),
  closedAt: z.number().int(),
  /** Stations not counted, on the manager's word; absent when every station confirmed (and before 0023). */
  uncounted: z.array(HallUncountedStation).optional(),
});
export type HallZReport = z.infer<typeof HallZReport>;

/** Adds maps key by key; keys in code-unit order, as the device reports keep theirs (stable JSON). */
function addMaps(maps: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of maps) for (const [k, fen] of Object.entries(m)) out[k] = (out[k] ?? 0) + fen;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The hall's day from its devices' sealed Z-reports of that day. Pure and exact in fen. */
export function computeHallZReport(
  day: string,
  reports: readonly ZReport[],
  closedAt: number,
  uncounted: readonly HallUncountedStation[] = [],
): HallZReport {
  const devices = [...reports].sort((a, b) => (a.deviceCode < b.deviceCode ? -1 : 1));
  const total = (f: (r: ZReport) => number) => sum(devices.map(f));
  return {
    day,
    // A device's line: the fields it shares with the device's Z-report (the schema keeps just those),
    // and that report's gross and net.
    devices: devices.map((r) =>
      HallDeviceLine.parse({ ...r, grossFen: r.totalsFen.gross, netFen: r.totalsFen.net }),
    ),
    count: total((r) => r.count),
    lateCount: total((r) => r.lateCount),
    totalsFen: {
      gross: total((r) => r.totalsFen.gross),
      net: total((r) => r.totalsFen.net),
      byMethod: addMaps(devices.map((r) => r.totalsFen.byMethod)),
      byFee: addMaps(devices.map((r) => r.totalsFen.byFee)),
      byClerk: addMaps(devices.map((r) => r.totalsFen.byClerk)),
    },
    voids: {
      count: total((r) => r.voids.count),
      totalFen: total((r) => r.voids.totalFen),
      numbers: devices.flatMap((r) => r.voids.numbers).sort(),
      // By method only where every device's report says it (one made before it was added may not).
      ...(devices.every((r) => r.voids.byMethod || r.voids.count === 0)
        ? { byMethod: addMaps(devices.map((r) => r.voids.byMethod ?? {})) }
        : {}),
    },
    cashMovesFen: { in: total((r) => r.cashMovesFen.in), out: total((r) => r.cashMovesFen.out) },
    depositsFen: total((r) => r.depositsFen),
    overShortFen: total((r) => r.overShortFen),
    invoices: { count: total((r) => r.invoices.count), totalFen: total((r) => r.invoices.totalFen) },
    grandTotalFen: total((r) => r.grandTotalFen),
    closedAt,
    ...(uncounted.length > 0 ? { uncounted: [...uncounted] } : {}),
  };
}
