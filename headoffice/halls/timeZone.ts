import { validSettingValue } from '../../shared/events/catalog.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import type { Sql } from '../db/sql.ts';

/**
 * Each hall's time zone (DESIGN §2: every rule that speaks of a day uses the hall's zone), read from
 * the rows its hub pushed: the zone is a hall setting, and a hub's settings change only by its own
 * `setting.changed` (the manager screen) or its own `reference.updated` of a setting (a pull from here,
 * where a tombstone brings the default back). The last such row of the hall's hubs decides, as it did
 * in the hall's settings table.
 *
 * A hall whose journal never set its zone runs on the default, so the default is right for it. A hall
 * that has not pushed the row yet falls back to the default too: head office cannot know better, and
 * rows arrive in each device's order, so its tickets written after the change are not here either.
 */
export async function hallTimeZones(sql: Sql): Promise<Map<string, string>> {
  const rows = await sql.query<{ hall_id: string; type: string; payload: string }>(
    `SELECT DISTINCT ON (d.hall_id) d.hall_id, j.type, j.payload
     FROM hall_devices d JOIN journal j ON j.hall_id = d.local_hall_id AND j.device_id = d.device_id
     WHERE j.type IN ('setting.changed', 'reference.updated')
       AND j.payload::jsonb ->> 'key' = 'timeZone'
       AND (j.type = 'setting.changed' OR j.payload::jsonb ->> 'kind' = 'setting')
     ORDER BY d.hall_id, j.occurred_at DESC, j.device_seq DESC`,
  );
  return new Map(
    rows.map((r) => [r.hall_id, zoneOf(r.type, JSON.parse(r.payload) as Record<string, unknown>)]),
  );
}

/** The zone a settings row leaves the hall on; a value this build does not know is read as the hall reads it. */
function zoneOf(type: string, payload: Record<string, unknown>): string {
  const value =
    type === 'setting.changed' ? payload.value : (payload.data as { value?: unknown } | null)?.value;
  return typeof value === 'string' && validSettingValue('timeZone', value)
    ? value
    : DEFAULT_SETTINGS.timeZone;
}

export const timeZoneOf = (zones: ReadonlyMap<string, string>, hallId: string): string =>
  zones.get(hallId) ?? DEFAULT_SETTINGS.timeZone;
