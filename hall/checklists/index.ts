import { domain, onEveryNode, sweepJob } from '../domain.ts';
import { hallChecklistRoutes, nodeChecklistRoutes } from './routes.ts';
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
 * Checklists and the hall's day (issue 13), local-first: the node serving the screen (a station too, its
 * hub down or not) records completions, amendments and photos in its own journal and syncs them up; a
 * station's due view is its own, laid over the hub's when the hub answers. The manager's side
 * (countersign, follow-ups, history, the hall's templates) and the missed job are the hub's, a station
 * forwarding those routes. Which occurrences exist is worked out from the templates and the clock at
 * read time; the job records each window that passed with no completion the hub holds as missed, once,
 * and an on-time completion that syncs later voids that mark (db/projections/checklists.ts). The
 * origin rules, the station's view and convergence are in docs/decisions.md.
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
  ...onEveryNode(nodeChecklistRoutes, hallChecklistRoutes),
  jobs: [sweepJob('checklist-missed', 60_000, (commits): Promise<unknown> => commits.run('markMissed'))],
});
