import { domain } from '../domain.ts';
import { checklistRoutes } from './routes.ts';
import {
  amendChecklist,
  completeChecklist,
  countersignChecklist,
  markMissed,
  resolveFollowup,
  setHallTemplate,
  storePhoto,
} from './service.ts';

/**
 * Checklists and the hall's day (issue 13): written by the hub only, like cases; a station has no
 * checklist routes, so its catch-all forwards them to the hub (hall/station/forward.ts). Which
 * occurrences exist is worked out from the templates and the clock at read time; a job records each
 * window that passed undone as missed, once.
 */
export const checklists = domain({
  procedures: {
    completeChecklist,
    amendChecklist,
    countersignChecklist,
    storePhoto,
    resolveFollowup,
    setHallTemplate,
    markMissed,
  },
  hub: ({ api }) => checklistRoutes(api),
  jobs: [
    {
      name: 'checklist-missed',
      everyMs: 60_000,
      atStart: true,
      run: async (ctx): Promise<void> => {
        await ctx.commits.run('markMissed');
      },
    },
  ],
});
