import { faultPoint } from '../../server/fault.ts';
import * as read from '../../db/read.ts';
import { stmt } from '../../db/projections/index.ts';
import {
  PullReply,
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type RefChange,
} from '../../shared/sync/protocol.ts';
import { parseRef } from '../../shared/sync/refdata.ts';
import { recordedByDevice, type HallContext, type WriteContext } from '../context.ts';
import { markUpstream, upstreams, type UpstreamName } from './upstreams.ts';

/**
 * Pulls reference data (DESIGN §4) and applies it in one transaction as reference.updated events.
 * Pull never waits for the push backlog. A reset replaces everything: items missing from the snapshot
 * get a tombstone.
 */
export async function pullOnce(
  ctx: HallContext,
  upstream: UpstreamName,
): Promise<{ applied: number; version: number } | null> {
  const up = upstreams(ctx.db).find((u) => u.name === upstream);
  if (!up) return null;
  const now = ctx.clock.now();
  let reply: PullReply;
  try {
    // `head`: how far this node's own journal goes, so its hub can tell whether it holds all of it.
    const query = `since=${up.pulledVersion}&head=${ctx.journal.lastSeq()}`;
    const res = await fetch(`${up.url}/sync/v1/pull?${query}`, {
      headers: { authorization: `Bearer ${up.token}`, [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`pull: HTTP ${res.status}`);
    reply = PullReply.parse(await res.json());
  } catch (error) {
    markUpstream(ctx.db, upstream, false, now, (error as Error).message);
    throw error;
  }
  const { value } = await ctx.commits.run('applyPull', upstream, reply);
  markUpstream(
    ctx.db,
    upstream,
    true,
    now,
    value.skipped.length > 0 ? `reference data skipped: ${value.skipped.join(', ')}` : null,
  );
  return { applied: value.applied, version: reply.version };
}

export function applyPull(
  ctx: WriteContext,
  upstream: UpstreamName,
  reply: PullReply,
): { applied: number; skipped: string[] } {
  const by = recordedByDevice(ctx.deviceId);
  const skipped: string[] = [];
  let applied = 0;
  const current = new Map(
    (
      stmt(ctx.db, 'SELECT kind, key, data FROM ref_data').all() as {
        kind: string;
        key: string;
        data: string | null;
      }[]
    ).map((r) => [`${r.kind}/${r.key}`, r.data]),
  );
  const apply = (c: RefChange) => {
    if (c.data !== null) {
      const checked = parseRef(c.kind, c.key, c.data);
      if (!checked.ok) {
        skipped.push(`${c.kind}/${c.key} (${checked.reason})`);
        return;
      }
    }
    const before = current.get(`${c.kind}/${c.key}`);
    const after = c.data === null ? null : JSON.stringify(c.data);
    if (before === after || (before === undefined && after === null)) return;
    ctx.journal.append(
      'reference.updated',
      { kind: c.kind, key: c.key, version: c.version, data: c.data },
      by,
    );
    applied++;
  };
  reply.changes.forEach(apply);
  faultPoint('pull-apply');
  if (reply.reset) {
    const present = new Set(reply.changes.map((c) => `${c.kind}/${c.key}`));
    for (const [id, data] of current) {
      if (data === null || present.has(id)) continue;
      const [kind, key] = id.split('/') as [RefChange['kind'], string];
      apply({ kind, key, version: reply.version, data: null });
    }
  }
  stmt(ctx.db, 'UPDATE local_upstreams SET pulled_version = ? WHERE name = ?').run(reply.version, upstream);
  // The hub's lock-outs hold here too; a lock already longer here is kept (local state, not journaled).
  for (const lock of reply.locks ?? []) {
    stmt(
      ctx.db,
      `INSERT INTO local_login_failures (staff_no, failures, locked_until) VALUES (?, 0, ?)
       ON CONFLICT (staff_no) DO UPDATE SET
         locked_until = max(coalesce(local_login_failures.locked_until, 0), excluded.locked_until)`,
    ).run(lock.staffNo, lock.lockedUntil);
  }
  return { applied, skipped };
}

const REFERENCE_TYPES = [
  'service.defined',
  'service.opened',
  'service.closed',
  'staff.enrolled',
  'setting.changed',
  'counter.defined',
  'reference.updated',
  'checklist.template_set',
];

/**
 * The checklist templates a station fills in (issue 13, local-first: it must have them with its hub
 * down): head office's as pulled and the hall's own (checklist.template_set), all as `checklist`
 * reference data; a code head office defines is head office's (as on the hub, checklists/service.ts).
 */
function checklistTemplates(ctx: HallContext, version: number): RefChange[] {
  const rows = stmt(
    ctx.db,
    `SELECT key, data FROM ref_data WHERE kind = 'checklist' AND data IS NOT NULL
     UNION ALL SELECT code AS key, data FROM hall_checklists
       WHERE code NOT IN (SELECT key FROM ref_data WHERE kind = 'checklist' AND data IS NOT NULL)
     ORDER BY key`,
  ).all() as { key: string; data: string }[];
  return rows.map((r) => ({
    kind: 'checklist' as const,
    key: r.key,
    version,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}

/**
 * What a hub serves its stations: its current reference data as one snapshot. The version is the
 * position of the newest row that changed it, so an unchanged hall answers with no changes.
 */
export function hubSnapshot(ctx: HallContext, since: number): PullReply {
  const row = stmt(
    ctx.db,
    `SELECT coalesce(max(rowid), 0) AS v FROM journal WHERE type IN (SELECT value FROM json_each(?))`,
  ).get(JSON.stringify(REFERENCE_TYPES)) as { v: number };
  // Lock-outs go with every reply, changed or not: they are few, and they expire on their own.
  const locks = stmt(
    ctx.db,
    'SELECT staff_no AS staffNo, locked_until AS lockedUntil FROM local_login_failures WHERE locked_until > ?',
  ).all(ctx.clock.now()) as { staffNo: string; lockedUntil: number }[];
  if (since === row.v) return { version: row.v, reset: false, changes: [], locks };
  const v = row.v;
  const changes: RefChange[] = [
    ...read.services(ctx.db).map(({ code, ...data }) => ({
      kind: 'service' as const,
      key: code,
      version: v,
      data,
    })),
    ...read.counters(ctx.db).map((c) => ({
      kind: 'counter' as const,
      key: String(c.counterNo),
      version: v,
      data: { name: c.name, services: c.services },
    })),
    ...read.allStaff(ctx.db).map((s) => ({
      kind: 'staff' as const,
      key: s.staffNo,
      version: v,
      data: { name: s.name, role: s.role, pinHash: s.pinHash, staffId: s.id },
    })),
    ...Object.entries(read.settings(ctx.db)).map(([key, value]) => ({
      kind: 'setting' as const,
      key,
      version: v,
      data: { value },
    })),
    // The fee schedule (R-FEE-1): a station charges by it, so it must have it to take money at all.
    ...(
      stmt(ctx.db, "SELECT key, data FROM ref_data WHERE kind = 'fee' AND data IS NOT NULL").all() as {
        key: string;
        data: string;
      }[]
    ).map((r) => ({
      kind: 'fee' as const,
      key: r.key,
      version: v,
      data: JSON.parse(r.data) as Record<string, unknown>,
    })),
    ...checklistTemplates(ctx, v),
  ];
  return { version: v, reset: true, changes, locks };
}
