import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, langFromHeader, type Lang } from '../../shared/errors.ts';
import type { Contract, ContractMap } from '../../shared/api/contract.ts';

/** A route as a server registers it: its contract (shared/api) and the handler that implements it. */
export interface RouteSpec<
  Who extends string,
  Principal,
  B extends z.ZodType,
  P extends z.ZodType,
  R,
  H extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
> extends Omit<Contract<Who>, 'body' | 'params' | 'query' | 'headers'> {
  body?: B;
  params?: P;
  query?: Q;
  headers?: H;
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

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a contract's handler is given: the request parsed by the contract's own schemas. */
export type CallOf<C extends Contract, Principal> = Call<
  Principal,
  Parsed<C['body']>,
  Parsed<C['params']>,
  Parsed<C['headers']>,
  Parsed<C['query']>
>;

/**
 * What a handler may return: the reply its contract promises (null or undefined: 204 where the contract
 * says when), or a reply it has sent itself with another status (a sync gap's 409).
 */
export type HandlerResult<C extends Contract> =
  | (C['reply'] extends z.ZodType ? z.input<C['reply']> : undefined | void)
  | (C['empty'] extends string ? null | undefined : never)
  | FastifyReply;

export type Handler<C extends Contract, Principal> = (
  call: CallOf<C, Principal>,
) => Promise<HandlerResult<C>> | HandlerResult<C>;

/** One handler per contract of a map, by the contract's name. */
export type Handlers<M extends ContractMap, Principal> = { [K in keyof M]: Handler<M[K], Principal> };

/** What any route spec looks like to the OpenAPI generator. */
export type AnyRouteSpec = Contract;

export interface AccessPolicy<Who extends string, Principal> {
  authenticate(token: string, req: FastifyRequest): Principal | null | Promise<Principal | null>;
  allowed(principal: Principal, who: readonly Who[]): boolean;
  anonymous: Principal;
  prefix: string;
}

const zhCN = z.locales.zhCN().localeError;

/**
 * Parses a part of a request by its contract's schema, with zod's messages in the request's language
 * (DESIGN §5; zod's own texts are English). Only a refused part is parsed again for them: passing a
 * locale to every parse cost the receipt route about a tenth of its CPU (issue 11), and a part that
 * passes has no message to translate.
 */
function parseIn<S extends z.ZodType>(schema: S, value: unknown, lang: Lang): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (lang === 'en') throw parsed.error;
  return schema.parse(value, { error: zhCN });
}

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

  /** Registers a handler for every contract of a map, by name: a missing one does not compile. */
  implement<M extends ContractMap<Who>>(map: M, handlers: Handlers<M, Principal>): void {
    for (const name of Object.keys(map) as (keyof M & string)[]) this.register(map[name]!, handlers[name]);
  }

  /** Registers one contract's implementation; a server with other kinds of implementation widens it. */
  protected register(contract: Contract<Who>, impl: unknown): void {
    const handler = impl as (call: Call<Principal, unknown, unknown>) => unknown;
    this.add({ ...contract, handler } as RouteSpec<Who, Principal, z.ZodType, z.ZodType, unknown>);
  }

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
        const params = spec.params ? parseIn(spec.params, req.params, lang) : req.params;
        const query = spec.query ? parseIn(spec.query, req.query, lang) : req.query;
        const headers = spec.headers ? parseIn(spec.headers, req.headers, lang) : req.headers;
        const body = spec.body ? parseIn(spec.body, req.body ?? undefined, lang) : undefined;
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
