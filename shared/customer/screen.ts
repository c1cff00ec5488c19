import { z } from 'zod';
import { Fen } from '../money/amounts.ts';
import { DayText, Id, ServiceCode } from '../primitives.ts';
import { LevelCount, RatingLevel } from '../ratings/levels.ts';
import { ServiceGuide } from './guides.ts';

/**
 * What the counter shows its customer right now (R-SCR-1): pushed by the clerk's counter screen to
 * the node that serves it and kept there in memory, never journaled. It is a view, not a record: the
 * records (receipts, ratings) are journaled by their own commands.
 */
export const CounterScreenState = z
  .object({
    ticket: z
      .object({ id: Id, number: z.string().max(16), serviceCode: ServiceCode })
      .strict()
      .nullable(),
    /** Which of the service's steps the customer is at (0-based). */
    step: z.number().int().min(0).max(9).default(0),
    /** R-FR-3: indexes of the required materials the customer did not bring; null: not checked yet. */
    missing: z.array(z.number().int().min(0).max(19)).max(20).nullable().default(null),
    /** R-FR-4: the business was accepted; completion is promised for this day. */
    accepted: z.object({ promisedDay: DayText }).strict().nullable().default(null),
    /** R-CASH-1: the figures of the payment being taken (唱收唱付). */
    cash: z.object({ dueFen: Fen, receivedFen: Fen, changeFen: Fen }).strict().nullable().default(null),
    /** R-AWAY-1: the away sign. */
    away: z
      .object({ reason: z.string().trim().min(1).max(100), returnAt: z.number().int() })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type CounterScreenState = z.infer<typeof CounterScreenState>;

/** An open rating request as the customer's screen, a pad and the clerk see it (never a level). */
export const OpenRatingRequest = z.object({
  requestId: Id,
  counterNo: z.number().int(),
  ticketNumber: z.string().nullable(),
  expiresAt: z.number().int(),
  levels: z.array(RatingLevel),
  reasons: z.array(z.string()),
  keys: z.array(z.string()),
});
export type OpenRatingRequest = z.infer<typeof OpenRatingRequest>;

/** Everything the customer screen of a counter draws, in one read. */
export const CustomerView = z.object({
  counterNo: z.number().int(),
  hallName: z.string(),
  demo: z.boolean(),
  notice: z.object({ zh: z.string(), en: z.string() }),
  now: z.number().int(),
  /** The clerk signed in at the counter (no photo in the reference data: the screen shows initials). */
  clerk: z
    .object({
      name: z.string(),
      staffNo: z.string(),
      initials: z.string(),
      /** R-ASSESS-3: the mean of their recent ratings in stars, to half a star; null: none yet. */
      stars: z.number().nullable(),
      rated: z.number().int(),
    })
    .nullable(),
  live: CounterScreenState.nullable(),
  service: z
    .object({ code: ServiceCode, name: z.string(), nameEn: z.string(), guide: ServiceGuide.nullable() })
    .nullable(),
  rating: OpenRatingRequest.nullable(),
  levelCount: LevelCount,
});
export type CustomerView = z.infer<typeof CustomerView>;
