import type { FastifyInstance } from 'fastify';
import { Api, type AccessPolicy } from '../server/http/route.ts';
import type { HoWho } from '../shared/api/headoffice/access.ts';
import type { HoContext, HoPrincipal } from './context.ts';
import { authenticateHo } from './auth/service.ts';

export type { HoWho };

/** Head office's routes under one prefix: its staff by role, the halls' hubs by their tokens. */
export function hoApi(app: FastifyInstance, ctx: HoContext, prefix: string): Api<HoWho, HoPrincipal> {
  const policy: AccessPolicy<HoWho, HoPrincipal> = {
    authenticate: async (token) => {
      const p = await authenticateHo(ctx, token);
      if (p?.kind === 'hub')
        await ctx.sql.query('UPDATE hall_devices SET last_seen_at = $1 WHERE device_id = $2', [
          ctx.clock.now(),
          p.deviceId,
        ]);
      return p;
    },
    allowed: (p, who) =>
      p.kind === 'hub'
        ? who.includes('hub')
        : who.includes(p.role) || (p.role === 'admin' && who.includes('viewer')),
    anonymous: { kind: 'staff', staffId: 'anonymous', staffNo: '', name: 'anonymous', role: 'viewer' },
    prefix,
  };
  return new Api(app, policy);
}
