import { devicesContract } from '../../shared/api/hall/devices.ts';
import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import type { Api } from '../http/route.ts';

export function deviceRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(devicesContract, {
    devices: () => read.devices(ctx.db),
    createDevice: async ({ principal, body }) =>
      (await ctx.commits.run('createDevice', principal, body)).value,
    revokeDevice: async ({ principal, params }) => {
      await ctx.commits.run('revokeDevice', principal, params.id);
    },
    makePairingCode: async ({ body }) => (await ctx.commits.run('makePairingCode', body)).value,
    pair: async ({ body, reply }) => {
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
