import type { ChainBreak } from '../shared/journal/hash.ts';
import { rowHash, storedRowMatches } from '../server/sha256.ts';
import { GENESIS_HASH, type JournalRow } from '../shared/journal/row.ts';
import type { DeviceAckT, IntegrityMismatchT } from '../shared/sync/protocol.ts';
import type { Db } from './open.ts';
import { parseStoredRow } from './journal.ts';

export interface DeviceReport {
  deviceId: string;
  rows: number;
  /** Sequence numbers this node quarantined from that device: known, not gaps (DESIGN §4). */
  quarantined: number;
  breaks: number;
}

export interface VerifyReport {
  devices: DeviceReport[];
  /** Every broken link of every device, in device then sequence order. */
  breaks: ChainBreak[];
  firstBreak: ChainBreak | null;
}

/** Rows read per query: keyset pages, so no statement stays open across a yield to the event loop. */
const PAGE = 1_000;
/** More breaks than this in one device are summed, not listed (a rewritten history breaks every row). */
const LISTED_PER_DEVICE = 100;

/**
 * Walks every device's chain in sequence order (DESIGN §2) and reports every broken link, not just
 * the first: after a break the walk goes on from the broken row. A sequence number this node
 * quarantined (a station row the hub refused) is a known hole: the chain continues from the hash the
 * quarantined row claimed, as the receiver did.
 */
export function* verifySteps(
  db: Db,
  /** Only these devices, each up to this seq (what an upstream acknowledged); absent: all of every device. */
  upTo?: ReadonlyMap<string, number>,
): Generator<void, VerifyReport> {
  const devices = upTo
    ? [...upTo.keys()].sort()
    : (db
        .prepare(
          // Skip-scan of the (device_id, device_seq) index, one probe per device: a GROUP BY walked all
          // of a million-row journal before the first page, holding a starting node's event loop.
          `WITH RECURSIVE d(id) AS (
             SELECT (SELECT min(device_id) FROM journal)
             UNION ALL SELECT (SELECT min(device_id) FROM journal WHERE device_id > d.id) FROM d WHERE d.id IS NOT NULL)
           SELECT id FROM d WHERE id IS NOT NULL
           UNION SELECT device_id FROM local_quarantine ORDER BY 1`,
        )
        .pluck()
        .all() as string[]);
  const page = db.prepare(
    'SELECT * FROM journal WHERE device_id = ? AND device_seq > ? AND device_seq <= ? ORDER BY device_seq LIMIT ?',
  );
  const held = db.prepare(
    'SELECT device_seq, raw FROM local_quarantine WHERE device_id = ? ORDER BY device_seq',
  );
  const reports: DeviceReport[] = [];
  const breaks: ChainBreak[] = [];
  for (const deviceId of devices) {
    const quarantine = new Map(
      (held.all(deviceId) as { device_seq: number; raw: string }[]).map((q) => [
        q.device_seq,
        claimedHash(q.raw),
      ]),
    );
    const report: DeviceReport = { deviceId, rows: 0, quarantined: quarantine.size, breaks: 0 };
    let seq = 0;
    let hash = GENESIS_HASH;
    const broken = (row: Pick<JournalRow, 'device_seq' | 'id'>, reason: string) => {
      report.breaks++;
      if (report.breaks <= LISTED_PER_DEVICE)
        breaks.push({ device_id: deviceId, device_seq: row.device_seq, id: row.id, reason });
    };
    /** Steps over quarantined sequence numbers up to `upTo`, taking the hash each one claimed. */
    const skipQuarantined = (upTo: number) => {
      while (seq + 1 < upTo && quarantine.has(seq + 1)) {
        seq++;
        hash = quarantine.get(seq) ?? hash;
      }
    };
    for (;;) {
      const rows = page.all(
        deviceId,
        seq,
        upTo?.get(deviceId) ?? Number.MAX_SAFE_INTEGER,
        PAGE,
      ) as Parameters<typeof parseStoredRow>[0][];
      if (rows.length === 0) break;
      for (const stored of rows) {
        report.rows++;
        skipQuarantined(stored.device_seq);
        if (stored.device_seq !== seq + 1) broken(stored, `sequence gap: expected ${seq + 1}`);
        else if (stored.prev_hash !== hash) broken(stored, 'prev_hash does not match the previous row');
        // The stored text re-hashed as it is; only a row stored in another form is parsed to be sure.
        else if (!storedRowMatches(stored) && rowHash(parseStoredRow(stored)) !== stored.hash)
          broken(stored, 'hash does not match the row contents');
        seq = stored.device_seq;
        hash = stored.hash;
      }
      yield;
    }
    reports.push(report);
  }
  return { devices: reports, breaks, firstBreak: breaks[0] ?? null };
}

/** The hash a quarantined row claimed, when its stored text says one. */
function claimedHash(raw: string): string | null {
  try {
    const hash = (JSON.parse(raw) as { hash?: unknown } | null)?.hash;
    return typeof hash === 'string' ? hash : null;
  } catch {
    return null;
  }
}

/** The whole walk at once (the CLI). */
export function verifyJournal(db: Db): VerifyReport {
  const steps = verifySteps(db);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The same walk a page at a time, yielding to the event loop between pages (a running node). Returns
 * null when `stop` says so between pages (the node is closing its database).
 */
export async function verifyJournalInBackground(
  db: Db,
  stop: () => boolean = () => false,
): Promise<VerifyReport | null> {
  const steps = verifySteps(db);
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stop()) return null;
    const next = steps.next();
    if (next.done) return next.value;
  }
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

/**
 * Walks each acknowledged device's chain up to its acknowledged seq, pausing between pages, so a hub
 * can run it periodically without holding its event loop for the whole journal. A row edited in place
 * (its stored hash kept) is a mismatch too; the first break of each device is reported.
 */
export async function walkAckedChains(
  db: Db,
  acks: readonly DeviceAckT[],
  pause: () => Promise<void>,
): Promise<IntegrityMismatchT[]> {
  const acked = new Map(acks.filter((a) => a.ackedSeq > 0).map((a) => [a.deviceId, a]));
  const steps = verifySteps(db, new Map([...acked].map(([id, a]) => [id, a.ackedSeq])));
  let next = steps.next();
  while (!next.done) {
    await pause();
    next = steps.next();
  }
  const mismatches: IntegrityMismatchT[] = [];
  for (const b of next.value.breaks) {
    const ack = acked.get(b.device_id);
    if (!ack || mismatches.some((m) => m.deviceId === b.device_id)) continue;
    mismatches.push({
      deviceId: b.device_id,
      ackedSeq: ack.ackedSeq,
      hallSeq: b.device_seq - 1,
      hallHash: null,
      headOfficeHash: ack.hash,
      reason: 'chain_broken',
      seq: b.device_seq,
    });
  }
  return mismatches;
}
