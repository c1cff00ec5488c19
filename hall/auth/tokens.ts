import { stmt } from '../../db/projections/index.ts';
import type { WriteContext } from '../context.ts';

import { hashToken, newPairingCode } from '../../server/tokens.ts';

export { hashToken, newPairingCode, newToken } from '../../server/tokens.ts';

/** A one-time code's lifetime (DESIGN §5: a pairing code expires in 10 min). */
export const ONE_TIME_CODE_MS = 10 * 60_000;

/**
 * A new one-time code, kept hashed in a node's own table with what it grants (`grants`: column →
 * value) until it expires; expired codes of that table are dropped first. Device pairing and a
 * counter's screen pairing both mint theirs here.
 */
export function mintOneTimeCode(
  ctx: Pick<WriteContext, 'db' | 'clock'>,
  table: 'local_pairing_codes' | 'local_screen_codes',
  grants: Record<string, string | number | null>,
): { code: string; expiresAt: number } {
  const now = ctx.clock.now();
  stmt(ctx.db, `DELETE FROM ${table} WHERE expires_at <= ?`).run(now);
  const code = newPairingCode();
  const expiresAt = now + ONE_TIME_CODE_MS;
  const columns = Object.keys(grants);
  stmt(
    ctx.db,
    `INSERT OR REPLACE INTO ${table} (code_hash, ${columns.join(', ')}, expires_at)
     VALUES (?, ${columns.map(() => '?').join(', ')}, ?)`,
  ).run(hashToken(code), ...Object.values(grants), expiresAt);
  return { code, expiresAt };
}
