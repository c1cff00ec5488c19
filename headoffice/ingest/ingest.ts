import { rowHash } from '../../server/sha256.ts';
import { faultPoint } from '../../server/fault.ts';
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
import type { JournalRow } from '../../shared/journal/row.ts';
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
  /** The origin rule for this device's rows (shared/events/authority.ts). */
  authorize?: (row: JournalRow) => string | null,
): Promise<IngestResult> {
  const result = await sql.tx<IngestResult>(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [body.deviceId]);
    const [row] = await q.query<{ acked_seq: number; last_hash: string; hall_id: string }>(
      'SELECT acked_seq, last_hash, hall_id FROM device_cursors WHERE device_id = $1',
      [body.deviceId],
    );
    const cursor: Cursor = row ? { seq: row.acked_seq, hash: row.last_hash } : { seq: 0, hash: GENESIS_HASH };
    const outcome = checkBatch(body, cursor, {
      hall: rowHallId,
      receivedAt,
      schemas,
      authorize,
      hashOf: rowHash,
    });
    if (outcome.kind === 'gap') return outcome;

    if (outcome.accepted.length > 0) {
      // One statement per batch, its rows as one JSON parameter: JSON.stringify is native, where
      // node-postgres escaped every element of eleven text arrays by hand (most of the cost of a
      // batch's query on head office's thread, whose CPU bounds ingest).
      const a = outcome.accepted;
      await q.query(
        `INSERT INTO journal (id, device_id, device_seq, hall_id, type, schema_ver, payload, occurred_at, recorded_by,
           prev_hash, hash, received_at)
         SELECT id, device_id, device_seq, hall_id, type, schema_ver, payload, occurred_at, recorded_by, prev_hash,
           hash, $2::int8
         FROM json_to_recordset($1::json)
           AS r (id text, device_id text, device_seq int8, hall_id text, type text, schema_ver int4, payload text,
             occurred_at int8, recorded_by text, prev_hash text, hash text)
         ON CONFLICT (id) DO NOTHING`,
        [
          JSON.stringify(
            a.map((r) => ({
              id: r.id,
              device_id: r.device_id,
              device_seq: r.device_seq,
              hall_id: r.hall_id,
              type: r.type,
              schema_ver: r.schema_ver,
              payload: canonicalJson(r.payload),
              occurred_at: r.occurred_at,
              recorded_by: r.recorded_by,
              prev_hash: r.prev_hash,
              hash: r.hash,
            })),
          ),
          receivedAt,
        ],
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
