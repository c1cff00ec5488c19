import { stmt } from '../../db/projections/index.ts';
import type { Db } from '../../db/open.ts';
import type { RatingOutcome } from '../../shared/ratings/levels.ts';
import { BURST_WINDOW_MS, type RequestState } from '../../shared/ratings/machine.ts';

export interface RequestRow {
  id: string;
  counter_no: number;
  staff_id: string;
  ticket_id: string;
  ticket_number: string | null;
  requested_at: number;
  expires_at: number;
  outcome: RatingOutcome | null;
}

const REQUEST_SELECT = `SELECT r.id, r.counter_no, r.staff_id, r.ticket_id, r.ticket_number, r.requested_at, r.expires_at,
  g.outcome FROM rating_requests r LEFT JOIN ratings g ON g.request_id = r.id`;

export const requestById = (db: Db, id: string): RequestRow | null =>
  (stmt(db, `${REQUEST_SELECT} WHERE r.id = ?`).get(id) as RequestRow | undefined) ?? null;

/** The counter's latest request, answered or not. */
export const latestRequest = (db: Db, counterNo: number): RequestRow | null =>
  (stmt(
    db,
    `${REQUEST_SELECT} WHERE r.counter_no = ? ORDER BY r.requested_at DESC, r.rowid DESC LIMIT 1`,
  ).get(counterNo) as RequestRow | undefined) ?? null;

export const requestForTicket = (db: Db, ticketId: string): RequestRow | null =>
  (stmt(db, `${REQUEST_SELECT} WHERE r.ticket_id = ?`).get(ticketId) as RequestRow | undefined) ?? null;

/** Requests nobody answered whose window has passed (all counters, or one). */
export const dueRequests = (db: Db, now: number, counterNo: number | null): RequestRow[] =>
  stmt(
    db,
    `${REQUEST_SELECT} WHERE g.outcome IS NULL AND r.expires_at <= ? AND (? IS NULL OR r.counter_no = ?)`,
  ).all(now, counterNo, counterNo) as RequestRow[];

export const toState = (r: RequestRow): RequestState => ({
  requestId: r.id,
  openedAt: r.requested_at,
  expiresAt: r.expires_at,
  outcome: r.outcome === null ? null : r.outcome === 'no_rating' ? 'no_rating' : 'rated',
});

/** The times of a counter's presses (taken or refused) in the burst window before `now`. */
export const recentPresses = (db: Db, counterNo: number, now: number): number[] =>
  stmt(
    db,
    `SELECT recorded_at FROM ratings WHERE counter_no = ? AND source != 'timeout' AND recorded_at > ?
     UNION ALL SELECT recorded_at FROM rating_misuse WHERE counter_no = ? AND recorded_at > ?`,
  )
    .pluck()
    .all(counterNo, now - BURST_WINDOW_MS, counterNo, now - BURST_WINDOW_MS) as number[];

/** A clerk's most recent outcomes, newest first, for their stars. */
export const recentOutcomes = (db: Db, staffId: string, limit = 50): RatingOutcome[] =>
  stmt(db, 'SELECT outcome FROM ratings WHERE staff_id = ? ORDER BY recorded_at DESC LIMIT ?')
    .pluck()
    .all(staffId, limit) as RatingOutcome[];
