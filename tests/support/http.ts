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
