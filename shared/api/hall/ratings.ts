import { z } from 'zod';
import { CustomerView, CounterScreenState, OpenRatingRequest } from '../../customer/screen.ts';
import { DayText, Id } from '../../primitives.ts';
import { MonthText } from '../../cases/report.ts';
import { CounterParams } from '../schemas.ts';
import { RatingLevel, RatingOutcome, RatingSource } from '../../ratings/levels.ts';
import { SafeText } from '../../text.ts';
import { IdempotencyHeader } from '../contract.ts';
import { hallRoutes } from './access.ts';

export const RatingRequestBody = z
  .object({ ticketId: Id, ticketNumber: z.string().trim().min(1).max(16).optional() })
  .strict();

export const RatingBody = z
  .object({
    /** The request pressed on; absent (a keypad key): the counter's latest. */
    requestId: Id.optional(),
    level: RatingLevel,
    reasons: z.array(z.string().max(24)).max(12).optional(),
    source: RatingSource.exclude(['timeout']).optional(),
  })
  .strict();

export const FeedbackBody = z
  .object({
    source: z.enum(['paper', 'qr']),
    text: SafeText(2000),
    level: RatingLevel.optional(),
    aboutStaffNo: z
      .string()
      .regex(/^\d{3,8}$/)
      .optional(),
    ticketId: Id.optional(),
  })
  .strict();

/** What the clerk may know of the counter's latest request: whether it was rated, never how. */
export const RatingRequestStatus = z.object({
  requestId: Id,
  ticketNumber: z.string().nullable(),
  expiresAt: z.number().int(),
  state: z.enum(['open', 'rated', 'no_rating']),
});

/** The manager's ratings view covers one business day (default: today) or one month. */
export const RatingsQuery = z
  .object({ day: DayText.optional(), month: MonthText.optional() })
  .strict()
  .refine((q) => q.day === undefined || q.month === undefined, {
    message: 'give a day or a month, not both',
  });

export const RatingRow = z.object({
  ratingId: Id,
  counterNo: z.number().int(),
  staffId: Id,
  staffName: z.string(),
  ticketId: Id,
  ticketNumber: z.string().nullable(),
  outcome: RatingOutcome,
  reasons: z.array(z.string()),
  source: RatingSource,
  recordedAt: z.number().int(),
  /** The case opened from this rating (one at most: a second is refused), or null. */
  case: z.object({ id: Id, no: z.number().int() }).nullable(),
});

/** One clerk at one counter over the period: how many of each outcome (no_rating included). */
export const ClerkRatings = z.object({
  staffId: Id,
  staffName: z.string(),
  staffNo: z.string().nullable(),
  counterNo: z.number().int(),
  outcomes: z.record(z.string(), z.number().int()),
  total: z.number().int(),
});

export const RatingsOverview = z.object({
  /** The period shown: a business day or a month, as asked. */
  period: z.object({ day: DayText.nullable(), month: MonthText.nullable() }),
  ratings: z.array(RatingRow),
  byClerk: z.array(ClerkRatings),
  /** Refused presses per counter and reason (a press names no clerk: misuse is the counter's). */
  misuseByCounter: z.array(
    z.object({ counterNo: z.number().int(), reasons: z.record(z.string(), z.number().int()) }),
  ),
  byOutcome: z.record(z.string(), z.number().int()),
  misuse: z.record(z.string(), z.number().int()),
  feedback: z.array(
    z.object({
      feedbackId: Id,
      source: z.enum(['paper', 'qr']),
      text: z.string(),
      level: RatingLevel.nullable(),
      aboutStaffName: z.string().nullable(),
      enteredBy: z.string(),
      recordedAt: z.number().int(),
    }),
  ),
});

export const ratingsContract = hallRoutes({
  requestRating: {
    method: 'POST',
    url: '/counters/:no/rating-requests',
    summary: 'Invite the customer of a ticket to rate (R-EVAL-1); open for ratingWindowSeconds',
    tag: 'ratings',
    access: ['clerk'],
    params: CounterParams,
    body: RatingRequestBody,
    headers: IdempotencyHeader,
    reply: z.object({ requestId: Id, expiresAt: z.number().int() }),
    status: 201,
    idempotent: true,
  },
  currentRatingRequest: {
    method: 'GET',
    url: '/counters/:no/rating-requests/current',
    summary: "The counter's open rating request (204: none); an expired one is recorded as no_rating first",
    tag: 'ratings',
    access: ['clerk', 'pad'],
    params: CounterParams,
    reply: OpenRatingRequest,
    empty: 'no rating request is open',
  },
  lastRatingRequest: {
    method: 'GET',
    url: '/counters/:no/rating-requests/last',
    summary: "Whether the counter's latest request was rated (never which level: the clerk sees only that)",
    tag: 'ratings',
    access: ['clerk'],
    params: CounterParams,
    reply: RatingRequestStatus,
    empty: 'no rating request yet',
  },
  recordRating: {
    method: 'POST',
    url: '/ratings',
    summary:
      'A press on the customer screen, pad or keypad; refused presses are 409 and counted as misuse; a retry with the same Idempotency-Key replays the first answer',
    tag: 'ratings',
    access: ['pad'],
    body: RatingBody,
    // A retry after a lost reply gets the first reply (also a refusal) and is not counted as misuse.
    headers: IdempotencyHeader,
    reply: z.object({ ratingId: Id }),
    status: 201,
    idempotent: true,
  },
  ratings: {
    method: 'GET',
    url: '/ratings',
    summary:
      'Ratings of a day (default today) or a month: per clerk and counter, by outcome, misuse, the list with reasons and any case opened from each, and feedback forms',
    tag: 'ratings',
    access: ['manager'],
    query: RatingsQuery,
    reply: RatingsOverview,
  },
  recordFeedback: {
    method: 'POST',
    url: '/feedback',
    summary: 'Enter a paper or QR opinion form (R-EVAL-2)',
    tag: 'ratings',
    access: ['clerk'],
    body: FeedbackBody,
    headers: IdempotencyHeader,
    reply: z.object({ feedbackId: Id }),
    status: 201,
    idempotent: true,
  },
  makeScreenCode: {
    method: 'POST',
    url: '/counters/:no/screens',
    summary: "A one-time code that pairs this counter's customer screen or pad with this node",
    tag: 'ratings',
    access: ['clerk'],
    params: CounterParams,
    body: z.object({ kind: z.enum(['customer', 'pad']) }).strict(),
    reply: z.object({ code: z.string(), expiresAt: z.number().int() }),
    status: 201,
  },
  pairScreen: {
    method: 'POST',
    url: '/screens/pair',
    summary: 'Exchange a screen code for a token that speaks for that counter’s screen on this node',
    tag: 'ratings',
    access: 'anyone',
    body: z.object({ code: z.string().trim().min(1).max(32) }).strict(),
    reply: z.object({ token: z.string(), counterNo: z.number().int(), kind: z.enum(['customer', 'pad']) }),
    status: 201,
  },
  counterScreen: {
    method: 'GET',
    url: '/counters/:no/screen',
    summary: 'Everything the customer screen of a counter shows (R-SCR-1)',
    tag: 'ratings',
    access: ['clerk', 'pad'],
    params: CounterParams,
    reply: CustomerView,
  },
  publishScreen: {
    method: 'PUT',
    url: '/counters/:no/screen',
    summary:
      'What the clerk shows the customer now (steps, materials, amounts, away); kept in memory, not journaled',
    tag: 'ratings',
    access: ['clerk'],
    params: CounterParams,
    body: CounterScreenState,
  },
});
