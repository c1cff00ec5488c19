import { faultPoint } from '../../shared/sync/fault.ts';
import { stmt } from '../../db/projections/index.ts';
import { GENESIS_HASH } from '../../shared/journal/row.ts';
import { checkBatch, replyFor, type Cursor } from '../../shared/sync/ingest.ts';
import type { PushBody, PushReply } from '../../shared/sync/protocol.ts';
import type { HallContext, WriteContext } from '../context.ts';

/**
 * The hub's receiving side for its stations: the same batch check head office runs, on SQLite.
 * Accepted rows join the hub's journal under the station's own device id (so the hub forwards them
 * unchanged) and are projected like the hub's own rows.
 */
export async function receiveBatch(
  ctx: HallContext,
  body: PushBody,
): Promise<{ kind: 'gap'; ackedSeq: number } | { kind: 'ok'; reply: PushReply }> {
  const { value } = await ctx.commits.run('acceptStationBatch', body);
  faultPoint('ingest-after-commit');
  return value;
}

/** Checks a station's batch against its cursor; keeps what is sound and quarantines the rest. */
export function acceptStationBatch(
  ctx: WriteContext,
  body: PushBody,
): { kind: 'gap'; ackedSeq: number } | { kind: 'ok'; reply: PushReply } {
  const db = ctx.db;
  const row = stmt(db, 'SELECT acked_seq, last_hash FROM local_receive_cursors WHERE device_id = ?').get(
    body.deviceId,
  ) as { acked_seq: number; last_hash: string } | undefined;
  const cursor: Cursor = row ? { seq: row.acked_seq, hash: row.last_hash } : { seq: 0, hash: GENESIS_HASH };
  const now = ctx.clock.now();
  const outcome = checkBatch(body, cursor, ctx.hallId, now);
  if (outcome.kind === 'gap') return outcome;
  // Adopted rows wake the hub's own sender and reach the hub's screens like the hub's own rows.
  for (const r of outcome.accepted) ctx.journal.adopt(r);
  for (const q of outcome.quarantined) {
    stmt(
      db,
      `INSERT OR IGNORE INTO local_quarantine (device_id, device_seq, row_id, raw, reason, received_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(q.deviceId, q.seq, q.id, JSON.stringify(q.raw) ?? 'null', q.reason, now);
  }
  stmt(
    db,
    `INSERT INTO local_receive_cursors (device_id, acked_seq, last_hash, last_push_at, skew_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET acked_seq = excluded.acked_seq, last_hash = excluded.last_hash,
         last_push_at = excluded.last_push_at, skew_ms = excluded.skew_ms`,
  ).run(body.deviceId, outcome.cursor.seq, outcome.cursor.hash, now, outcome.skewMs);
  return { kind: 'ok' as const, reply: replyFor(outcome) };
}
