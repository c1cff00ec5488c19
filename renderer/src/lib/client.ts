import i18n from '../i18n/index.ts';
import {
  urlFor,
  type Contract,
  type ContractMap,
  type Input,
  type NoInput,
  type Reply,
} from '../../../shared/api/contract.ts';
import { hallApi } from '../../../shared/api/hall/index.ts';
import { v7 as uuidv7 } from 'uuid';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallOptions {
  /** This call's token instead of the client's own (e.g. the one a login just returned). */
  token?: string | null | undefined;
  /**
   * The key of an idempotent route, when the caller keeps it across attempts of its own (the kiosk
   * keeps one per tap until a ticket prints). Otherwise every call gets a fresh one.
   */
  idempotencyKey?: string;
}

type Call<C extends Contract> =
  NoInput<C> extends true
    ? (input?: Input<C>, options?: CallOptions) => Promise<Reply<C>>
    : (input: Input<C>, options?: CallOptions) => Promise<Reply<C>>;

/** Every route of a contract map as a typed function, by its name: `client.callNext({ no: 3 })`. */
export type Client<M extends ContractMap> = { [K in keyof M]: Call<M[K]> };

export interface ClientOptions {
  /** Where the map's routes live on the node that served this page. */
  prefix?: string;
  /** The screen's token, read at each call. */
  token?: () => string | null | undefined;
  /** Runs around every call: a screen tracks reachability or signs out on an expired session here. */
  around?: <T>(call: () => Promise<T>) => Promise<T>;
}

/**
 * A fresh key per user action. UUIDv7 (uuid draws on getRandomValues, which also works on a plain-http
 * LAN page): keys in time order land beside each other in the node's stored-replies index, where
 * random keys each dirtied a page of their own at every commit.
 */
const newKey = (): string => uuidv7();

async function send(
  contract: Contract,
  url: string,
  input: Record<string, unknown>,
  token: string | null | undefined,
  key: string | null,
): Promise<unknown> {
  const headers: Record<string, string> = { 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['idempotency-key'] = key;
  const body = contract.body ? input.body : undefined;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const attempt = () =>
    fetch(url, {
      method: contract.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // A keyed command whose reply was lost may have been applied: its retry, with the same key, is safe.
  let res: Response | null = null;
  for (let n = 0; n < (key ? 2 : 1) && !res; n++) res = await attempt().catch(() => null);
  if (!res) throw new ApiError(0, 'E_OFFLINE', i18n.t('common:offline'));
  if (res.status === 204) return undefined;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? i18n.t('common:failed'),
    );
  }
  return data;
}

/**
 * One typed client for a contract map (shared/api): the method, URL, Idempotency-Key and reply type
 * all come from the route's contract, never from the caller.
 */
export function createClient<M extends ContractMap>(map: M, options: ClientOptions = {}): Client<M> {
  const prefix = options.prefix ?? '/api/v1';
  const around = options.around ?? ((call) => call());
  const client: Record<string, unknown> = {};
  for (const [name, contract] of Object.entries(map)) {
    client[name] = (input: Record<string, unknown> = {}, call: CallOptions = {}) => {
      const token = 'token' in call ? call.token : options.token?.();
      const key = contract.idempotent ? (call.idempotencyKey ?? newKey()) : null;
      return around(() => send(contract, `${prefix}${urlFor(contract, input)}`, input, token, key));
    };
  }
  return client as Client<M>;
}

/**
 * A screen's commands: each runs, then the screen reads its state again. The command's own error goes
 * to its caller to show; a failed re-read is the live connection's to report.
 */
export const thenRefresh =
  <M extends ContractMap>(api: Client<M>, refresh: () => Promise<void>) =>
  async <R>(call: (api: Client<M>) => Promise<R>): Promise<R> => {
    const result = await call(api);
    await refresh().catch(() => undefined);
    return result;
  };

/** The hall node's LAN API for a screen without a session of its own (health, pairing). */
export const hallClient = createClient(hallApi);
