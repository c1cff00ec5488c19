import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Tokens are 256-bit random strings; only their SHA-256 is stored (DESIGN §5). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newPairingCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
