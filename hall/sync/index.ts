import { domain } from '../domain.ts';
import { applyPull } from './pull.ts';
import { stationQuarantineRoute } from './quarantine.ts';
import { acceptStationBatch } from './receiver.ts';
import { hubSyncRoutes } from './routes.ts';

/** Sync: the hub receives its stations' journals and serves them reference data (DESIGN §4). */
export const sync = domain({
  procedures: { acceptStationBatch, applyPull },
  hub: ({ api, sync }) => {
    hubSyncRoutes(sync);
    stationQuarantineRoute(api);
  },
});
