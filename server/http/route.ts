import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, langFromHeader, type Lang } from '../../shared/errors.ts';

/**
 * One route table for both servers (hall node and head office): each route's zod schemas parse its
 * input and feed the OpenAPI document. Who may call it is decided by the server's own `allowed`.
 */
export interface RouteSpec<
  Who extends string,
  Principal,
  B extends z.ZodType,
  P extends z.ZodType,
  R,
  H extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  access: 'anyone' | 'any-token' | readonly Who[];
  body?: B;
  params?: P;
  query?: Q;
  /** Request headers the route reads (e.g. Idempotency-Key), parsed like the body; names in lower case. */
  headers?: H;
  reply?: z.ZodType;
  status?: number;
  /** This route's body limit in bytes, where it differs from the server's (e.g. a sync push). */
  bodyLimit?: number;
  handler: (call: Call<Principal, z.output<B>, z.output<P>, z.output<H>, z.output<Q>>) => Promise<R> | R;
}

export interface Call<Principal, B, P, H = unknown, Q = unknown> {
  principal: Principal;
  token: string;
  body: B;
  params: P;
  query: Q;
  headers: H;
  lang: Lang;
  req: FastifyRequest;
  reply: FastifyReply;
}

/** What any route spec looks like to the OpenAPI generator. */
export interface AnyRouteSpec {
  method: string;
  url: string;
  summary: string;
  tag: string;
  access: unknown;
  body?: z.ZodType;
  params?: z.ZodType;
  query?: z.ZodType;
  headers?: z.ZodType;
  reply?: z.ZodType;
  status?: number;
}

export interface AccessPolicy<Who extends string, Principal> {
  authenticate(token: string, req: FastifyRequest): Principal | null | Promise<Principal | null>;
  allowed(principal: Principal, who: readonly Who[]): boolean;
  anonymous: Principal;
  prefix: string;
}

const zhCN = z.locales.zhCN().localeError;

export function bearer(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}

/** Registers routes on one app and remembers their specs for the OpenAPI document. */
export class Api<Who extends string, Principal> {
  readonly specs: AnyRouteSpec[] = [];
  constructor(
    readonly app: FastifyInstance,
    private readonly policy: AccessPolicy<Who, Principal>,
  ) {}

  add<
    B extends z.ZodType,
    P extends z.ZodType,
    R,
    H extends z.ZodType = z.ZodType,
    Q extends z.ZodType = z.ZodType,
  >(spec: RouteSpec<Who, Principal, B, P, R, H, Q>): void {
    this.specs.push(spec);
    const policy = this.policy;
    this.app.route({
      method: spec.method,
      url: `${policy.prefix}${spec.url}`,
      bodyLimit: spec.bodyLimit,
      handler: async (req, reply) => {
        const lang = langFromHeader(req.headers['accept-language']);
        const token = bearer(req);
        let principal = policy.anonymous;
        if (spec.access !== 'anyone') {
          if (!token) throw new DomainError('E_UNAUTHENTICATED');
          const found = await policy.authenticate(token, req);
          if (!found) throw new DomainError('E_TOKEN_INVALID');
          if (spec.access !== 'any-token' && !policy.allowed(found, spec.access))
            throw new DomainError('E_FORBIDDEN');
          principal = found;
        }
        // Validation messages in the request's language too (DESIGN §5); zod's own texts are English.
        const how = lang === 'en' ? {} : { error: zhCN };
        const params = spec.params ? spec.params.parse(req.params, how) : req.params;
        const query = spec.query ? spec.query.parse(req.query, how) : req.query;
        const headers = spec.headers ? spec.headers.parse(req.headers, how) : req.headers;
        const body = spec.body ? spec.body.parse(req.body ?? undefined, how) : undefined;
        const result = await spec.handler({
          principal,
          token: token ?? '',
          body: body as z.output<B>,
          params: params as z.output<P>,
          query: query as z.output<Q>,
          headers: headers as z.output<H>,
          lang,
          req,
          reply,
        });
        if (result === undefined || result === null) return reply.code(204).send();
        return reply.code(spec.status ?? 200).send(result);
      },
    });
  }
}
