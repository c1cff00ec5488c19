import argon2 from 'argon2';
import { DomainError } from '../../shared/errors.ts';
import { hashToken, newToken, sessionStaff, type SessionRow } from '../../server/tokens.ts';
import type { HoRole } from '../../shared/primitives.ts';
import type { HoContext, HoPrincipal } from '../context.ts';

const SESSION_MS = 12 * 60 * 60_000;
/** Lock-out as the hub has it (DESIGN §5): this many wrong PINs in a row lock the staff number. */
export const HO_LOGIN_MAX_FAILURES = 5;
export const HO_LOCK_MS = 15 * 60_000;
export { hashToken, newPairingCode, newToken } from '../../server/tokens.ts';

export async function loginHo(ctx: HoContext, staffNo: string, pin: string) {
  // Checked before and after the (slow) hash check: wrong PINs sent in parallel each count, and a right
  // PIN that raced them past the lock is refused as well.
  const refuseIfLocked = async () => {
    const [row] = await ctx.sql.query<{ locked_until: number | null }>(
      'SELECT locked_until FROM ho_login_failures WHERE staff_no = $1',
      [staffNo],
    );
    const now = ctx.clock.now();
    if (row?.locked_until && row.locked_until > now)
      throw new DomainError('E_LOCKED_OUT', { minutes: Math.ceil((row.locked_until - now) / 60_000) });
  };
  await refuseIfLocked();
  const [staff] = await ctx.sql.query<{
    id: string;
    staff_no: string;
    name: string;
    role: HoRole;
    pin_hash: string;
  }>('SELECT * FROM ho_staff WHERE staff_no = $1', [staffNo]);
  // Unknown staff numbers cost a hash check too, so timing does not tell which exist.
  const ok = staff
    ? await argon2.verify(staff.pin_hash, pin)
    : (await argon2.verify(await dummyHash(), pin), false);
  await refuseIfLocked();
  if (!staff || !ok) {
    // One statement: the count and the lock move together, whatever runs in parallel.
    const [row] = await ctx.sql.query<{ locked_until: number | null }>(
      `INSERT INTO ho_login_failures AS f (staff_no, failures, locked_until) VALUES ($1, 1, NULL)
       ON CONFLICT (staff_no) DO UPDATE SET
         failures = CASE WHEN f.failures + 1 >= $2 THEN 0 ELSE f.failures + 1 END,
         locked_until = CASE WHEN f.failures + 1 >= $2 THEN $3::int8 ELSE f.locked_until END
       RETURNING locked_until`,
      [staffNo, HO_LOGIN_MAX_FAILURES, ctx.clock.now() + HO_LOCK_MS],
    );
    if (row?.locked_until && row.locked_until > ctx.clock.now())
      throw new DomainError('E_LOCKED_OUT', { minutes: HO_LOCK_MS / 60_000 });
    throw new DomainError('E_BAD_CREDENTIALS');
  }
  await ctx.sql.query('DELETE FROM ho_login_failures WHERE staff_no = $1', [staffNo]);
  const token = newToken();
  await ctx.sql.query('INSERT INTO ho_sessions (token_hash, staff_id, expires_at) VALUES ($1, $2, $3)', [
    hashToken(token),
    staff.id,
    ctx.clock.now() + SESSION_MS,
  ]);
  return { token, staff: { id: staff.id, staffNo: staff.staff_no, name: staff.name, role: staff.role } };
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= argon2.hash('000000', { type: argon2.argon2id }));

export async function authenticateHo(ctx: HoContext, token: string): Promise<HoPrincipal | null> {
  const h = hashToken(token);
  const [session] = await ctx.sql.query<SessionRow<HoRole>>(
    `SELECT s.id, s.staff_no, s.name, s.role, x.expires_at FROM ho_sessions x JOIN ho_staff s ON s.id = x.staff_id
     WHERE x.token_hash = $1`,
    [h],
  );
  if (session) return sessionStaff(session, ctx.clock.now());
  const [device] = await ctx.sql.query<{ device_id: string; hall_id: string; local_hall_id: string }>(
    'SELECT device_id, hall_id, local_hall_id FROM hall_devices WHERE token_hash = $1 AND NOT revoked',
    [h],
  );
  return device
    ? { kind: 'hub', deviceId: device.device_id, hallId: device.hall_id, localHallId: device.local_hall_id }
    : null;
}

export async function enrollHoStaff(
  ctx: HoContext,
  staffNo: string,
  name: string,
  role: HoRole,
  pin: string,
) {
  const pinHash = await argon2.hash(pin, { type: argon2.argon2id });
  await ctx.sql.query(
    `INSERT INTO ho_staff (id, staff_no, name, role, pin_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (staff_no) DO NOTHING`,
    [ctx.ids.next(), staffNo, name, role, pinHash],
  );
}
