import { DomainError } from '../../shared/errors.ts';
import type { HoContext } from '../context.ts';
import { hashToken, newPairingCode, newToken } from '../auth/service.ts';
import { deviceOwner } from './devices.ts';
import { latestIntegrityReports } from './integrity.ts';

const PAIRING_MS = 10 * 60_000;
/** A hall is online when its hub pushed or pulled within this long. */
const ONLINE_MS = 2 * 60_000;

export async function createHall(ctx: HoContext, name: string) {
  const hallId = ctx.ids.next();
  const now = ctx.clock.now();
  await ctx.sql.query('INSERT INTO halls (hall_id, name, created_at) VALUES ($1, $2, $3)', [
    hallId,
    name,
    now,
  ]);
  return { hallId, ...(await newHallPairingCode(ctx, hallId)) };
}

export async function newHallPairingCode(ctx: HoContext, hallId: string) {
  const code = newPairingCode();
  const expiresAt = ctx.clock.now() + PAIRING_MS;
  await ctx.sql.query(
    'INSERT INTO pairing_codes (code_hash, hall_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (code_hash) DO UPDATE SET hall_id = excluded.hall_id, expires_at = excluded.expires_at',
    [hashToken(code), hallId, expiresAt],
  );
  return { pairingCode: code, expiresAt };
}

/** A hub exchanges a one-time code for its token; the device id is the hub's own journal device id. */
export async function pairHub(ctx: HoContext, code: string, deviceId: string, hallIdOfHub: string) {
  return ctx.sql.tx(async (q) => {
    const [row] = await q.query<{ hall_id: string; expires_at: number }>(
      'DELETE FROM pairing_codes WHERE code_hash = $1 RETURNING hall_id, expires_at',
      [hashToken(code)],
    );
    if (!row || row.expires_at <= ctx.clock.now()) throw new DomainError('E_PAIRING_CODE');
    // A device belongs to the hall that paired it, for ever: a code of another hall never moves a hub,
    // and a station's id never becomes a hub (the transaction rolls back, so the code stays good).
    const owner = await deviceOwner(q, deviceId);
    if (owner && (owner.kind !== 'hub' || owner.hallId !== row.hall_id))
      throw new DomainError('E_DEVICE_BOUND', { deviceId });
    const token = newToken();
    await q.query(
      `INSERT INTO hall_devices (device_id, hall_id, local_hall_id, token_hash, revoked, paired_at)
       VALUES ($1, $2, $3, $4, false, $5)
       ON CONFLICT (device_id) DO UPDATE SET local_hall_id = excluded.local_hall_id,
         token_hash = excluded.token_hash, revoked = false`,
      [deviceId, row.hall_id, hallIdOfHub, hashToken(token), ctx.clock.now()],
    );
    return { token, hallId: row.hall_id, hubHallId: hallIdOfHub };
  });
}

export async function revokeHallDevice(ctx: HoContext, deviceId: string) {
  const rows = await ctx.sql.query(
    'UPDATE hall_devices SET revoked = true WHERE device_id = $1 RETURNING device_id',
    [deviceId],
  );
  if (rows.length === 0) throw new DomainError('E_NOT_FOUND', { what: deviceId });
}

/** The latest of some times, any of which may be unknown (null); null when all are. */
function latest(times: readonly (number | null)[]): number | null {
  return times.reduce<number | null>((max, t) => (t !== null && (max === null || t > max) ? t : max), null);
}

export async function listHalls(ctx: HoContext) {
  const now = ctx.clock.now();
  const halls = await ctx.sql.query<{ hall_id: string; name: string }>(
    'SELECT hall_id, name FROM halls ORDER BY created_at',
  );
  const cursors = await ctx.sql.query<{
    device_id: string;
    hall_id: string;
    acked_seq: number;
    last_push_at: number | null;
    skew_ms: number | null;
  }>('SELECT device_id, hall_id, acked_seq, last_push_at, skew_ms FROM device_cursors');
  const quarantined = await ctx.sql.query<{ hall_id: string; n: number }>(
    'SELECT hall_id, count(*)::int AS n FROM quarantine GROUP BY hall_id',
  );
  const hubs = await ctx.sql.query<{
    device_id: string;
    hall_id: string;
    revoked: boolean;
    last_seen_at: number | null;
  }>('SELECT device_id, hall_id, revoked, last_seen_at FROM hall_devices');
  const integrity = await latestIntegrityReports(ctx);
  return halls.map((h) => {
    const devices = cursors.filter((c) => c.hall_id === h.hall_id);
    const hallHubs = hubs.filter((d) => d.hall_id === h.hall_id);
    const lastPushAt = latest(devices.map((c) => c.last_push_at));
    const lastSeen = latest([lastPushAt, ...hallHubs.map((d) => d.last_seen_at)]);
    return {
      hallId: h.hall_id,
      name: h.name,
      online: lastSeen !== null && now - lastSeen < ONLINE_MS,
      lastPushAt,
      devices: devices.map((c) => ({
        deviceId: c.device_id,
        ackedSeq: c.acked_seq,
        lastPushAt: c.last_push_at,
        skewMs: c.skew_ms,
      })),
      hubs: hallHubs.map((d) => ({ deviceId: d.device_id, revoked: d.revoked })),
      quarantined: quarantined.find((q) => q.hall_id === h.hall_id)?.n ?? 0,
      // The hall's latest report that its journal differs from what head office acknowledged.
      integrity: integrity.get(h.hall_id) ?? null,
    };
  });
}
