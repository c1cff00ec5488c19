import { z } from 'zod';

/**
 * R-EVAL-1: the evaluation levels. The four of the hall's pads are fixed; `very_dissatisfied` is an
 * optional fifth (a five-level setting). The enum only grows: a level is never renamed or removed.
 */
export const RatingLevel = z.enum([
  'very_satisfied',
  'satisfied',
  'fair',
  'dissatisfied',
  'very_dissatisfied',
]);
export type RatingLevel = z.infer<typeof RatingLevel>;

/** What a rating request ended as: a level, or no press before it expired (never counted as satisfied). */
export const RatingOutcome = z.union([RatingLevel, z.literal('no_rating')]);
export type RatingOutcome = z.infer<typeof RatingOutcome>;

/** Where the press came from: a screen, a paired pad, a USB keypad, or the request's own expiry. */
export const RatingSource = z.enum(['customer', 'pad', 'keypad', 'timeout']);
export type RatingSource = z.infer<typeof RatingSource>;

/** Why a press was refused and counted as misuse. */
export const MisuseReason = z.enum(['no_request', 'duplicate', 'expired', 'burst']);
export type MisuseReason = z.infer<typeof MisuseReason>;

/** How many levels a hall's pads show (setting `ratingLevels`). */
export const LevelCount = z.union([z.literal(3), z.literal(4), z.literal(5)]);
export type LevelCount = z.infer<typeof LevelCount>;

/** The levels shown, best first: 3 is 满意 / 基本满意 / 不满意, 4 adds 非常满意, 5 adds 非常不满意. */
export function levelsFor(count: LevelCount): RatingLevel[] {
  if (count === 3) return ['satisfied', 'fair', 'dissatisfied'];
  if (count === 4) return ['very_satisfied', 'satisfied', 'fair', 'dissatisfied'];
  return ['very_satisfied', 'satisfied', 'fair', 'dissatisfied', 'very_dissatisfied'];
}

/** The lower levels: those that may carry reason tags and that a manager follows up. */
export const isNegative = (level: RatingLevel): boolean =>
  level === 'dissatisfied' || level === 'very_dissatisfied';
export const takesReasons = (level: RatingLevel): boolean => level === 'fair' || isNegative(level);

/** Points out of five, for the clerk's star rating (R-ASSESS-3). */
const POINTS: Record<RatingLevel, number> = {
  very_satisfied: 5,
  satisfied: 4,
  fair: 3,
  dissatisfied: 2,
  very_dissatisfied: 1,
};

/**
 * The clerk's stars: the mean points of their recent rated visits, to half a star, or null with none.
 * `no_rating` is left out: a customer who did not press said nothing either way.
 */
export function stars(outcomes: readonly RatingOutcome[]): number | null {
  const rated = outcomes.filter((o): o is RatingLevel => o !== 'no_rating');
  if (rated.length === 0) return null;
  const mean = rated.reduce((sum, l) => sum + POINTS[l], 0) / rated.length;
  return Math.round(mean * 2) / 2;
}
