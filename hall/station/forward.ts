import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/service.ts';
import { bearer } from '../../server/http/route.ts';
import { DomainError } from '../../shared/errors.ts';
import type { HallContext } from '../context.ts';
import { ON_BEHALF_HEADER } from '../http/route.ts';
import { upstreams } from '../sync/upstreams.ts';

/**
 * On a station, queue commands go to the hub (DESIGN §1): every /api/v1 route the station does not
 * serve itself is forwarded with the station's device token, vouching for the clerk signed in here.
 * While the hub is unreachable the reply says so and every local function keeps working.
 */
export function forwardToHub(app: FastifyInstance, ctx: HallContext): void {
  const handler = async (req: FastifyRequest) => {
    const hub = upstreams(ctx.db).find((u) => u.name === 'hub');
    if (!hub) throw new DomainError('E_HUB_UNREACHABLE');
    const token = bearer(req);
    const principal = token ? authenticate(ctx, token) : null;
    const headers: Record<string, string> = { authorization: `Bearer ${hub.token}` };
    if (principal?.kind === 'staff')
      headers[ON_BEHALF_HEADER] = JSON.stringify({
        staffNo: principal.staffNo,
        counterNo: principal.counterNo,
      });
    // A device of this station reads the services and the hall state; with no token only the
    // public read of the services goes on (DESIGN §5): the hall state names staff and counters.
    else if (
      !(principal && req.url === '/api/v1/hall') &&
      !(req.url === '/api/v1/services' && (principal || token === null))
    ) {
      throw new DomainError(token ? 'E_TOKEN_INVALID' : 'E_UNAUTHENTICATED');
    }
    for (const h of ['accept-language', 'idempotency-key', 'content-type'] as const) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    let res: Response;
    try {
      res = await fetch(`${hub.url}${req.url}`, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new DomainError('E_HUB_UNREACHABLE');
    }
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };
  for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
    app.route({
      method,
      url: '/api/v1/*',
      handler: async (req, reply) => {
        const out = await handler(req);
        if (out.type) reply.type(out.type);
        return reply.code(out.status).send(out.body);
      },
    });
  }
}
