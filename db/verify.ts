import { findChainBreak, type ChainBreak } from '../shared/journal/hash.ts';
import { GENESIS_HASH } from '../shared/journal/row.ts';
import type { DeviceAckT, IntegrityMismatchT } from '../shared/sync/protocol.ts';
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

/**
 * Checks the journal against what an upstream acknowledged (issue 9): for each device, the row at the
 * acknowledged seq must carry the acknowledged hash, and the journal must reach that far. With the
 * local chain intact (verifyJournal), a matching hash there proves every earlier row unchanged.
 * A station row the hub quarantined is held in local_quarantine as it came; its claimed hash counts.
 */
export function compareWithAcks(db: Db, acks: readonly DeviceAckT[]): IntegrityMismatchT[] {
  const last = db.prepare(
    `SELECT max(coalesce((SELECT max(device_seq) FROM journal WHERE device_id = @d), 0),
                coalesce((SELECT max(device_seq) FROM local_quarantine WHERE device_id = @d), 0)) AS seq`,
  );
  const stored = db.prepare('SELECT hash FROM journal WHERE device_id = ? AND device_seq = ?');
  const held = db.prepare('SELECT raw FROM local_quarantine WHERE device_id = ? AND device_seq = ?');
  const mismatches: IntegrityMismatchT[] = [];
  for (const ack of acks) {
    if (ack.ackedSeq === 0) continue;
    const hallSeq = (last.get({ d: ack.deviceId }) as { seq: number }).seq;
    const row = stored.get(ack.deviceId, ack.ackedSeq) as { hash: string } | undefined;
    const raw = row ? undefined : (held.get(ack.deviceId, ack.ackedSeq) as { raw: string } | undefined);
    const hallHash = row?.hash ?? (raw ? claimedHash(raw.raw) : null);
    const base = { deviceId: ack.deviceId, ackedSeq: ack.ackedSeq, hallSeq, headOfficeHash: ack.hash };
    if (hallSeq < ack.ackedSeq || (hallHash === null && raw === undefined))
      mismatches.push({ ...base, hallHash, reason: 'rows_deleted' });
    else if (hallHash !== ack.hash) mismatches.push({ ...base, hallHash, reason: 'hash_differs' });
  }
  return mismatches;
}

function claimedHash(raw: string): string | null {
  try {
    const hash = (JSON.parse(raw) as { hash?: unknown } | null)?.hash;
    return typeof hash === 'string' ? hash : null;
  } catch {
    return null;
  }
}

/**
 * Walks each acknowledged device's chain up to its acknowledged seq, a chunk at a time with a pause
 * between chunks, so a hub can run it periodically without holding its event loop for the whole
 * journal. A row edited in place (its stored hash kept) is a mismatch too. A station row the hub
 * quarantined is held in local_quarantine: the chain goes on from the hash it claimed, as on receipt.
 */
export async function walkAckedChains(
  db: Db,
  acks: readonly DeviceAckT[],
  pause: () => Promise<void>,
  chunk = 2000,
): Promise<IntegrityMismatchT[]> {
  const rowsFrom = db.prepare(
    'SELECT * FROM journal WHERE device_id = ? AND device_seq > ? AND device_seq <= ? ORDER BY device_seq LIMIT ?',
  );
  const held = db.prepare('SELECT raw FROM local_quarantine WHERE device_id = ? AND device_seq = ?');
  const mismatches: IntegrityMismatchT[] = [];
  for (const ack of acks) {
    let cursor = { seq: 0, hash: GENESIS_HASH };
    let brokenAt: number | null = null;
    walk: while (cursor.seq < ack.ackedSeq) {
      const rows = (
        rowsFrom.all(ack.deviceId, cursor.seq, ack.ackedSeq, chunk) as Parameters<typeof parseStoredRow>[0][]
      ).map(parseStoredRow);
      if (rows.length === 0) break; // the journal ends early: compareWithAcks reports it
      for (const row of rows) {
        // Rows the hub quarantined fill their places with the hash they claimed.
        while (cursor.seq + 1 < row.device_seq) {
          const raw = held.get(ack.deviceId, cursor.seq + 1) as { raw: string } | undefined;
          const claimed = raw ? claimedHash(raw.raw) : null;
          if (claimed === null) {
            brokenAt = cursor.seq + 1;
            break walk;
          }
          cursor = { seq: cursor.seq + 1, hash: claimed };
        }
        if (findChainBreak([row], cursor)) {
          brokenAt = row.device_seq;
          break walk;
        }
        cursor = { seq: row.device_seq, hash: row.hash };
      }
      await pause();
    }
    if (brokenAt !== null)
      mismatches.push({
        deviceId: ack.deviceId,
        ackedSeq: ack.ackedSeq,
        hallSeq: cursor.seq,
        hallHash: null,
        headOfficeHash: ack.hash,
        reason: 'chain_broken',
        seq: brokenAt,
      });
  }
  return mismatches;
}
