import net from 'node:net';
import type { Headers, Reply } from './http.ts';

interface Waiting {
  resolve: (reply: Reply<unknown>) => void;
  reject: (error: Error) => void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * One keep-alive HTTP/1.1 connection for a closed-loop load generator: a request is one pre-built
 * write and its reply is parsed by hand. node:http's client costs this two-core machine about a third
 * of a core at the hub's rate, CPU the node being measured then lacks; this costs a fraction of that.
 * Replies must carry Content-Length or be chunked (Fastify's always do).
 */
export class RawConnection {
  private socket: net.Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: Waiting | null = null;
  private readonly host: string;
  private readonly port: number;
  private readonly fixedHeaders: string;

  constructor(baseUrl: string, token: string | null) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.fixedHeaders =
      `Host: ${url.host}\r\nConnection: keep-alive\r\n` + (token ? `Authorization: Bearer ${token}\r\n` : '');
  }

  request<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    return this.send<T>(method, path, body === undefined ? undefined : JSON.stringify(body));
  }

  /** A request whose JSON body is already serialised, with headers of its own (an Idempotency-Key). */
  send<T = unknown>(method: string, path: string, payload?: string, headers: Headers = {}) {
    if (this.waiting) return Promise.reject(new Error('RawConnection: one request at a time'));
    let head = `${method} ${path} HTTP/1.1\r\n${this.fixedHeaders}`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    if (payload !== undefined)
      head += `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n`;
    return new Promise<Reply<T>>((resolve, reject) => {
      this.waiting = { resolve: resolve as Waiting['resolve'], reject };
      this.connection().write(`${head}\r\n${payload ?? ''}`);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connection(): net.Socket {
    if (this.socket) return this.socket;
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    const fail = (error: Error) => {
      this.socket = null;
      this.buffer = Buffer.alloc(0);
      const w = this.waiting;
      this.waiting = null;
      w?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
    this.socket = socket;
    return socket;
  }

  private parse(): void {
    const end = this.buffer.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const lines = head.split('\r\n');
    const status = Number(lines[0]!.split(' ')[1]);
    let length: number | null = null;
    let chunked = false;
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding' && value.toLowerCase().includes('chunked')) chunked = true;
    }
    const start = end + HEADER_END.length;
    let bodyText: string;
    let consumed: number;
    if (chunked) {
      const decoded = decodeChunked(this.buffer, start);
      if (!decoded) return;
      [bodyText, consumed] = decoded;
    } else {
      const n = length ?? 0;
      if (this.buffer.length < start + n) return;
      bodyText = this.buffer.subarray(start, start + n).toString('utf8');
      consumed = start + n;
    }
    this.buffer = this.buffer.subarray(consumed);
    let body: unknown = null;
    try {
      body = bodyText ? JSON.parse(bodyText) : null;
    } catch {
      body = bodyText;
    }
    const w = this.waiting;
    this.waiting = null;
    w?.resolve({ status, body });
  }
}

/** The body of a chunked reply and where it ends, or null while it is incomplete. */
function decodeChunked(buffer: Buffer, from: number): [string, number] | null {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(buffer.subarray(at, lineEnd).toString('latin1'), 16);
    const dataStart = lineEnd + 2;
    if (buffer.length < dataStart + size + 2) return null;
    if (size === 0) return [Buffer.concat(parts).toString('utf8'), dataStart + 2];
    parts.push(buffer.subarray(dataStart, dataStart + size));
    at = dataStart + size + 2;
  }
}
