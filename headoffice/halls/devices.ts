import { DomainError } from '../../shared/errors.ts';
import type { HoContext } from '../context.ts';
import type { Sql } from '../db/sql.ts';

/**
 * Which hall a device belongs to (issue 9): a hub is bound to the hall whose code paired it, a station
 * to the hall of the hub that registered it, for ever. `registeredBy` is the registering hub's device
 * id (null for a hub, and for a station known from before registration existed).
 */
export interface DeviceOwner {
  hallId: string;
  kind: 'hub' | 'station';
  counterNo: number | null;
  registeredBy: string | null;
}

export async function deviceOwner(sql: Sql, deviceId: string): Promise<DeviceOwner | null> {
  const [row] = await sql.query<{
    hall_id: string;
    kind: 'hub' | 'station';
    counter_no: number | null;
    registered_by: string | null;
  }>(
    `SELECT hall_id, 'hub' AS kind, NULL::int AS counter_no, NULL::text AS registered_by
       FROM hall_devices WHERE device_id = $1
     UNION ALL
     SELECT hall_id, 'station', counter_no, registered_by FROM hall_stations WHERE device_id = $1`,
    [deviceId],
  );
  if (!row) return null;
  return { hallId: row.hall_id, kind: row.kind, counterNo: row.counter_no, registeredBy: row.registered_by };
}

/**
 * A hub pushes the rows of itself and of the stations it registered, nothing else (403, whole batch).
 * Returns the station it pushes for, or null for the hub's own rows.
 */
export async function assertOwnsDevice(
  q: Sql,
  hub: { deviceId: string; hallId: string },
  deviceId: string,
): Promise<DeviceOwner | null> {
  if (deviceId === hub.deviceId) return null;
  const owner = await deviceOwner(q, deviceId);
  if (owner?.kind !== 'station' || owner.hallId !== hub.hallId || owner.registeredBy !== hub.deviceId)
    throw new DomainError('E_DEVICE_NOT_OWNED', { deviceId });
  return owner;
}

export interface StationSpec {
  deviceId: string;
  name: string;
  counterNo: number | null;
}

/**
 * A hub registers a station of its hall before head office accepts the station's rows. A station stays
 * in the hall that first registered it; another hub of the same hall (a replaced kiosk PC) takes it
 * over. A hub's id, or a station of another hall, is refused (409) and nothing changes.
 */
export async function registerStation(
  ctx: HoContext,
  hub: { deviceId: string; hallId: string },
  spec: StationSpec,
): Promise<DeviceOwner> {
  return ctx.sql.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [spec.deviceId]);
    const owner = await deviceOwner(q, spec.deviceId);
    if (owner && (owner.kind === 'hub' || owner.hallId !== hub.hallId))
      throw new DomainError('E_DEVICE_BOUND', { deviceId: spec.deviceId });
    await q.query(
      `INSERT INTO hall_stations (device_id, hall_id, registered_by, counter_no, name, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (device_id) DO UPDATE SET registered_by = excluded.registered_by,
         counter_no = excluded.counter_no, name = excluded.name, registered_at = excluded.registered_at`,
      [spec.deviceId, hub.hallId, hub.deviceId, spec.counterNo, spec.name, ctx.clock.now()],
    );
    return { hallId: hub.hallId, kind: 'station', counterNo: spec.counterNo, registeredBy: hub.deviceId };
  });
}
