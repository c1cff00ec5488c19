import * as read from '../../db/read.ts';
import { stmt } from '../../db/projections/index.ts';
import { DomainError } from '../../shared/errors.ts';
import type { DeviceRole } from '../../shared/primitives.ts';
import { recordedBy, recordedByDevice, type WriteContext, type Principal } from '../context.ts';
import { hashToken, mintOneTimeCode, newToken, ONE_TIME_CODE_MS } from '../auth/tokens.ts';
import { counterOrThrow } from '../queue/counters.ts';
import { HUB_PAIR_MAX_FAILURES } from '../../shared/pairingCode.ts';

const PAIRING_MS = ONE_TIME_CODE_MS;

export interface DeviceSpec {
  role: DeviceRole;
  name: string;
  counterNo?: number | undefined;
}

/** Pairs a device now and returns its token (shown once; only the hash is kept). */
export function createDevice(
  ctx: WriteContext,
  by: Principal | null,
  spec: DeviceSpec,
  deviceId = ctx.ids.next(),
): { deviceId: string; token: string } {
  if (spec.counterNo !== undefined) counterOrThrow(ctx.db, spec.counterNo);
  if (read.devices(ctx.db).some((d) => d.deviceId === deviceId)) throw new DomainError('E_PAIRING_CODE');
  const token = newToken();
  ctx.journal.append(
    'device.paired',
    { deviceId, role: spec.role, name: spec.name, counterNo: spec.counterNo ?? null },
    by ? recordedBy(by) : recordedByDevice(ctx.deviceId),
  );
  stmt(ctx.db, 'INSERT INTO local_device_tokens (token_hash, device_id) VALUES (?, ?)').run(
    hashToken(token),
    deviceId,
  );
  return { deviceId, token };
}

export function revokeDevice(ctx: WriteContext, by: Principal, deviceId: string): void {
  const device = read.devices(ctx.db).find((d) => d.deviceId === deviceId);
  if (!device) throw new DomainError('E_NOT_FOUND', { what: deviceId });
  if (!device.revoked) ctx.journal.append('device.revoked', { deviceId }, recordedBy(by));
  stmt(ctx.db, 'DELETE FROM local_device_tokens WHERE device_id = ?').run(deviceId);
}

export function makePairingCode(ctx: WriteContext, spec: DeviceSpec): { code: string; expiresAt: number } {
  if (spec.counterNo !== undefined) counterOrThrow(ctx.db, spec.counterNo);
  return mintOneTimeCode(ctx, 'local_pairing_codes', {
    role: spec.role,
    name: spec.name,
    counter_no: spec.counterNo ?? null,
  });
}

/**
 * A code lives 10 minutes. After HUB_PAIR_MAX_FAILURES wrong codes in one 10-minute window every
 * pairing attempt is refused until the window ends: with 2^40 codes the chance of a hit stays below
 * 2 × 10^-8 per window even with a thousand codes alive (shared/pairingCode.ts has the arithmetic).
 */
const MAX_PAIRING_FAILURES = HUB_PAIR_MAX_FAILURES;
const pairingFailures = new WeakMap<object, { since: number; failures: number }>();

export function checkPairingThrottle(ctx: WriteContext): { since: number; failures: number } {
  const now = ctx.clock.now();
  let state = pairingFailures.get(ctx.db);
  if (!state || now - state.since >= PAIRING_MS)
    pairingFailures.set(ctx.db, (state = { since: now, failures: 0 }));
  if (state.failures >= MAX_PAIRING_FAILURES)
    throw new DomainError('E_RATE_LIMITED', {
      retryAfterSeconds: Math.ceil((state.since + PAIRING_MS - now) / 1000),
    });
  return state;
}

/** A one-time code becomes a device token; the code is gone after use or expiry. */
export function pairWithCode(ctx: WriteContext, code: string, deviceId?: string) {
  const throttle = checkPairingThrottle(ctx);
  const h = hashToken(code);
  const row = stmt(
    ctx.db,
    'SELECT role, name, counter_no, expires_at FROM local_pairing_codes WHERE code_hash = ?',
  ).get(h) as { role: DeviceRole; name: string; counter_no: number | null; expires_at: number } | undefined;
  if (!row || row.expires_at <= ctx.clock.now()) {
    throttle.failures++;
    throw new DomainError('E_PAIRING_CODE');
  }
  stmt(ctx.db, 'DELETE FROM local_pairing_codes WHERE code_hash = ?').run(h);
  const spec = { role: row.role, name: row.name, counterNo: row.counter_no ?? undefined };
  return {
    ...createDevice(ctx, null, spec, deviceId),
    role: row.role,
    name: row.name,
    counterNo: row.counter_no,
    hallId: ctx.hallId,
    demo: read.hall(ctx.db)?.demo ?? false,
  };
}
