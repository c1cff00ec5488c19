import { stmt } from '../../db/projections/index.ts';
import type { Db } from '../../db/open.ts';

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
    token: r.token,
    pulledVersion: r.pulled_version,
    connected: r.connected === 1,
    lastOkAt: r.last_ok_at,
    lastError: r.last_error,
  }));
}

export function saveUpstream(db: Db, name: UpstreamName, url: string, token: string): void {
  stmt(
    db,
    `INSERT INTO local_upstreams (name, url, token) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET url = excluded.url, token = excluded.token, pulled_version = 0`,
  ).run(name, url.replace(/\/+$/, ''), token);
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
