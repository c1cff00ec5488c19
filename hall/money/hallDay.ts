import type { Db } from '../../db/open.ts';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { hallDayContract } from '../../shared/api/hall/money.ts';
import { DomainError } from '../../shared/errors.ts';
import { computeHallZReport, HallZReport } from '../../shared/money/hallZReport.ts';
import { deviceCode } from '../../shared/money/receipt.ts';
import { ZReport } from '../../shared/money/zreport.ts';
import { businessDay } from '../../shared/time/businessDay.ts';
import { countersign } from '../auth/service.ts';
import type { WriteContext } from '../context.ts';
import { command } from '../http/command.ts';
import type { Api } from '../http/route.ts';
import { invoke } from '../writer/invoke.ts';

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

/**
 * R-CASH-2, per hall: the hub closes the hall's day once every device that took money that day has
 * closed its own and that close has reached the hub; the hall Z-report is the sum of their sealed
 * reports. A device whose money never reached the hub is not known here: the hall close can only
 * vouch for what was synced (each device report carries its own unsynced count).
 */
export function closeHallDay(ctx: WriteContext, c: { day: string; staffId: string; approverId: string }) {
  if (ctx.role !== 'hub') throw new DomainError('E_FORBIDDEN');
  if (c.day > businessDay(ctx.clock.now(), read.settings(ctx.db).timeZone))
    throw new DomainError('E_DAY_NOT_ENDED');
  if (hallClose(ctx.db, ctx.deviceId, c.day)) throw new DomainError('E_HALL_DAY_CLOSED', { day: c.day });
  const closes = new Map(
    (
      stmt(ctx.db, 'SELECT device_id, report FROM day_closes WHERE day = ? ORDER BY device_id').all(
        c.day,
      ) as {
        device_id: string;
        report: string;
      }[]
    ).map((r) => [r.device_id, r.report]),
  );
  const open = devicesWithMoney(ctx.db, c.day).filter((id) => !closes.has(id));
  if (open.length > 0) {
    const names = new Map(read.devices(ctx.db).map((d) => [d.deviceId, d.name]));
    // The hub itself is no paired device: it is named by its code alone.
    const label = (id: string) => (names.has(id) ? `${names.get(id)} (${deviceCode(id)})` : deviceCode(id));
    throw new DomainError('E_HALL_DEVICES_OPEN', { devices: open.map(label).join(', ') });
  }
  const reports = [...closes.values()].map((r) => ZReport.parse(JSON.parse(r)));
  const report = computeHallZReport(c.day, reports, ctx.clock.now());
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
      return invoke('closeHallDay', { day: params.day, staffId: principal.staffId, approverId: approver.id });
    }),
    hallZReport: ({ params }) => {
      const report = hallClose(ctx.db, ctx.deviceId, params.day);
      if (!report) throw new DomainError('E_HALL_DAY_OPEN', { day: params.day });
      return report;
    },
  });
}
