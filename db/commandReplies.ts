import type { Db } from './open.ts';
import { stmt } from './projections/index.ts';

/** A queue command's stored reply, kept so that a retry with the same Idempotency-Key gets it again. */
export interface StoredReply {
  principal: string;
  fingerprint: string;
  status: number;
  reply: unknown;
}

/** The reply stored for this sender's key, if it was stored at or after `since`. */
export function findReply(db: Db, principal: string, key: string, since: number): StoredReply | null {
  const row = stmt(
    db,
    `SELECT principal, fingerprint, status, reply FROM local_command_replies
     WHERE principal = @principal AND key = @key AND created_at >= @since`,
  ).get({ principal, key, since }) as (Omit<StoredReply, 'reply'> & { reply: string }) | undefined;
  return row ? { ...row, reply: JSON.parse(row.reply) as unknown } : null;
}

/** When each connection last forgot its expired replies. */
const lastSweep = new WeakMap<Db, number>();
const SWEEP_EVERY_MS = 60_000;

/**
 * Stores a reply and, at most once a minute, forgets the ones stored before `expireBefore`: an
 * expired reply is never found (findReply asks for `since`), so sweeping on every write only cost
 * each command a statement. The sweep reads the whole table (a day's commands at most): an index on
 * the time cost every command's commit a page more (migration 0021).
 */
export function saveReply(
  db: Db,
  key: string,
  r: Omit<StoredReply, 'reply'> & { replyJson: string },
  now: number,
  expireBefore: number,
): void {
  const swept = lastSweep.get(db);
  if (swept === undefined || now - swept >= SWEEP_EVERY_MS || now < swept) {
    stmt(db, 'DELETE FROM local_command_replies WHERE created_at < ?').run(expireBefore);
    lastSweep.set(db, now);
  }
  stmt(
    db,
    `INSERT INTO local_command_replies (key, principal, fingerprint, status, reply, created_at)
     VALUES (@key, @principal, @fingerprint, @status, @reply, @now)`,
  ).run({
    key,
    principal: r.principal,
    fingerprint: r.fingerprint,
    status: r.status,
    reply: r.replyJson,
    now,
  });
}
