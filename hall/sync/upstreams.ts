import { stmt } from '../../db/projections/index.ts';
import type { Db } from '../../db/open.ts';
import { isSealed, seal, SECRET_KEY_ENV, unseal } from '../auth/sealed.ts';

export type UpstreamName = 'headoffice' | 'hub';

export interface Upstream {
  name: UpstreamName;
  url: string;
  token: string;
  pulledVersion: number;
  connected: boolean;
  lastOkAt: number | null;
  lastError: string | null;
}

export function upstreams(db: Db): Upstream[] {
  const rows = stmt(db, 'SELECT * FROM local_upstreams ORDER BY name').all() as {
    name: UpstreamName;
    url: string;
    token: string;
    pulled_version: number;
    connected: number;
    last_ok_at: number | null;
    last_error: string | null;
  }[];
  return rows.map((r) => ({
    name: r.name,
    url: r.url,
    token: clearToken(db, r.token),
    pulledVersion: r.pulled_version,
    connected: r.connected === 1,
    lastOkAt: r.last_ok_at,
    lastError: r.last_error,
  }));
}

/** The key this node's upstream tokens are sealed with at rest, per open database (hall/auth/sealed.ts). */
const keys = new WeakMap<Db, Buffer>();

/**
 * Seals this node's upstream tokens from now on, and any still stored in clear (a node paired before
 * the shell gave it a key). Without a key a sealed token cannot be used: the node refuses to start.
 */
export function useSecretKey(db: Db, key: Buffer | null): void {
  const stored = stmt(db, 'SELECT name, token FROM local_upstreams').all() as {
    name: string;
    token: string;
  }[];
  if (key === null) {
    if (stored.some((u) => isSealed(u.token)))
      throw new Error(
        `This node's upstream token is sealed with the desktop shell's key: start it from the shell, or with ${SECRET_KEY_ENV}.`,
      );
    return;
  }
  keys.set(db, key);
  for (const u of stored) {
    if (isSealed(u.token)) {
      try {
        unseal(u.token, key);
      } catch {
        throw new Error(`${SECRET_KEY_ENV} is not the key this node's upstream token was sealed with.`);
      }
    } else {
      // Overwrite the clear text where it stood, not just leave it in a free slot of the page.
      db.pragma('secure_delete = ON');
      stmt(db, 'UPDATE local_upstreams SET token = ? WHERE name = ?').run(seal(u.token, key), u.name);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('secure_delete = OFF');
    }
  }
}

/** How this node keeps its upstream tokens: for /health, so an operator sees what a copied disk would give away. */
export function tokensAtRest(db: Db): 'sealed' | 'clear' {
  return keys.has(db) ? 'sealed' : 'clear';
}

function clearToken(db: Db, stored: string): string {
  const key = keys.get(db);
  return key && isSealed(stored) ? unseal(stored, key) : stored;
}

export function saveUpstream(db: Db, name: UpstreamName, url: string, token: string): void {
  const key = keys.get(db);
  stmt(
    db,
    `INSERT INTO local_upstreams (name, url, token) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET url = excluded.url, token = excluded.token, pulled_version = 0`,
  ).run(name, url.replace(/\/+$/, ''), key ? seal(token, key) : token);
}

export function markUpstream(
  db: Db,
  name: UpstreamName,
  ok: boolean,
  at: number,
  error: string | null,
): void {
  stmt(
    db,
    `UPDATE local_upstreams SET connected = ?, last_error = ?, last_ok_at = CASE WHEN ? THEN ? ELSE last_ok_at END
     WHERE name = ?`,
  ).run(ok ? 1 : 0, error, ok ? 1 : 0, at, name);
}

export function ackedSeq(db: Db, upstream: UpstreamName, deviceId: string): number {
  const row = stmt(db, 'SELECT acked_seq FROM local_sync_cursors WHERE upstream = ? AND device_id = ?').get(
    upstream,
    deviceId,
  ) as { acked_seq: number } | undefined;
  return row?.acked_seq ?? 0;
}

export function setAckedSeq(db: Db, upstream: UpstreamName, deviceId: string, seq: number): void {
  stmt(
    db,
    `INSERT INTO local_sync_cursors (upstream, device_id, acked_seq) VALUES (?, ?, ?)
     ON CONFLICT (upstream, device_id) DO UPDATE SET acked_seq = excluded.acked_seq`,
  ).run(upstream, deviceId, seq);
}
