import { rowHash } from '../../server/sha256.ts';
import { faultPoint } from '../../server/fault.ts';
import { stmt } from '../../db/projections/index.ts';
import { GENESIS_HASH } from '../../shared/journal/row.ts';
import { checkBatch, replyFor, type Cursor } from '../../shared/sync/ingest.ts';
import { stationGate, type StationFacts } from '../../shared/events/authority.ts';
import * as read from '../../db/read.ts';
import type { Db } from '../../db/open.ts';
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
  const outcome = checkBatch(body, cursor, {
    hall: ctx.hallId,
    receivedAt: now,
    authorize: stationGate(stationFacts(db, body.deviceId)),
    hashOf: rowHash,
  });
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

/**
 * What the hub knows of a station for the origin rule: the counter it was paired for, the hall's
 * staff, and who its own journal last signed in (its sign-in rows reached the hub before its records).
 */
function stationFacts(db: Db, deviceId: string): StationFacts {
  const device = stmt(db, "SELECT counter_no FROM devices WHERE id = ? AND role = 'counter'").get(
    deviceId,
  ) as { counter_no: number | null } | undefined;
  const last = stmt(
    db,
    `SELECT type, json_extract(payload, '$.staffId') AS staff_id FROM journal
     WHERE device_id = ? AND type IN ('counter.signed_in', 'counter.signed_out')
     ORDER BY device_seq DESC LIMIT 1`,
  ).get(deviceId) as { type: string; staff_id: string } | undefined;
  return {
    deviceId,
    counterNo: device?.counter_no ?? null,
    // A station paired before it learnt the hub's staff ids names staff as `staff-<staffNo>`.
    staffKnown: (staffId) =>
      read.staffById(db, staffId) !== null ||
      (staffId.startsWith('staff-') && read.staffByNo(db, staffId.slice('staff-'.length)) !== null),
    signedIn: last?.type === 'counter.signed_in' ? last.staff_id : null,
  };
}
