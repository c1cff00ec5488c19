import type { Projectors } from './index.ts';
import { insertRow } from './index.ts';

/** Ratings and feedback (migration 0015), each event one INSERT. */
export const RATING_TABLES = ['rating_requests', 'ratings', 'rating_misuse', 'feedback'] as const;

export const ratingProjectors: Projectors = {
  'rating.requested': (db, p, row) =>
    insertRow(db, 'rating_requests', {
      id: p.requestId,
      device_id: row.device_id,
      counter_no: p.counterNo,
      staff_id: p.staffId,
      ticket_id: p.ticketId,
      ticket_number: p.ticketNumber,
      requested_at: row.occurred_at,
      expires_at: p.expiresAt,
    }),
  'rating.recorded': (db, p, row) =>
    insertRow(db, 'ratings', {
      id: p.ratingId,
      request_id: p.requestId,
      device_id: row.device_id,
      counter_no: p.counterNo,
      staff_id: p.staffId,
      ticket_id: p.ticketId,
      outcome: p.outcome,
      reasons: JSON.stringify(p.reasons),
      source: p.source,
      recorded_at: row.occurred_at,
    }),
  'rating.misuse': (db, p, row) =>
    insertRow(db, 'rating_misuse', {
      device_id: row.device_id,
      journal_seq: row.device_seq,
      counter_no: p.counterNo,
      request_id: p.requestId,
      reason: p.reason,
      source: p.source,
      recorded_at: row.occurred_at,
    }),
  'feedback.recorded': (db, p, row) =>
    insertRow(db, 'feedback', {
      id: p.feedbackId,
      device_id: row.device_id,
      counter_no: p.counterNo,
      staff_id: p.staffId,
      source: p.source,
      text: p.text,
      level: p.level,
      about_staff_id: p.aboutStaffId,
      ticket_id: p.ticketId,
      recorded_at: row.occurred_at,
    }),
};
