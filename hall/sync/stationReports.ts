import type { Db } from '../../db/open.ts';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';

/** A station's pull said how far its own journal goes (migration 0023). */
export function noteStationHead(db: Db, deviceId: string, head: number, now: number): void {
  stmt(
    db,
    `INSERT INTO local_station_reports (device_id, head_seq, reported_at) VALUES (?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET head_seq = excluded.head_seq, reported_at = excluded.reported_at`,
  ).run(deviceId, head, now);
}

export interface StationSyncState {
  deviceId: string;
  name: string;
  counterNo: number | null;
  lastHeardAt: number | null;
  /** Records the station had at its last word that the hub has not received; null if never heard. */
  pending: number | null;
}

/**
 * The hub's stations: counter devices, not revoked, that have ever pulled or pushed (a counter screen
 * in a browser on the hub never does, and records its money on the hub itself).
 */
export function stationSyncStates(db: Db): StationSyncState[] {
  const reports = new Map(
    (
      stmt(db, 'SELECT device_id, head_seq, reported_at FROM local_station_reports').all() as {
        device_id: string;
        head_seq: number;
        reported_at: number;
      }[]
    ).map((r) => [r.device_id, r]),
  );
  const held = new Map(
    (
      stmt(db, 'SELECT device_id, acked_seq FROM local_receive_cursors').all() as {
        device_id: string;
        acked_seq: number;
      }[]
    ).map((r) => [r.device_id, r.acked_seq]),
  );
  return read
    .devices(db)
    .filter((d) => d.role === 'counter' && !d.revoked && (reports.has(d.deviceId) || held.has(d.deviceId)))
    .map((d) => {
      const report = reports.get(d.deviceId);
      const pending = report ? Math.max(0, report.head_seq - (held.get(d.deviceId) ?? 0)) : null;
      return {
        deviceId: d.deviceId,
        name: d.name,
        counterNo: d.counterNo,
        lastHeardAt: report?.reported_at ?? null,
        pending,
      };
    });
}
