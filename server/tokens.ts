import { createHash, randomBytes } from 'node:crypto';
import { pairingCodeFrom } from '../shared/pairingCode.ts';

/** Tokens are 256-bit random strings; only their SHA-256 is stored (DESIGN §5), at the hub and head office alike. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Grouped Crockford base 32, `K7QM-2XHD` (shared/pairingCode.ts has the arithmetic). */
export function newPairingCode(): string {
  return pairingCodeFrom(randomBytes(8));
}

/** A staff session as both servers store it: the staff member joined to the session's expiry. */
export interface SessionRow<Role extends string> {
  id: string;
  staff_no: string;
  name: string;
  role: Role;
  expires_at: number;
}

/** The signed-in staff member a session row names, or null once it has expired. */
export function sessionStaff<Role extends string>(row: SessionRow<Role>, now: number) {
  if (row.expires_at <= now) return null;
  return { kind: 'staff' as const, staffId: row.id, staffNo: row.staff_no, name: row.name, role: row.role };
}
