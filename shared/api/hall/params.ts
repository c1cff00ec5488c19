import { z } from 'zod';
import { DayText, Id } from '../../primitives.ts';

/** The path parameters and queries many hall routes share: a record by its id, a business day. */
export const IdParams = z.object({ id: Id }).strict();
export const DayParams = z.object({ day: DayText }).strict();
/** A day's list; without `day`, today in the hall's time zone. */
export const DayQuery = z.object({ day: DayText.optional() }).strict();
