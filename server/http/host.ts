import type { FastifyInstance } from 'fastify';
import { sendError } from './errors.ts';

/** What os.networkInterfaces() returns, as far as the host check reads it (injected, so tests choose it). */
export type Interfaces = Record<string, readonly { address: string }[] | undefined>;

export interface HostPolicy {
  /** The machine's own interface addresses, read again when an unknown host shows up (DHCP changes). */
  interfaces: () => Interfaces;
  /** More names the node answers to (`--allow-host`), e.g. the name a hall's DNS gives the hub. */
  extra?: readonly string[];
}

/** A name or address as compared: lower case, no brackets, no trailing dot. */
const normal = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');

/** `Host: [::1]:8360` → `::1`; `Hall.Example.:80` → `hall.example`. */
export function hostName(header: string): string {
  const h = header.trim();
  return normal(h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : h.replace(/:\d*$/, ''));
}

/**
 * DNS rebinding (DESIGN §5): a web page on another site can point its own name at a hall PC and then
 * read and write the LAN API from a customer's or clerk's browser. Browsers always send the name they
 * resolved, so every request whose Host is not one of this node's own names and addresses is refused
 * with 421 before routing (API, pages and the WebSocket upgrade alike). A request with no Host at all is
 * not a browser's and is let through.
 */
export function installHostCheck(app: FastifyInstance, policy: HostPolicy): void {
  const fixed = ['localhost', '127.0.0.1', '::1', ...(policy.extra ?? [])].map(normal);
  let known = new Set<string>();
  // Host headers as sent that were found own names: a client repeats its header on every request, so
  // the hot path is one string lookup instead of normalising it again. Forgotten with the addresses.
  let accepted = new Set<string>();
  const refresh = () => {
    const own = Object.values(policy.interfaces()).flatMap((list) => (list ?? []).map((i) => i.address));
    known = new Set([...fixed, ...own.map(normal)]);
    accepted = new Set();
  };
  const accept = (header: string) => {
    if (accepted.size < 64) accepted.add(header);
  };
  refresh();
  app.addHook('onRequest', (req, reply, done) => {
    const header = req.headers.host;
    if (header === undefined || accepted.has(header)) return done();
    const name = hostName(header);
    if (!known.has(name)) refresh();
    if (known.has(name)) {
      accept(header);
      return done();
    }
    // A refused WebSocket upgrade owns its raw socket: end it once the refusal is written.
    if (req.headers.upgrade !== undefined) reply.raw.once('finish', () => req.raw.socket.destroy());
    void sendError(req, reply, 'E_HOST', 421, { host: name.slice(0, 100) });
  });
}
