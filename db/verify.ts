import { findChainBreak, type ChainBreak } from '../shared/journal/hash.ts';
import { GENESIS_HASH } from '../shared/journal/row.ts';
import type { Db } from './open.ts';
import { parseStoredRow } from './journal.ts';

export interface VerifyReport {
  devices: { deviceId: string; rows: number }[];
  firstBreak: ChainBreak | null;
}

/** Walks each device's chain in sequence order and reports the first broken link (DESIGN §2). */
export function verifyJournal(db: Db): VerifyReport {
  const devices = db
    .prepare(
      'SELECT device_id AS deviceId, count(*) AS rows FROM journal GROUP BY device_id ORDER BY device_id',
    )
    .all() as { deviceId: string; rows: number }[];
  const rowsOf = db.prepare('SELECT * FROM journal WHERE device_id = ? ORDER BY device_seq');
  for (const { deviceId } of devices) {
    const rows = (function* () {
      for (const r of rowsOf.iterate(deviceId) as Iterable<Parameters<typeof parseStoredRow>[0]>) {
        yield parseStoredRow(r);
      }
    })();
    const broken = findChainBreak(rows, { seq: 0, hash: GENESIS_HASH });
    if (broken) return { devices, firstBreak: broken };
  }
  return { devices, firstBreak: null };
}
