import { domain, onEveryNode, sweepJob } from '../domain.ts';
import { raiseRecordAlerts } from './alerts.ts';
import { handoverHubRoutes, handoverRoutes } from './routes.ts';
import { acceptHandover, ruleOnHandover, writeHandover } from './service.ts';

/**
 * The handover book (交接班, issue 13): written on the node that serves the counter, synced up, so the
 * hub's manager screen sees every counter's. The hub raises the record alerts (unsigned, disputed,
 * visitors turned away) on a timer from what it holds, and takes the duty manager's opinion on a
 * disputed handover (R-HAND-1), which clears its alert.
 */
export const handover = domain({
  procedures: { writeHandover, acceptHandover, ruleOnHandover, raiseRecordAlerts },
  ...onEveryNode(handoverRoutes, handoverHubRoutes),
  jobs: [sweepJob('record-alerts', 60_000, (commits): Promise<unknown> => commits.run('raiseRecordAlerts'))],
});
