import { createHash, randomBytes } from 'node:crypto';
import { pairingCodeFrom } from '../../shared/pairingCode.ts';

/** Tokens are 256-bit random strings; only their SHA-256 is stored (DESIGN §5). */
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
