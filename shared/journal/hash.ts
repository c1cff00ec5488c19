import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from './canonical.ts';
import type { JournalRow, UnsignedRow } from './row.ts';

/** SHA-256 of a UTF-8 string as lower-case hex. */
export type Sha256Hex = (text: string) => string;

const pureSha256: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));
let sha256Hex: Sha256Hex = pureSha256;

/**
 * A server may hand in its platform's SHA-256 (node:crypto is about four times faster than pure JS, and
 * head office hashes every row it ingests). `shared/` stays free of `node:` imports; the result is the
 * same bytes either way, which tests/unit/journal.test.ts checks.
 */
export function useSha256(impl: Sha256Hex): void {
  sha256Hex = impl;
}

/** hash = SHA-256(prev_hash ‖ RFC 8785 canonical JSON of every other field), so any node recomputes it. */
export function rowHash(row: UnsignedRow | JournalRow): string {
  // The hash covers every field but itself, so a stored row can be re-hashed as it is.
  const { prev_hash, ...fields } = row;
  const rest: Record<string, unknown> = { ...fields };
  delete rest.hash;
  return sha256Hex(prev_hash + canonicalJson(rest));
}

export { pureSha256 };

export type ChainBreak = { device_id: string; device_seq: number; id: string; reason: string };

/**
 * Checks one device's rows in device_seq order against their chain, starting after `prev`.
 * Returns the first broken link, or null when every link holds.
 */
export function findChainBreak(
  rows: Iterable<JournalRow>,
  prev: { seq: number; hash: string },
): ChainBreak | null {
  let { seq, hash } = prev;
  for (const row of rows) {
    const at = { device_id: row.device_id, device_seq: row.device_seq, id: row.id };
    if (row.device_seq !== seq + 1) return { ...at, reason: `sequence gap: expected ${seq + 1}` };
    if (row.prev_hash !== hash) return { ...at, reason: 'prev_hash does not match the previous row' };
    if (rowHash(row) !== row.hash) return { ...at, reason: 'hash does not match the row contents' };
    seq = row.device_seq;
    hash = row.hash;
  }
  return null;
}
