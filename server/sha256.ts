import { createHash } from 'node:crypto';
import { canonicalRowText, rowHasher, type RowHasher, type Sha256Hex } from '../shared/journal/hash.ts';
import type { UnsignedRow } from '../shared/journal/row.ts';

/** node:crypto's SHA-256: the same bytes as shared/'s pure-JS one, several times faster. */
export const nodeSha256: Sha256Hex = (text) => createHash('sha256').update(text).digest('hex');

/** The row hash every server uses (journal appends, chain walks, batch checks). */
export const rowHash: RowHasher = rowHasher(nodeSha256);

/**
 * Whether a row as stored (its payload as text) matches its hash, without parsing the payload: true
 * when the stored text is the canonical text the hash was made over (every row this build appends or
 * adopts). False means "not proven here": a row stored in another form must be parsed and re-hashed
 * (rowHash) before it is called broken.
 */
export function storedRowMatches(
  row: Omit<UnsignedRow, 'payload'> & { payload: string; hash: string },
): boolean {
  return nodeSha256(row.prev_hash + canonicalRowText(row, row.payload)) === row.hash;
}
