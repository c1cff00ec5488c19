import * as read from '../../db/read.ts';
import { stmt } from '../../db/projections/index.ts';
import type { RegisterStationBody } from '../../shared/sync/protocol.ts';
import { RegisterStationReply } from '../../shared/sync/protocol.ts';
import type { HallContext } from '../context.ts';
import type { UpstreamName } from './upstreams.ts';

/** A refused station is asked for again after this long (head office may have fixed the binding). */
export const RETRY_REFUSED_MS = 10 * 60_000;

export interface RefusedDevice {
  deviceId: string;
  code: string;
}

interface Row {
  registered_at: number | null;
  refused_code: string | null;
  refused_at: number | null;
}

/**
 * Head office accepts a station's rows only from the hub that registered it (issue 9). Before a hub
 * pushes a station's rows it registers the station once and remembers that it did; a refusal is kept
 * too, shown on /health, and the hub goes on with its other devices. Returns whether rows may go up.
 */
export async function ensureRegistered(
  ctx: HallContext,
  upstream: { name: UpstreamName; url: string; token: string },
  deviceId: string,
): Promise<boolean> {
  // A hub owns itself; a station pushes only its own rows to its hub, which checks that itself.
  if (upstream.name !== 'headoffice' || deviceId === ctx.deviceId) return true;
  const row = stmt(
    ctx.db,
    'SELECT registered_at, refused_code, refused_at FROM local_upstream_devices WHERE upstream = ? AND device_id = ?',
  ).get(upstream.name, deviceId) as Row | undefined;
  if (row?.registered_at != null) return true;
  if (row?.refused_at != null && ctx.clock.now() - row.refused_at < RETRY_REFUSED_MS) return false;

  const known = read.devices(ctx.db).find((d) => d.deviceId === deviceId);
  const body: RegisterStationBody = {
    deviceId,
    role: 'counter',
    name: (known?.name ?? deviceId).slice(0, 60),
    counterNo: known?.counterNo ?? null,
  };
  const res = await fetch(`${upstream.url}/sync/v1/devices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${upstream.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const reply: unknown = await res.json().catch(() => null);
  if (res.status === 201) {
    RegisterStationReply.parse(reply);
    stmt(
      ctx.db,
      `INSERT INTO local_upstream_devices (upstream, device_id, registered_at) VALUES (?, ?, ?)
       ON CONFLICT (upstream, device_id) DO UPDATE SET registered_at = excluded.registered_at,
         refused_code = NULL, refused_at = NULL`,
    ).run(upstream.name, deviceId, ctx.clock.now());
    return true;
  }
  if (res.status === 403 || res.status === 409) {
    markRefused(ctx, upstream.name, deviceId, errorCode(reply) ?? `HTTP ${res.status}`);
    return false;
  }
  throw new Error(`registering device ${deviceId}: ${errorCode(reply) ?? `HTTP ${res.status}`}`);
}

/** The upstream refused a device (at registration or at push): its rows wait, the others go on. */
export function markRefused(ctx: HallContext, upstream: UpstreamName, deviceId: string, code: string): void {
  stmt(
    ctx.db,
    `INSERT INTO local_upstream_devices (upstream, device_id, refused_code, refused_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (upstream, device_id) DO UPDATE SET registered_at = NULL,
       refused_code = excluded.refused_code, refused_at = excluded.refused_at`,
  ).run(upstream, deviceId, code, ctx.clock.now());
}

export function refusedDevices(ctx: Pick<HallContext, 'db'>, upstream: UpstreamName): RefusedDevice[] {
  return stmt(
    ctx.db,
    `SELECT device_id AS deviceId, refused_code AS code FROM local_upstream_devices
     WHERE upstream = ? AND registered_at IS NULL AND refused_code IS NOT NULL ORDER BY device_id`,
  ).all(upstream) as RefusedDevice[];
}

export function errorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}
