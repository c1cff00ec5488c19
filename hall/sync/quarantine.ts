import { stmt } from '../../db/projections/index.ts';
import type { StationQuarantineRowT } from '../../shared/api/schemas.ts';
import { hubSyncViewContract } from '../../shared/api/hall/sync.ts';
import type { Api } from '../http/route.ts';

/** The newest rows this hub quarantined from its stations, newest first, with the station they came from. */
export function stationQuarantineRoute(api: Api, limit = 200): void {
  const ctx = api.ctx;
  api.implement(hubSyncViewContract, {
    stationQuarantine: (): StationQuarantineRowT[] => {
      const rows = stmt(
        ctx.db,
        `SELECT q.device_id, d.name, d.counter_no, q.device_seq, q.row_id, q.reason, q.received_at, q.raw
         FROM local_quarantine q LEFT JOIN devices d ON d.id = q.device_id
         ORDER BY q.received_at DESC, q.device_id, q.device_seq LIMIT ?`,
      ).all(limit) as {
        device_id: string;
        name: string | null;
        counter_no: number | null;
        device_seq: number;
        row_id: string;
        reason: string;
        received_at: number;
        raw: string;
      }[];
      return rows.map((r) => ({
        deviceId: r.device_id,
        deviceName: r.name,
        counterNo: r.counter_no,
        deviceSeq: r.device_seq,
        rowId: r.row_id,
        type: typeOf(r.raw),
        reason: r.reason,
        receivedAt: r.received_at,
        raw: r.raw,
      }));
    },
  });
}

/** The event type a quarantined row claims, when its text is JSON with one (it may be neither). */
function typeOf(raw: string): string | null {
  try {
    const parsed = JSON.parse(raw) as unknown;
    const type = (parsed as { type?: unknown } | null)?.type;
    return typeof type === 'string' ? type : null;
  } catch {
    return null;
  }
}
