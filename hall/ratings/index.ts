import { domain, onEveryNode } from '../domain.ts';
import { ratingRoutes } from './routes.ts';
import {
  expireRatings,
  makeScreenCode,
  pairScreen,
  pressRating,
  recordFeedback,
  requestRating,
} from './service.ts';

/**
 * Ratings and the customer screen (issue 12; R-EVAL-1, R-EVAL-2, R-SCR-1): written by the node that
 * serves the counter, so a station rates its customers with the hub and head office unreachable.
 */
export const ratings = domain({
  procedures: { requestRating, pressRating, expireRatings, recordFeedback, makeScreenCode, pairScreen },
  ...onEveryNode(ratingRoutes),
  jobs: [
    {
      name: 'rating-expiry',
      everyMs: 5_000,
      // R-EVAL-1: an unanswered request ends as no_rating even when no screen reads it again.
      run: async (ctx): Promise<void> => {
        await ctx.commits.run('expireRatings', null);
      },
    },
  ],
});
