import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/service.ts';
import { bearer } from '../../server/http/route.ts';
import { DomainError } from '../../shared/errors.ts';
import type { HallContext } from '../context.ts';
import { ON_BEHALF_HEADER } from '../http/route.ts';
import { upstreams } from '../sync/upstreams.ts';

/** Who a station vouches for at the hub: the staff member signed in here, at their counter. */
export interface OnBehalf {
  staffNo: string;
  counterNo: number | null;
}

/**
 * One request to the hub with the station's device token, vouching for `onBehalf` when given. The hub
 * not paired, not answering or too slow is E_HUB_UNREACHABLE, for the caller to report or work without.
 */
export async function askHub(
  ctx: HallContext,
  onBehalf: OnBehalf | null,
  req: { method: string; url: string; body?: unknown; headers?: Record<string, string> },
  timeoutMs = 10_000,
): Promise<{ status: number; type: string | null; body: string }> {
  const hub = upstreams(ctx.db).find((u) => u.name === 'hub');
  if (!hub) throw new DomainError('E_HUB_UNREACHABLE');
  const headers: Record<string, string> = { ...req.headers, authorization: `Bearer ${hub.token}` };
  if (onBehalf) headers[ON_BEHALF_HEADER] = JSON.stringify(onBehalf);
  let res: Response;
  try {
    res = await fetch(`${hub.url}${req.url}`, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  } catch {
    throw new DomainError('E_HUB_UNREACHABLE');
  }
}

/**
 * On a station, queue commands go to the hub (DESIGN §1): every /api/v1 route the station does not
 * serve itself is forwarded with the station's device token, vouching for the clerk signed in here.
 * While the hub is unreachable the reply says so and every local function keeps working.
 */
export function forwardToHub(app: FastifyInstance, ctx: HallContext): void {
  const handler = async (req: FastifyRequest) => {
    const token = bearer(req);
    const principal = token ? authenticate(ctx, token) : null;
    // A device of this station reads the services and the hall state; with no token only the
    // public read of the services goes on (DESIGN §5): the hall state names staff and counters.
    if (
      principal?.kind !== 'staff' &&
      !(principal && req.url === '/api/v1/hall') &&
      !(req.url === '/api/v1/services' && (principal || token === null))
    ) {
      throw new DomainError(token ? 'E_TOKEN_INVALID' : 'E_UNAUTHENTICATED');
    }
    const headers: Record<string, string> = {};
    for (const h of ['accept-language', 'idempotency-key', 'content-type'] as const) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const onBehalf =
      principal?.kind === 'staff' ? { staffNo: principal.staffNo, counterNo: principal.counterNo } : null;
    return askHub(ctx, onBehalf, { method: req.method, url: req.url, body: req.body, headers });
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
