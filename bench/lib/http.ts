import http from 'node:http';

export type Headers = Record<string, string>;

export interface Reply<T = unknown> {
  status: number;
  body: T;
}

/**
 * A small keep-alive JSON client on node:http: the load generator should cost the machine as little as
 * possible, since it shares two cores with the node it measures.
 */
export class Client {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(
    baseUrl: string,
    private token: string | null = null,
    maxSockets = 64,
  ) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  get bearer(): string | null {
    return this.token;
  }

  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    return this.send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
  }

  /** A request whose JSON body is already serialised (a load generator prepares its bodies up front). */
  send<T = unknown>(method: string, path: string, payload?: string, headers: Headers = {}) {
    const h: Headers = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (payload !== undefined) {
      h['content-type'] = 'application/json';
      h['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise<Reply<T>>((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers: h,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = null;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = text;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Like request, but a status other than `expect` is an error (with the reply in its message). */
  async expect<T = unknown>(
    status: number | number[],
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const res = await this.request<T>(method, path, body, headers);
    const ok = Array.isArray(status) ? status.includes(res.status) : res.status === status;
    if (!ok)
      throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res.body;
  }

  close(): void {
    this.agent.destroy();
  }
}
