import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { Db } from './open.ts';
import { parseStoredRow } from './journal.ts';
import { PROJECTION_TABLES, applyEvent } from './projections/index.ts';
import { dropCallableCache } from './projections/callable.ts';

/** Every projection table's rows in primary-key order, as one canonical text. */
export function dumpProjections(db: Db): string {
  const parts: string[] = [];
  for (const table of PROJECTION_TABLES) {
    const rows = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all();
    parts.push(`${table}\n${rows.map((r) => JSON.stringify(r)).join('\n')}`);
  }
  return parts.join('\n\n');
}

export function projectionDigest(db: Db): string {
  return bytesToHex(sha256(utf8ToBytes(dumpProjections(db))));
}

/**
 * Clears every projection and replays the journal in the order it was written, in one transaction.
 * Returns the digests before and after so the caller can prove the projections were reproduced.
 */
export function rebuildProjections(db: Db): { before: string; after: string; rows: number } {
  const before = projectionDigest(db);
  let rows = 0;
  // Deleting and replaying every ticket goes past the callable cache's per-ticket refresh.
  dropCallableCache(db);
  db.transaction(() => {
    for (const table of PROJECTION_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    // Pages, not one iterator: better-sqlite3 refuses other statements (the projectors' writes) on a
    // connection while an iterator is open, and .all() would hold a million rows in memory.
    const page = db.prepare(
      'SELECT rowid AS _rowid, * FROM journal WHERE rowid > ? ORDER BY rowid LIMIT 1000',
    );
    type Stored = Parameters<typeof parseStoredRow>[0] & { _rowid: number };
    for (
      let after = 0, batch = page.all(after) as Stored[];
      batch.length > 0;
      batch = page.all(after) as Stored[]
    ) {
      for (const { _rowid, ...stored } of batch) {
        applyEvent(db, parseStoredRow(stored));
        rows++;
        after = _rowid;
      }
    }
  })();
  return { before, after: projectionDigest(db), rows };
}
