import { z } from 'zod';
import { StationQuarantineRow } from '../schemas.ts';
import {
  PullQuery,
  PullReply,
  PushBody,
  PushReply,
  PUSH_BODY_LIMIT,
  SyncProtocolHeader,
} from '../../sync/protocol.ts';
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
export const stationSyncContract = hallRoutes({
  push: {
    method: 'POST',
    url: '/push',
    summary: 'A station pushes one batch of its journal (409 with ackedSeq on a gap)',
    tag: 'sync',
    access: ['counter-device'],
    headers: SyncProtocolHeader,
    body: PushBody,
    reply: PushReply,
    // A full protocol batch, the same at the hub and head office: what a sender builds fits both.
    bodyLimit: PUSH_BODY_LIMIT,
  },
  pull: {
    method: 'GET',
    url: '/pull',
    summary: 'A station pulls the hall’s reference data',
    tag: 'sync',
    access: ['counter-device'],
    headers: SyncProtocolHeader,
    query: PullQuery,
    reply: PullReply,
  },
});
