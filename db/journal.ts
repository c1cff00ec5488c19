import { EVENTS, CURRENT_SCHEMA_VER, type EventPayload, type EventType } from '../shared/events/catalog.ts';
import { GENESIS_HASH, type JournalRow } from '../shared/journal/row.ts';
import { nodeSha256 } from '../server/sha256.ts';
import { canonicalRowText } from '../shared/journal/hash.ts';
import { canonicalPayload } from '../shared/journal/canonical.ts';
import type { Clock, Ids } from '../shared/runtime.ts';
import type { Db } from './open.ts';
import { applyEvent } from './projections/index.ts';

export interface JournalIdentity {
  deviceId: string;
  hallId: string;
}

interface StoredRow extends Omit<JournalRow, 'payload'> {
  payload: string;
}

export function parseStoredRow(row: StoredRow): JournalRow {
  return { ...row, payload: JSON.parse(row.payload) as Record<string, unknown> };
}

/**
 * Appends events to this device's hash chain and applies each to the projections, in the caller's
 * transaction: the row and its effects commit together or not at all.
 */
export class Journal {
  private readonly last;
  private readonly insert;
  private readonly insertIfNew;
  private listeners: ((row: JournalRow) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly identity: JournalIdentity,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {
    this.last = db.prepare(
      'SELECT device_seq AS seq, hash FROM journal WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1',
    );
    const columns = `(id, device_id, device_seq, hall_id, type, schema_ver, payload, occurred_at, recorded_by,
      prev_hash, hash) VALUES (@id, @device_id, @device_seq, @hall_id, @type, @schema_ver, @payload, @occurred_at,
      @recorded_by, @prev_hash, @hash)`;
    this.insert = db.prepare(`INSERT INTO journal ${columns}`);
    this.insertIfNew = db.prepare(`INSERT OR IGNORE INTO journal ${columns}`);
  }

  get deviceId(): string {
    return this.identity.deviceId;
  }

  /** Called for every appended row, inside the transaction (used to collect what to announce after commit). */
  onAppend(listener: (row: JournalRow) => void): void {
    this.listeners.push(listener);
  }

  append<K extends EventType>(type: K, payload: EventPayload<K>, recordedBy: string): JournalRow {
    if (!this.db.inTransaction) throw new Error('Journal.append must run inside a transaction');
    const parsed = EVENTS[type].parse(payload) as Record<string, unknown>;
    const previous = this.last.get(this.identity.deviceId) as { seq: number; hash: string } | undefined;
    const unsigned = {
      id: this.ids.next(),
      device_id: this.identity.deviceId,
      device_seq: (previous?.seq ?? 0) + 1,
      hall_id: this.identity.hallId,
      type,
      schema_ver: CURRENT_SCHEMA_VER,
      payload: parsed,
      occurred_at: this.clock.now(),
      recorded_by: recordedBy,
      prev_hash: previous?.hash ?? GENESIS_HASH,
    };
    // The payload is stored as its canonical text, the very text the hash covers, so a chain walk can
    // re-hash the stored row without parsing it (db/verify.ts); it is projected as a rebuild will read
    // it back (canonical key order), so both store the same text.
    const canonical = canonicalPayload(parsed);
    const payloadJson = canonical.text;
    const row: JournalRow = {
      ...unsigned,
      hash: nodeSha256(unsigned.prev_hash + canonicalRowText(unsigned, payloadJson)),
    };
    this.insert.run({ ...row, payload: payloadJson });
    applyEvent(this.db, { ...row, payload: canonical.value });
    for (const listener of this.listeners) listener(row);
    return row;
  }

  /**
   * Stores a row another device wrote (a hub receiving its stations' journals) exactly as it came,
   * projects it and tells the listeners, so live screens and the upstream sender see it like an own row.
   * Returns false when the row was already here (a repeated batch).
   */
  adopt(row: JournalRow): boolean {
    if (!this.db.inTransaction) throw new Error('Journal.adopt must run inside a transaction');
    const canonical = canonicalPayload(row.payload);
    if (this.insertIfNew.run({ ...row, payload: canonical.text }).changes === 0) return false;
    applyEvent(this.db, { ...row, payload: canonical.value });
    for (const listener of this.listeners) listener(row);
    return true;
  }

  lastSeq(): number {
    const previous = this.last.get(this.identity.deviceId) as { seq: number } | undefined;
    return previous?.seq ?? 0;
  }
}
