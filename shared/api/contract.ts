import { z } from 'zod';

/**
 * A route's contract: everything both ends must agree on, and nothing about how either end does its
 * part. The servers implement a map of these by name (server/http/route.ts `implement`), the screens
 * call the same map through one typed client (renderer/src/lib/client.ts), and OpenAPI is generated
 * from it. Adding a command is a schema, an entry here, a handler and a button.
 */
export interface Contract<Who extends string = string> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below the API's prefix, with `:name` path parameters. */
  url: string;
  summary: string;
  tag: string;
  /** `anyone`: no token; `any-token`: any valid token; else the roles that may call it. */
  access: 'anyone' | 'any-token' | readonly Who[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Request headers the route reads, parsed like the body; names in lower case. */
  headers?: z.ZodType;
  reply?: z.ZodType;
  /** The success status when there is a reply (default 200). */
  status?: number;
  /**
   * Takes an `Idempotency-Key`: applied once per key and sender, and a retry with the same key gets the
   * first reply (DESIGN §3). The client sends a fresh key per user action and retries a lost reply once.
   */
  idempotent?: true;
  /** When the route answers 204 with no body (e.g. call-next when nobody waits). */
  empty?: string;
  /** Its body limit in bytes, where it differs from the server's (a sync push takes a full batch). */
  bodyLimit?: number;
}

/** A map of contracts, keyed by the name both ends call them by. */
export type ContractMap<Who extends string = string> = Record<string, Contract<Who>>;

/** Declares a map of contracts for one set of callers, keeping every literal (method, access…) exact. */
export const contractsFor =
  <Who extends string>() =>
  <const M extends ContractMap<Who>>(map: M): M =>
    map;

/** A printable-ASCII key of at most 128 characters. */
export const IdempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII');

/** The optional `Idempotency-Key` header of an idempotent route (header names arrive in lower case). */
export const IdempotencyHeader = z.object({ 'idempotency-key': IdempotencyKey.optional() });

/** A contract's schema for one part of the request, or undefined where it has none. */
type Part<C, K extends string> = K extends keyof C ? (C[K] extends z.ZodType ? C[K] : undefined) : undefined;
type Fields<S, T> = [S] extends [z.ZodType] ? T : unknown;

/**
 * What a caller passes: path parameters and query fields by name (as their parsed values: a counter is
 * a number), and `body` when the route takes one.
 */
export type Input<C extends Contract> = Fields<Part<C, 'params'>, z.output<NonNullable<Part<C, 'params'>>>> &
  Fields<Part<C, 'query'>, Partial<z.output<NonNullable<Part<C, 'query'>>>>> &
  Fields<
    Part<C, 'body'>,
    undefined extends z.input<NonNullable<Part<C, 'body'>>>
      ? { body?: z.input<NonNullable<Part<C, 'body'>>> }
      : { body: z.input<NonNullable<Part<C, 'body'>>> }
  >;

/** What the route replies, as its schema's output; `undefined` where the route may answer 204. */
export type Reply<C extends Contract> =
  Part<C, 'reply'> extends z.ZodType
    ? z.output<Part<C, 'reply'>> | ('empty' extends keyof C ? undefined : never)
    : void;

/** Whether a call of this route needs nothing: no path parameter, no required body. */
export type NoInput<C extends Contract> =
  Part<C, 'params'> extends undefined
    ? Part<C, 'body'> extends undefined
      ? true
      : undefined extends z.input<NonNullable<Part<C, 'body'>>>
        ? true
        : false
    : false;

/**
 * The URL a call goes to: path parameters filled in (percent-encoded) and the query fields appended.
 * Fields that are neither stay out of the URL; `body` travels as JSON.
 */
export function urlFor(contract: Contract, input: Record<string, unknown> = {}): string {
  const used = new Set<string>(['body']);
  const path = contract.url.replace(/:(\w+)/g, (_m, name: string) => {
    used.add(name);
    const value = input[name];
    if (value === undefined || value === null) throw new Error(`${contract.url}: missing :${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  if (contract.query) {
    for (const [k, v] of Object.entries(input)) {
      if (used.has(k) || v === undefined || v === null) continue;
      query.set(k, String(v));
    }
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}
