import { z } from 'zod';
import { StationQuarantineRow } from '../schemas.ts';
import { pushAndPull } from '../syncProtocol.ts';
import { hallRoutes } from './access.ts';

/** What the hall's manager sees of its stations' sync, on the LAN API. */
export const hubSyncViewContract = hallRoutes({
  stationQuarantine: {
    method: 'GET',
    url: '/sync/quarantine',
    summary: 'Station rows this hub quarantined (they travel on to head office)',
    tag: 'sync',
    access: ['manager'],
    reply: z.array(StationQuarantineRow),
  },
});

/** The hub's sync endpoints for its stations (under /sync/v1): head office's protocol (DESIGN §4). */
export const stationSyncContract = hallRoutes(pushAndPull(['counter-device'], 'A station'));
