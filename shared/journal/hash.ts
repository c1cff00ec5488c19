import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from './canonical.ts';
import type { JournalRow, UnsignedRow } from './row.ts';

/** SHA-256 of a UTF-8 string as lower-case hex. */
export type Sha256Hex = (text: string) => string;
/** A journal row's hash, given every field. */
export type RowHasher = (row: UnsignedRow | JournalRow) => string;

export const pureSha256: Sha256Hex = (text) => bytesToHex(sha256(utf8ToBytes(text)));

/**
 * hash = SHA-256(prev_hash ‖ RFC 8785 canonical JSON of every other field), so any node recomputes it.
 * The SHA-256 is a parameter: servers pass node:crypto's (about four times faster; head office hashes
 * every row it ingests, see server/sha256.ts) and `shared/` stays free of `node:` imports. The bytes
 * are the same either way, which tests/unit/journal.test.ts checks.
 */
export function rowHasher(sha256Hex: Sha256Hex): RowHasher {
  return (row) => {
    // The hash covers every field but itself, so a stored row can be re-hashed as it is.
    const { prev_hash, ...fields } = row;
    const rest: Record<string, unknown> = { ...fields };
    delete rest.hash;
    return sha256Hex(prev_hash + canonicalJson(rest));
  };
}

/**
 * The text a row's hash covers (after its prev_hash), built from its fields and its payload's
 * canonical JSON text: exactly `canonicalJson` of the row without prev_hash and hash, whose keys sort
 * as written here. A node stores that payload text, so a chain walk can re-hash a stored row as it
 * was stored, without parsing and re-canonicalising its payload.
 */
export function canonicalRowText(
  row: Omit<UnsignedRow, 'payload' | 'prev_hash'>,
  payloadJson: string,
): string {
  const j = JSON.stringify;
  return (
    `{"device_id":${j(row.device_id)},"device_seq":${j(row.device_seq)},"hall_id":${j(row.hall_id)},` +
    `"id":${j(row.id)},"occurred_at":${j(row.occurred_at)},"payload":${payloadJson},` +
    `"recorded_by":${j(row.recorded_by)},"schema_ver":${j(row.schema_ver)},"type":${j(row.type)}}`
  );
}

/** The pure-JS row hash, for callers without a platform hasher (the renderer, tests). */
export const rowHash: RowHasher = rowHasher(pureSha256);

export type ChainBreak = { device_id: string; device_seq: number; id: string; reason: string };

/**
 * Checks one device's rows in device_seq order against their chain, starting after `prev`.
 * Returns the first broken link, or null when every link holds.
 */
export function findChainBreak(
  rows: Iterable<JournalRow>,
  prev: { seq: number; hash: string },
  hashOf: RowHasher = rowHash,
): ChainBreak | null {
  let { seq, hash } = prev;
  for (const row of rows) {
    const at = { device_id: row.device_id, device_seq: row.device_seq, id: row.id };
    if (row.device_seq !== seq + 1) return { ...at, reason: `sequence gap: expected ${seq + 1}` };
    if (row.prev_hash !== hash) return { ...at, reason: 'prev_hash does not match the previous row' };
    if (hashOf(row) !== row.hash) return { ...at, reason: 'hash does not match the row contents' };
    seq = row.device_seq;
    hash = row.hash;
  }
  return null;
}
