import { faultPoint } from '../../server/fault.ts';
import type { PullReply, RefChange, RefKind } from '../../shared/sync/protocol.ts';
import type { HoContext } from '../context.ts';

/**
 * Reference data with a commit-ordered version (DESIGN §4). Writers take one advisory lock, so versions
 * are handed out in commit order and a reader that saw version N never misses a change below N.
 */
const REF_LOCK = 8371;

export async function putRef(
  ctx: HoContext,
  kind: RefKind,
  key: string,
  data: Record<string, unknown> | null,
): Promise<number> {
  return ctx.sql.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [REF_LOCK]);
    const [{ v }] = (await q.query<{ v: number }>(`SELECT nextval('ref_version')::bigint AS v`)) as [
      { v: number },
    ];
    await q.query(
      `INSERT INTO ref_data (kind, key, data, version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data, version = excluded.version`,
      [kind, key, data === null ? null : JSON.stringify(data), v],
    );
    return v;
  });
}

export async function listRef(ctx: HoContext, kind?: RefKind): Promise<RefChange[]> {
  const rows = await ctx.sql.query<{ kind: RefKind; key: string; data: string | null; version: number }>(
    `SELECT kind, key, data, version FROM ref_data WHERE data IS NOT NULL AND ($1::text IS NULL OR kind = $1) ORDER BY kind, key`,
    [kind ?? null],
  );
  return rows.map(toChange);
}

/** Changes after `since`; a client that is ahead of us (restored or foreign) gets a full reset. */
export async function pullRef(ctx: HoContext, since: number): Promise<PullReply> {
  faultPoint('pull-serve');
  const [{ max }] = (await ctx.sql.query<{ max: number }>(
    'SELECT coalesce(max(version), 0)::bigint AS max FROM ref_data',
  )) as [{ max: number }];
  if (since === 0 || since > max) {
    return { version: max, reset: true, changes: await listRef(ctx) };
  }
  const rows = await ctx.sql.query<{ kind: RefKind; key: string; data: string | null; version: number }>(
    'SELECT kind, key, data, version FROM ref_data WHERE version > $1 ORDER BY version',
    [since],
  );
  // A change committed between the two reads is included and counted, never skipped.
  return { version: Math.max(max, ...rows.map((r) => r.version)), reset: false, changes: rows.map(toChange) };
}

const toChange = (r: { kind: RefKind; key: string; data: string | null; version: number }): RefChange => ({
  kind: r.kind,
  key: r.key,
  version: r.version,
  data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
});
