import { z } from 'zod';
import { PairingCode } from '../../pairingCode.ts';
import {
  DeviceAck,
  IntegrityReportBody,
  RegisterStationBody,
  RegisterStationReply,
} from '../../sync/protocol.ts';
import { pushAndPull } from '../syncProtocol.ts';
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
  ...pushAndPull(['hub'], 'A hub'),
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
