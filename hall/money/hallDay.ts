import type { Db } from '../../db/open.ts';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { hallDayContract, type HallStation } from '../../shared/api/hall/money.ts';
import { DomainError } from '../../shared/errors.ts';
import { computeHallZReport, HallZReport } from '../../shared/money/hallZReport.ts';
import { deviceCode } from '../../shared/money/receipt.ts';
import { ZReport } from '../../shared/money/zreport.ts';
import { businessDay, dayBounds } from '../../shared/time/businessDay.ts';
import { countersign } from '../auth/service.ts';
import type { WriteContext } from '../context.ts';
import { command } from '../http/command.ts';
import type { Api } from '../http/route.ts';
import { invoke } from '../writer/invoke.ts';
import { stationSyncStates } from '../sync/stationReports.ts';

/** The hall's close of `day`, as this hub sealed it (migration 0022), or null while the day is open. */
export function hallClose(db: Db, hubId: string, day: string): HallZReport | null {
  const row = stmt(db, 'SELECT report FROM hall_day_closes WHERE hub_id = ? AND day = ?').get(hubId, day) as
    { report: string } | undefined;
  return row ? HallZReport.parse(JSON.parse(row.report)) : null;
}

/** Every device the hub knows took money (or opened a drawer) on `day`: its own and its stations'. */
function devicesWithMoney(db: Db, day: string): string[] {
  return stmt(
    db,
    `SELECT device_id FROM receipts WHERE day = @day
     UNION SELECT device_id FROM receipt_voids WHERE day = @day
     UNION SELECT device_id FROM drawers WHERE day = @day
     UNION SELECT device_id FROM deposits WHERE day = @day
     UNION SELECT device_id FROM manual_invoices WHERE day = @day
     ORDER BY 1`,
  )
    .pluck()
    .all({ day }) as string[];
}

/** The devices whose close of `day` has reached the hub, with their sealed reports' text. */
function closesOf(db: Db, day: string): Map<string, string> {
  const rows = stmt(db, 'SELECT device_id, report FROM day_closes WHERE day = ? ORDER BY device_id').all(
    day,
  ) as { device_id: string; report: string }[];
  return new Map(rows.map((r) => [r.device_id, r.report]));
}

/**
 * The hub's stations as the hall's close of `day` sees them. A station is confirmed when its close of
 * the day is here (a closed day takes nothing more: late records go to the next day), or when it last
 * said how far its journal goes after the day had ended and the hub holds all of that. Otherwise its
 * money of the day may never have reached the hub, and the hub cannot tell that from a day without
 * money: a word from before the day's end says nothing of what it took after.
 */
export function hallStations(db: Db, day: string): HallStation[] {
  const closes = closesOf(db, day);
  const dayEnd = dayBounds(day, read.settings(db).timeZone).to;
  return stationSyncStates(db).map((s) => {
    const dayClosed = closes.has(s.deviceId);
    const toldAfterDay = s.lastHeardAt !== null && s.lastHeardAt >= dayEnd && s.pending === 0;
    return {
      deviceId: s.deviceId,
      name: s.name,
      deviceCode: deviceCode(s.deviceId),
      counterNo: s.counterNo,
      lastHeardAt: s.lastHeardAt,
      pending: s.pending,
      confirmed: dayClosed || toldAfterDay,
      dayClosed,
    };
  });
}

/**
 * R-CASH-2, per hall: the hub closes the hall's day once every device that took money that day has
 * closed its own and that close has reached the hub, and every station is confirmed (see
 * hallStations); the hall Z-report is the sum of their sealed reports. A station that has not
 * confirmed is closed without only on the approving manager's word that it took no money that day
 * (`uncounted`), and the report lists it.
 */
export function closeHallDay(
  ctx: WriteContext,
  c: { day: string; staffId: string; approverId: string; uncounted: readonly string[] },
) {
  if (ctx.role !== 'hub') throw new DomainError('E_FORBIDDEN');
  if (c.day > businessDay(ctx.clock.now(), read.settings(ctx.db).timeZone))
    throw new DomainError('E_DAY_NOT_ENDED');
  if (hallClose(ctx.db, ctx.deviceId, c.day)) throw new DomainError('E_HALL_DAY_CLOSED', { day: c.day });
  const closes = closesOf(ctx.db, c.day);
  const names = new Map(read.devices(ctx.db).map((d) => [d.deviceId, d.name]));
  // The hub itself is no paired device: it is named by its code alone.
  const label = (id: string) => (names.has(id) ? `${names.get(id)} (${deviceCode(id)})` : deviceCode(id));
  const open = devicesWithMoney(ctx.db, c.day).filter((id) => !closes.has(id));
  if (open.length > 0) throw new DomainError('E_HALL_DEVICES_OPEN', { devices: open.map(label).join(', ') });
  const stations = hallStations(ctx.db, c.day);
  for (const id of c.uncounted)
    if (!stations.some((s) => s.deviceId === id)) throw new DomainError('E_NOT_FOUND', { what: id });
  // A station named uncounted that has confirmed meanwhile is counted as any other.
  const unconfirmed = stations.filter((s) => !s.confirmed);
  const waiting = unconfirmed.filter((s) => !c.uncounted.includes(s.deviceId));
  if (waiting.length > 0)
    throw new DomainError('E_HALL_STATIONS_UNCONFIRMED', {
      devices: waiting.map((s) => label(s.deviceId)).join(', '),
    });
  const reports = [...closes.values()].map((r) => ZReport.parse(JSON.parse(r)));
  const report = computeHallZReport(
    c.day,
    reports,
    ctx.clock.now(),
    unconfirmed.map((s) => ({ deviceCode: s.deviceCode, name: s.name, lastHeardAt: s.lastHeardAt })),
  );
  ctx.journal.append(
    'hall_day.closed',
    { day: c.day, staffId: c.staffId, approverId: c.approverId, report },
    c.staffId,
  );
  return report;
}

/** The hall's day close and its report, on the hub (stations forward these routes to it). */
export function hallDayRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(hallDayContract, {
    closeHallDay: command(async ({ principal, params, body }) => {
      if (principal.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
      const approver = await countersign(ctx, body.approver, ['manager', 'admin']);
      return invoke('closeHallDay', {
        day: params.day,
        staffId: principal.staffId,
        approverId: approver.id,
        uncounted: body.uncounted ?? [],
      });
    }),
    hallStations: ({ params }) => hallStations(ctx.db, params.day),
    hallZReport: ({ params }) => {
      const report = hallClose(ctx.db, ctx.deviceId, params.day);
      if (!report) throw new DomainError('E_HALL_DAY_OPEN', { day: params.day });
      return report;
    },
  });
}
