import { z } from 'zod';
import * as S from '../../shared/api/schemas.ts';
import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Api } from '../http/route.ts';

export function deviceRoutes(api: Api): void {
  const ctx = api.ctx;
  api.add({
    method: 'GET',
    url: '/devices',
    summary: 'Paired devices',
    tag: 'devices',
    access: ['manager'],
    reply: z.array(S.DeviceInfo),
    handler: () => read.devices(ctx.db),
  });
  api.add({
    method: 'POST',
    url: '/devices',
    summary: 'Pair a device now and return its token (shown once)',
    tag: 'devices',
    access: ['manager'],
    body: S.DeviceBody,
    reply: S.DeviceReply,
    status: 201,
    handler: async ({ principal, body }) => (await ctx.commits.run('createDevice', principal, body)).value,
  });
  api.add({
    method: 'DELETE',
    url: '/devices/:id',
    summary: 'Revoke a device; its token stops working at once',
    tag: 'devices',
    access: ['manager'],
    params: z.object({ id: z.string().min(1).max(64) }).strict(),
    handler: async ({ principal, params }) => {
      await ctx.commits.run('revokeDevice', principal, params.id);
      return undefined;
    },
  });
  api.add({
    method: 'POST',
    url: '/devices/pairing-codes',
    summary: 'A one-time pairing code (expires in 10 minutes)',
    tag: 'devices',
    access: ['manager'],
    body: S.DeviceBody,
    reply: S.PairingCodeReply,
    status: 201,
    handler: async ({ body }) => (await ctx.commits.run('makePairingCode', body)).value,
  });
  api.add({
    method: 'POST',
    url: '/devices/pair',
    summary: 'Exchange a pairing code for a device token',
    tag: 'devices',
    access: 'anyone',
    body: S.PairBody,
    reply: S.PairReply,
    status: 201,
    handler: async ({ body, reply }) => {
      try {
        return (await ctx.commits.run('pairWithCode', body.code, body.deviceId)).value;
      } catch (error) {
        // Guessing is cut off for the rest of the window: say when to come back (issue 9).
        if (error instanceof DomainError && error.code === 'E_RATE_LIMITED')
          void reply.header('retry-after', String(error.params.retryAfterSeconds ?? 60));
        throw error;
      }
    },
  });
}
