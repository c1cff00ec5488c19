import argon2 from 'argon2';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { DomainError } from '../../shared/errors.ts';
import type { HoContext, HoPrincipal } from '../context.ts';

const SESSION_MS = 12 * 60 * 60_000;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');
export const newPairingCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export async function loginHo(ctx: HoContext, staffNo: string, pin: string) {
  const [staff] = await ctx.sql.query<{
    id: string;
    staff_no: string;
    name: string;
    role: 'admin' | 'viewer';
    pin_hash: string;
  }>('SELECT * FROM ho_staff WHERE staff_no = $1', [staffNo]);
  if (!staff || !(await argon2.verify(staff.pin_hash, pin))) throw new DomainError('E_BAD_CREDENTIALS');
  const token = newToken();
  await ctx.sql.query('INSERT INTO ho_sessions (token_hash, staff_id, expires_at) VALUES ($1, $2, $3)', [
    hashToken(token),
    staff.id,
    ctx.clock.now() + SESSION_MS,
  ]);
  return { token, staff: { id: staff.id, staffNo: staff.staff_no, name: staff.name, role: staff.role } };
}

export async function authenticateHo(ctx: HoContext, token: string): Promise<HoPrincipal | null> {
  const h = hashToken(token);
  const [session] = await ctx.sql.query<{
    id: string;
    staff_no: string;
    name: string;
    role: 'admin' | 'viewer';
    expires_at: number;
  }>(
    `SELECT s.id, s.staff_no, s.name, s.role, x.expires_at FROM ho_sessions x JOIN ho_staff s ON s.id = x.staff_id
     WHERE x.token_hash = $1`,
    [h],
  );
  if (session) {
    if (session.expires_at <= ctx.clock.now()) return null;
    return {
      kind: 'staff',
      staffId: session.id,
      staffNo: session.staff_no,
      name: session.name,
      role: session.role,
    };
  }
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
  role: 'admin' | 'viewer',
  pin: string,
) {
  const pinHash = await argon2.hash(pin, { type: argon2.argon2id });
  await ctx.sql.query(
    `INSERT INTO ho_staff (id, staff_no, name, role, pin_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (staff_no) DO NOTHING`,
    [ctx.ids.next(), staffNo, name, role, pinHash],
  );
}
