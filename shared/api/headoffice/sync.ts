import { z } from 'zod';
import { PairingCode } from '../../pairingCode.ts';
import {
  DeviceAck,
  IntegrityReportBody,
  PullQuery,
  PullReply,
  PushBody,
  PushReply,
  PUSH_BODY_LIMIT,
  RegisterStationBody,
  RegisterStationReply,
  SyncProtocolHeader,
} from '../../sync/protocol.ts';
import { hoRoutes } from './access.ts';

export const HubPairBody = z
  .object({
    code: PairingCode,
    deviceId: z.string().min(1).max(64),
    hallId: z.string().min(1).max(64),
  })
  .strict();

/** Head office's side of the sync protocol (under /sync/v1), for the halls' hubs (DESIGN §4). */
export const hubSyncContract = hoRoutes({
  push: {
    method: 'POST',
    url: '/push',
    summary: 'Push one batch of one device’s journal rows (409 with ackedSeq on a gap)',
    tag: 'sync',
    access: ['hub'],
    headers: SyncProtocolHeader,
    body: PushBody,
    reply: PushReply,
    // A full protocol batch, the same at the hub and head office: what a sender builds fits both.
    bodyLimit: PUSH_BODY_LIMIT,
  },
  pull: {
    method: 'GET',
    url: '/pull',
    summary: 'Reference data changed after `since` (reset: replace everything)',
    tag: 'sync',
    access: ['hub'],
    headers: SyncProtocolHeader,
    query: PullQuery,
    reply: PullReply,
  },
  registerStation: {
    method: 'POST',
    url: '/devices',
    summary: 'A hub registers a station of its hall; head office accepts the station’s rows only then',
    tag: 'sync',
    access: ['hub'],
    body: RegisterStationBody,
    reply: RegisterStationReply,
    status: 201,
  },
  acks: {
    method: 'GET',
    url: '/acks',
    summary: 'What head office acknowledged per device of the hub’s hall: cursor and the hash there',
    tag: 'sync',
    access: ['hub'],
    reply: z.array(DeviceAck),
  },
  reportIntegrity: {
    method: 'POST',
    url: '/integrity-reports',
    summary: 'A hub reports that its journal does not match what head office acknowledged',
    tag: 'sync',
    access: ['hub'],
    body: IntegrityReportBody,
    reply: z.object({ id: z.string(), reportedAt: z.number().int() }),
    status: 201,
  },
  pair: {
    method: 'POST',
    url: '/pair',
    summary: 'A hub exchanges a hall pairing code for its token',
    tag: 'sync',
    access: 'anyone',
    body: HubPairBody,
    reply: z.object({ token: z.string(), hallId: z.string() }),
    status: 201,
  },
});
