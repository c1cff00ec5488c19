import { z } from 'zod';
import { DeviceBody, DeviceInfo, DeviceReply, PairBody, PairingCodeReply, PairReply } from '../schemas.ts';
import { hallRoutes } from './access.ts';

export const DeviceIdParams = z.object({ id: z.string().min(1).max(64) }).strict();

export const devicesContract = hallRoutes({
  devices: {
    method: 'GET',
    url: '/devices',
    summary: 'Paired devices',
    tag: 'devices',
    access: ['manager'],
    reply: z.array(DeviceInfo),
  },
  createDevice: {
    method: 'POST',
    url: '/devices',
    summary: 'Pair a device now and return its token (shown once)',
    tag: 'devices',
    access: ['manager'],
    body: DeviceBody,
    reply: DeviceReply,
    status: 201,
  },
  revokeDevice: {
    method: 'DELETE',
    url: '/devices/:id',
    summary: 'Revoke a device; its token stops working at once',
    tag: 'devices',
    access: ['manager'],
    params: DeviceIdParams,
  },
  makePairingCode: {
    method: 'POST',
    url: '/devices/pairing-codes',
    summary: 'A one-time pairing code (expires in 10 minutes)',
    tag: 'devices',
    access: ['manager'],
    body: DeviceBody,
    reply: PairingCodeReply,
    status: 201,
  },
  pair: {
    method: 'POST',
    url: '/devices/pair',
    summary: 'Exchange a pairing code for a device token',
    tag: 'devices',
    access: 'anyone',
    body: PairBody,
    reply: PairReply,
    status: 201,
  },
});
