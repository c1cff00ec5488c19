import { z } from 'zod';
import { compareWithAcks, verifyJournal, walkAckedChains } from '../../db/verify.ts';
import { stmt } from '../../db/projections/index.ts';
import type { Db } from '../../db/open.ts';
import { DeviceAck, IntegrityMismatch, type IntegrityMismatchT } from '../../shared/sync/protocol.ts';
import type { Clock } from '../../shared/runtime.ts';
import { upstreams } from './upstreams.ts';

/** How often a hub online checks its journal against head office (issue 9). */
export const INTEGRITY_CHECK_MS = 10 * 60_000;

export interface IntegrityStatus {
  checkedAt: number;
  mismatches: IntegrityMismatchT[];
}

export interface IntegrityCheck {
  /** The first broken link of the local hash chains (only when asked for: it reads every row). */
  localBreak: string | null;
  mismatches: IntegrityMismatchT[];
  devices: number;
}

/**
 * Checks this hub's journal against what head office acknowledged (cursor and hash per device):
 * rewriting history and re-hashing every later row passes the local verifier, but not this. Records the
 * outcome for /health and the manager screen, and reports a mismatch to head office, which keeps it
 * for the console. Throws when head office cannot be asked (the last outcome then stands).
 */
export async function checkAgainstHeadOffice(
  db: Db,
  clock: Clock,
  opts: { localChains?: boolean } = {},
): Promise<IntegrityCheck> {
  const up = upstreams(db).find((u) => u.name === 'headoffice');
  if (!up) throw new Error('this node is not paired with head office');
  const headers = { authorization: `Bearer ${up.token}`, 'content-type': 'application/json' };
  const res = await fetch(`${up.url}/sync/v1/acks`, { headers, signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`head office answered HTTP ${res.status} to /sync/v1/acks`);
  const acks = z.array(DeviceAck).parse(await res.json());
  // Deleted rows and a rewritten, re-hashed history show at the acknowledged row; a row edited in
  // place (its hash kept) only in the chain walk, done in chunks so the hub keeps answering.
  const compared = compareWithAcks(db, acks);
  const walked = await walkAckedChains(db, acks, () => new Promise((r) => setImmediate(r)));
  const mismatches = [...compared, ...walked.filter((w) => !compared.some((c) => c.deviceId === w.deviceId))];
  stmt(
    db,
    `INSERT INTO local_integrity (upstream, checked_at, mismatches) VALUES ('headoffice', ?, ?)
     ON CONFLICT (upstream) DO UPDATE SET checked_at = excluded.checked_at, mismatches = excluded.mismatches`,
  ).run(clock.now(), JSON.stringify(mismatches));
  if (mismatches.length > 0) {
    const sent = await fetch(`${up.url}/sync/v1/integrity-reports`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ mismatches: mismatches.slice(0, 1000) }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!sent.ok) throw new Error(`head office answered HTTP ${sent.status} to the integrity report`);
  }
  // The CLI also walks every chain to its end, beyond what head office acknowledged.
  const b = opts.localChains ? verifyJournal(db).firstBreak : null;
  return {
    localBreak: b ? `device ${b.device_id} seq ${b.device_seq} (row ${b.id}): ${b.reason}` : null,
    mismatches,
    devices: acks.length,
  };
}

/** The last check's outcome, or null before the first. */
export function integrityStatus(db: Db): IntegrityStatus | null {
  const row = stmt(
    db,
    "SELECT checked_at, mismatches FROM local_integrity WHERE upstream = 'headoffice'",
  ).get() as { checked_at: number; mismatches: string } | undefined;
  if (!row) return null;
  return {
    checkedAt: row.checked_at,
    mismatches: z.array(IntegrityMismatch).parse(JSON.parse(row.mismatches)),
  };
}

/** One line per mismatch, for the CLI and /health. */
export function describeMismatch(m: IntegrityMismatchT): string {
  if (m.reason === 'chain_broken')
    return `device ${m.deviceId} seq ${m.seq ?? '?'}: the row no longer matches its hash (edited in place)`;
  return m.reason === 'rows_deleted'
    ? `device ${m.deviceId}: head office acknowledged seq ${m.ackedSeq}, this journal ends at ${m.hallSeq} (rows deleted)`
    : `device ${m.deviceId} seq ${m.ackedSeq}: hash ${m.hallHash ?? '—'} here, ${m.headOfficeHash} at head office (history rewritten)`;
}
