import { domain } from '../domain.ts';
import { casesRoutes } from './routes.ts';
import { actOnCase, openCase } from './service.ts';

/**
 * Cases (首问负责制, issue 12): written by the hub only; a station has no case routes, so its catch-all
 * forwards them to the hub (hall/station/forward.ts). Reminders (R-FR-2) and the overdue list
 * (R-DUTY-1) are worked out from the deadlines at read time with the node's clock: no job.
 */
export const cases = domain({
  procedures: { openCase, actOnCase },
  hub: ({ api }) => casesRoutes(api),
});
