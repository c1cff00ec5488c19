import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import type { z } from 'zod';
import type { RatingsOverview, RatingsQuery } from '../../shared/api/hall/ratings.ts';
import { startOfLocalDay } from '../../shared/cases/deadlines.ts';
import { monthRange } from '../../shared/cases/report.ts';
import {
  isNegative,
  RatingLevel,
  type RatingOutcome,
  type RatingSource,
} from '../../shared/ratings/levels.ts';
import { addDays, businessDay } from '../../shared/time/businessDay.ts';
import type { HallContext } from '../context.ts';

/** How many ratings of the period the list shows, newest first (the counts cover them all). */
const LIST_LIMIT = 500;

interface RatingDbRow {
  id: string;
  counter_no: number;
  staff_id: string;
  ticket_id: string;
  ticket_number: string | null;
  outcome: RatingOutcome;
  reasons: string;
  source: RatingSource;
  recorded_at: number;
}

/** The business day asked for (default: today in the hall's time zone) or the month, as instants. */
function period(ctx: HallContext, q: z.infer<typeof RatingsQuery>) {
  const tz = read.settings(ctx.db).timeZone;
  if (q.month !== undefined) return { day: null, month: q.month, ...monthRange(q.month, tz) };
  const day = q.day ?? businessDay(ctx.clock.now(), tz);
  return { day, month: null, from: startOfLocalDay(day, tz), to: startOfLocalDay(addDays(day, 1), tz) };
}

const negative = (o: RatingOutcome) => o !== 'no_rating' && isNegative(RatingLevel.parse(o));

/**
 * The manager's ratings view (issue 12): per clerk and counter the outcomes over a day or a month, the
 * misuse per counter, the list with reason tags, and the case each negative rating was taken up in.
 */
export function ratingsOverview(
  ctx: HallContext,
  q: z.infer<typeof RatingsQuery>,
): z.infer<typeof RatingsOverview> {
  const p = period(ctx, q);
  const range = { from: p.from, to: p.to };
  const staff = (id: string | null) => (id === null ? null : read.staffById(ctx.db, id));
  const name = (id: string | null) => (id === null ? null : (staff(id)?.name ?? id));
  const rows = stmt(
    ctx.db,
    `SELECT g.*, r.ticket_number FROM ratings g JOIN rating_requests r ON r.id = g.request_id
     WHERE g.recorded_at >= @from AND g.recorded_at < @to ORDER BY g.recorded_at DESC LIMIT ${LIST_LIMIT}`,
  ).all(range) as RatingDbRow[];
  // Cases are found by the negative ratings on the list only (few): a case names its rating.
  const asked = rows.filter((g) => negative(g.outcome)).map((g) => g.id);
  const cases = new Map<string, { id: string; no: number }>();
  if (asked.length > 0)
    for (const c of stmt(
      ctx.db,
      `SELECT id, no, rating_id FROM cases WHERE rating_id IN (${asked.map(() => '?').join(', ')})`,
    ).all(...asked) as { id: string; no: number; rating_id: string }[])
      if (!cases.has(c.rating_id)) cases.set(c.rating_id, { id: c.id, no: c.no });

  const counts = stmt(
    ctx.db,
    `SELECT staff_id, counter_no, outcome, count(*) AS n FROM ratings
     WHERE recorded_at >= @from AND recorded_at < @to GROUP BY staff_id, counter_no, outcome`,
  ).all(range) as { staff_id: string; counter_no: number; outcome: string; n: number }[];
  const byClerk = new Map<string, z.infer<typeof RatingsOverview>['byClerk'][number]>();
  const byOutcome: Record<string, number> = {};
  for (const c of counts) {
    const key = `${c.staff_id}\u0000${c.counter_no}`;
    let row = byClerk.get(key);
    if (!row) {
      const s = staff(c.staff_id);
      row = {
        staffId: c.staff_id,
        staffName: s?.name ?? c.staff_id,
        staffNo: s?.staffNo ?? null,
        counterNo: c.counter_no,
        outcomes: {},
        total: 0,
      };
      byClerk.set(key, row);
    }
    row.outcomes[c.outcome] = c.n;
    row.total += c.n;
    byOutcome[c.outcome] = (byOutcome[c.outcome] ?? 0) + c.n;
  }

  const refused = stmt(
    ctx.db,
    `SELECT counter_no, reason, count(*) AS n FROM rating_misuse
     WHERE recorded_at >= @from AND recorded_at < @to GROUP BY counter_no, reason ORDER BY counter_no`,
  ).all(range) as { counter_no: number; reason: string; n: number }[];
  const misuse: Record<string, number> = {};
  const misuseByCounter = new Map<number, Record<string, number>>();
  for (const m of refused) {
    misuse[m.reason] = (misuse[m.reason] ?? 0) + m.n;
    const reasons = misuseByCounter.get(m.counter_no) ?? {};
    reasons[m.reason] = m.n;
    misuseByCounter.set(m.counter_no, reasons);
  }

  const feedback = stmt(
    ctx.db,
    `SELECT * FROM feedback WHERE recorded_at >= @from AND recorded_at < @to ORDER BY recorded_at DESC LIMIT ${LIST_LIMIT}`,
  ).all(range) as {
    id: string;
    source: 'paper' | 'qr';
    text: string;
    level: RatingLevel | null;
    about_staff_id: string | null;
    staff_id: string;
    recorded_at: number;
  }[];

  return {
    period: { day: p.day, month: p.month },
    ratings: rows.map((g) => ({
      ratingId: g.id,
      counterNo: g.counter_no,
      staffId: g.staff_id,
      staffName: name(g.staff_id) ?? g.staff_id,
      ticketId: g.ticket_id,
      ticketNumber: g.ticket_number,
      outcome: g.outcome,
      reasons: JSON.parse(g.reasons) as string[],
      source: g.source,
      recordedAt: g.recorded_at,
      case: cases.get(g.id) ?? null,
    })),
    byClerk: [...byClerk.values()].sort(
      (a, b) => a.counterNo - b.counterNo || a.staffName.localeCompare(b.staffName),
    ),
    misuseByCounter: [...misuseByCounter].map(([counterNo, reasons]) => ({ counterNo, reasons })),
    byOutcome,
    misuse,
    feedback: feedback.map((f) => ({
      feedbackId: f.id,
      source: f.source,
      text: f.text,
      level: f.level,
      aboutStaffName: name(f.about_staff_id),
      enteredBy: name(f.staff_id) ?? f.staff_id,
      recordedAt: f.recorded_at,
    })),
  };
}
