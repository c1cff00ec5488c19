import type { z } from 'zod';
/** One JSON request to a test node: status and parsed body (the raw text when it is not JSON, null when empty). */
export async function jsonRequest(
  method: string,
  url: string,
  o: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  let payload: string | undefined;
  if (o.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    payload = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  }
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/**
 * A reply's body read through the schema the route replies with (shared/api, shared/sync): typed by it,
 * and a reply that does not match its contract fails the test with the body in the message.
 */
export function parseReply<S extends z.ZodType>(
  schema: S,
  res: { status: number; body: unknown },
): z.output<S> {
  const parsed = schema.safeParse(res.body);
  if (!parsed.success)
    throw new Error(
      `a ${res.status} reply does not match its schema: ${parsed.error.message}\n${JSON.stringify(res.body)}`,
    );
  return parsed.data;
}

/** One LAN API request to a node by its base URL (a node in a child process), with an Idempotency-Key when given. */
export const apiCall = (
  base: string,
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
  key?: string,
): Promise<{ status: number; body: unknown }> =>
  jsonRequest(method, `${base}/api/v1${url}`, {
    token,
    body,
    headers: key ? { 'idempotency-key': key } : {},
  });
