import type { Projectors } from './index.ts';
import { stmt } from './index.ts';

/** Ratings and feedback (migration 0015), each event one INSERT. */
export const RATING_TABLES = ['rating_requests', 'ratings', 'rating_misuse', 'feedback'] as const;

export const ratingProjectors: Projectors = {
  'rating.requested': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO rating_requests (id, device_id, counter_no, staff_id, ticket_id, ticket_number, requested_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.requestId,
      row.device_id,
      p.counterNo,
      p.staffId,
      p.ticketId,
      p.ticketNumber,
      row.occurred_at,
      p.expiresAt,
    );
  },
  'rating.recorded': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO ratings (id, request_id, device_id, counter_no, staff_id, ticket_id, outcome, reasons, source, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.ratingId,
      p.requestId,
      row.device_id,
      p.counterNo,
      p.staffId,
      p.ticketId,
      p.outcome,
      JSON.stringify(p.reasons),
      p.source,
      row.occurred_at,
    );
  },
  'rating.misuse': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO rating_misuse (device_id, journal_seq, counter_no, request_id, reason, source, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.device_id, row.device_seq, p.counterNo, p.requestId, p.reason, p.source, row.occurred_at);
  },
  'feedback.recorded': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO feedback (id, device_id, counter_no, staff_id, source, text, level, about_staff_id, ticket_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.feedbackId,
      row.device_id,
      p.counterNo,
      p.staffId,
      p.source,
      p.text,
      p.level,
      p.aboutStaffId,
      p.ticketId,
      row.occurred_at,
    );
  },
};
