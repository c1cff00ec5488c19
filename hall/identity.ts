import { stmt } from '../db/projections/index.ts';
import type { Db } from '../db/open.ts';
import type { Ids } from '../shared/runtime.ts';
import { pairHubWithHeadOffice, pairStationWithHub } from './sync/pairing.ts';
import { saveUpstream, upstreams } from './sync/upstreams.ts';

/** Who this node is: kept in node_meta from its first start. */
export interface NodeIdentity {
  deviceId: string;
  hallId: string;
  role: 'hub' | 'station';
}

function readMeta(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM node_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function writeMeta(db: Db, key: string, value: string): void {
  stmt(db, 'INSERT OR REPLACE INTO node_meta (key, value) VALUES (?, ?)').run(key, value);
}

function meta(db: Db, key: string, make: () => string): string {
  const value = readMeta(db, key);
  if (value !== null) return value;
  const made = make();
  writeMeta(db, key, made);
  return made;
}

/** A station adopts its hub's hall id, so it must start from an empty data directory. */
async function joinHub(db: Db, hub: { url: string; code: string }, deviceId: string): Promise<void> {
  const rows = (stmt(db, 'SELECT count(*) AS n FROM journal').get() as { n: number }).n;
  if (rows > 0)
    throw new Error('A station joins its hub from an empty data directory; this one already holds records.');
  const paired = await pairStationWithHub(hub.url, hub.code, deviceId);
  writeMeta(db, 'hall_id', paired.hallId);
  writeMeta(db, 'role', 'station');
  if (paired.demo) writeMeta(db, 'demo', '1');
  if (paired.counterNo !== null) writeMeta(db, 'counter_no', String(paired.counterNo));
  saveUpstream(db, 'hub', hub.url, paired.token);
}

/**
 * This node's identity, made on its first start: a hub makes its own hall id; a station started with
 * `hub` pairs with it and takes the hub's (first start only: the credential is kept).
 */
export async function nodeIdentity(
  db: Db,
  ids: Ids,
  hub: { url: string; code: string } | undefined,
): Promise<NodeIdentity> {
  const deviceId = meta(db, 'device_id', () => ids.next());
  if (hub && !upstreams(db).some((u) => u.name === 'hub')) await joinHub(db, hub, deviceId);
  const hallId = meta(db, 'hall_id', () => ids.next());
  const role = meta(db, 'role', () => 'hub') as NodeIdentity['role'];
  return { deviceId, hallId, role };
}

/** A hub joins head office once with a hall pairing code; its token is kept for every later start. */
export async function joinHeadOffice(
  db: Db,
  node: NodeIdentity,
  headoffice: { url: string; code: string } | undefined,
): Promise<void> {
  if (!headoffice || upstreams(db).some((u) => u.name === 'headoffice')) return;
  if (node.role !== 'hub') throw new Error('Only a hub joins head office; a station syncs through its hub.');
  const { token } = await pairHubWithHeadOffice(headoffice.url, headoffice.code, node.deviceId, node.hallId);
  saveUpstream(db, 'headoffice', headoffice.url, token);
}

/** A station has no hall record; it noted at pairing whether its hub's hall is the demo. */
export function pairedWithDemo(db: Db): boolean {
  return readMeta(db, 'demo') !== null;
}
