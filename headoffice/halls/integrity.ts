import type { IntegrityMismatchT, DeviceAckT } from '../../shared/sync/protocol.ts';
import type { HoContext } from '../context.ts';

/**
 * What head office acknowledged for each device of a hall: its cursor and the hash of the row there
 * (issue 9). A hall whose journal differs at or before these rows has rewritten or lost history.
 */
export async function hallAcks(ctx: HoContext, hallId: string): Promise<DeviceAckT[]> {
  const rows = await ctx.sql.query<{ device_id: string; acked_seq: number; last_hash: string }>(
    'SELECT device_id, acked_seq, last_hash FROM device_cursors WHERE hall_id = $1 ORDER BY device_id',
    [hallId],
  );
  return rows.map((r) => ({ deviceId: r.device_id, ackedSeq: Number(r.acked_seq), hash: r.last_hash }));
}

/** A hub's report that its journal does not match what head office acknowledged: kept for the console. */
export async function recordIntegrityReport(
  ctx: HoContext,
  hub: { deviceId: string; hallId: string },
  mismatches: IntegrityMismatchT[],
): Promise<{ id: string; reportedAt: number }> {
  const id = ctx.ids.next();
  const reportedAt = ctx.clock.now();
  await ctx.sql.query(
    `INSERT INTO integrity_reports (id, hall_id, reported_by, reported_at, mismatches) VALUES ($1, $2, $3, $4, $5)`,
    [id, hub.hallId, hub.deviceId, reportedAt, JSON.stringify(mismatches)],
  );
  return { id, reportedAt };
}

/** The latest report per hall, for the console's halls view. */
export async function latestIntegrityReports(
  ctx: HoContext,
): Promise<Map<string, { reportedAt: number; reportedBy: string; mismatches: IntegrityMismatchT[] }>> {
  const rows = await ctx.sql.query<{
    hall_id: string;
    reported_at: number;
    reported_by: string;
    mismatches: string;
  }>(
    `SELECT DISTINCT ON (hall_id) hall_id, reported_at, reported_by, mismatches FROM integrity_reports
     ORDER BY hall_id, reported_at DESC, id DESC`,
  );
  return new Map(
    rows.map((r) => [
      r.hall_id,
      {
        reportedAt: Number(r.reported_at),
        reportedBy: r.reported_by,
        mismatches: JSON.parse(r.mismatches) as IntegrityMismatchT[],
      },
    ]),
  );
}
