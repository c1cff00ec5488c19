import i18n from '../i18n/index.ts';

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

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The queue commands the hub applies once per Idempotency-Key (DESIGN §3). */
const QUEUE_COMMAND =
  /^\/(counters\/\d+\/(call-next|away|back)|tickets\/[^/]+\/(recall|start|finish|no-show|park|return|cancel|reactivate|transfer))$/;

/** A fresh key per user action; getRandomValues also works on a plain-http LAN page. */
function newKey(): string {
  const bytes = [...crypto.getRandomValues(new Uint8Array(16))];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** One call to the node that served this page; errors arrive as ApiError with the server's message. */
export async function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  opts: { token?: string | null; idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': i18n.language === 'en' ? 'en' : 'zh-CN' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const key = opts.idempotencyKey ?? (method === 'POST' && QUEUE_COMMAND.test(path) ? newKey() : null);
  if (key) headers['idempotency-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const send = () =>
    fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  // A keyed command whose reply was lost may have been applied: its retry, with the same key, is safe.
  let res: Response | null = null;
  for (let attempt = 0; attempt < (key ? 2 : 1) && !res; attempt++) res = await send().catch(() => null);
  if (!res) throw new ApiError(0, 'E_OFFLINE', i18n.t('common:offline'));
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? i18n.t('common:failed'),
    );
  }
  return data as T;
}
