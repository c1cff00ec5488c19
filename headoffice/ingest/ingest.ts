import { faultPoint } from '../../shared/sync/fault.ts';
import { canonicalJson } from '../../shared/journal/canonical.ts';
import { GENESIS_HASH } from '../../shared/journal/row.ts';
import {
  checkBatch,
  replyFor,
  THIS_BUILD,
  type Cursor,
  type SchemaRegistry,
} from '../../shared/sync/ingest.ts';
import type { PushBody, PushReply } from '../../shared/sync/protocol.ts';
import type { Sql } from '../db/sql.ts';

export type IngestResult = { kind: 'gap'; ackedSeq: number } | { kind: 'ok'; reply: PushReply };

/**
 * One pushed batch in one transaction (DESIGN §4): lock the device, check the batch starts at the
 * cursor, store valid rows (ON CONFLICT DO NOTHING), quarantine bad ones with their reason, advance the
 * cursor, and only then reply.
 */
export async function ingestBatch(
  sql: Sql,
  hallId: string,
  rowHallId: string,
  body: PushBody,
  receivedAt: number,
  schemas: SchemaRegistry = THIS_BUILD,
): Promise<IngestResult> {
  const result = await sql.tx<IngestResult>(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [body.deviceId]);
    const [row] = await q.query<{ acked_seq: number; last_hash: string; hall_id: string }>(
      'SELECT acked_seq, last_hash, hall_id FROM device_cursors WHERE device_id = $1',
      [body.deviceId],
    );
    const cursor: Cursor = row ? { seq: row.acked_seq, hash: row.last_hash } : { seq: 0, hash: GENESIS_HASH };
    const outcome = checkBatch(body, cursor, rowHallId, receivedAt, schemas);
    if (outcome.kind === 'gap') return outcome;

    if (outcome.accepted.length > 0) {
      const cols = [
        'id',
        'device_id',
        'device_seq',
        'hall_id',
        'type',
        'schema_ver',
        'payload',
        'occurred_at',
        'recorded_by',
        'prev_hash',
        'hash',
        'received_at',
      ];
      const values: unknown[] = [];
      const tuples = outcome.accepted.map((r, i) => {
        values.push(
          r.id,
          r.device_id,
          r.device_seq,
          r.hall_id,
          r.type,
          r.schema_ver,
          canonicalJson(r.payload),
          r.occurred_at,
          r.recorded_by,
          r.prev_hash,
          r.hash,
          receivedAt,
        );
        return `(${cols.map((_, j) => `$${i * cols.length + j + 1}`).join(', ')})`;
      });
      await q.query(
        `INSERT INTO journal (${cols.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`,
        values,
      );
    }
    for (const bad of outcome.quarantined) {
      await q.query(
        `INSERT INTO quarantine (device_id, device_seq, row_id, hall_id, raw, reason, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (device_id, device_seq) DO NOTHING`,
        [bad.deviceId, bad.seq, bad.id, hallId, safeJson(bad.raw), bad.reason, receivedAt],
      );
    }
    await q.query(
      `INSERT INTO device_cursors (device_id, hall_id, acked_seq, last_hash, last_push_at, skew_ms)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (device_id) DO UPDATE SET acked_seq = excluded.acked_seq, last_hash = excluded.last_hash,
         last_push_at = excluded.last_push_at, skew_ms = excluded.skew_ms`,
      [body.deviceId, hallId, outcome.cursor.seq, outcome.cursor.hash, receivedAt, outcome.skewMs],
    );
    faultPoint('ingest-before-commit');
    return { kind: 'ok', reply: replyFor(outcome) };
  });
  faultPoint('ingest-after-commit');
  return result;
}

/** Quarantined input is kept whole, even when it is not JSON-safe. */
function safeJson(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? 'null';
  } catch {
    return String(raw);
  }
}
