import { JournalRow } from '../journal/row.ts';
import { rowHash, type RowHasher } from '../journal/hash.ts';
import { CURRENT_SCHEMA_VER } from '../events/catalog.ts';
import { checkPayload, UPCASTERS } from './upcast.ts';
import { SKEW_FLAG_MS, type PushBody, type PushReply, type Rejection } from './protocol.ts';

export interface Cursor {
  seq: number;
  hash: string;
}

export interface Quarantined {
  id: string;
  seq: number;
  deviceId: string;
  raw: unknown;
  reason: string;
}

export type BatchOutcome =
  | { kind: 'gap'; ackedSeq: number }
  | {
      kind: 'ok';
      accepted: JournalRow[];
      quarantined: Quarantined[];
      cursor: Cursor;
      /** The sender's clock minus the receiver's, when further apart than SKEW_FLAG_MS; else null. */
      skewMs: number | null;
    };

/** The event schemas a receiver reads: its current schema_ver and the upcasters up to it. */
export interface SchemaRegistry {
  current: number;
  upcasters: typeof UPCASTERS;
}
export const THIS_BUILD: SchemaRegistry = { current: CURRENT_SCHEMA_VER, upcasters: UPCASTERS };

/**
 * Validates one pushed batch against the receiver's cursor for its device (DESIGN §4): the batch must
 * start at ackedSeq + 1; each row is checked for size and depth, shape, device, hall, sequence, payload
 * schema (after upcasting), hash chain, and last the receiver's origin rule (who may write that type).
 * A bad row is quarantined with its reason and does not block later rows: the chain continues from the
 * hash the bad row claimed.
 */
export interface Receiver {
  /** The hall every row must belong to; null when the receiver takes the hall from the row. */
  hall: string | null;
  receivedAt: number;
  schemas?: SchemaRegistry;
  /** The receiver's origin rule for this device (shared/events/authority.ts): null, or why not. */
  authorize?: (row: JournalRow) => string | null;
  /** The receiver's row hash (server/sha256.ts on a server); the pure one by default. */
  hashOf?: RowHasher;
}

export function checkBatch(body: PushBody, cursor: Cursor, receiver: Receiver): BatchOutcome {
  const { hall: expectHall, receivedAt, schemas = THIS_BUILD, authorize = () => null } = receiver;
  const hashOf = receiver.hashOf ?? rowHash;
  const first = body.rows[0] as { device_seq?: unknown } | undefined;
  if (first?.device_seq !== cursor.seq + 1) return { kind: 'gap', ackedSeq: cursor.seq };
  const accepted: JournalRow[] = [];
  const quarantined: Quarantined[] = [];
  let { seq, hash } = cursor;
  for (const raw of body.rows) {
    const loose = (raw ?? {}) as { id?: unknown; device_seq?: unknown; hash?: unknown };
    const claimedSeq = typeof loose.device_seq === 'number' ? loose.device_seq : seq + 1;
    // A batch that skips or repeats a sequence number is not contiguous: stop before it.
    if (claimedSeq !== seq + 1) break;
    const reject = (reason: string, kept: unknown = raw) => {
      const validId = typeof loose.id === 'string' && JournalRow.shape.id.safeParse(loose.id).success;
      quarantined.push({
        id: validId ? (loose.id as string) : `seq-${claimedSeq}`,
        seq: claimedSeq,
        deviceId: body.deviceId,
        raw: kept,
        // eslint-disable-next-line no-control-regex -- a reason is shown and stored as plain text
        reason: reason.replace(/[\u0000-\u001f]/g, ' '),
      });
      seq = claimedSeq;
      if (typeof loose.hash === 'string') hash = loose.hash;
    };
    const oversize = outOfBounds(raw);
    if (oversize) {
      // Kept as its scalar fields only: the whole value cannot even be written out as JSON.
      reject(oversize, withheld(raw, oversize));
      continue;
    }
    const parsed = JournalRow.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      reject(`row shape: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
      continue;
    }
    const row = parsed.data;
    if (row.device_id !== body.deviceId)
      reject(`row belongs to device ${row.device_id}, not ${body.deviceId}`);
    else if (expectHall !== null && row.hall_id !== expectHall) reject(`row belongs to hall ${row.hall_id}`);
    else if (row.prev_hash !== hash) reject('broken chain: prev_hash does not match the previous row');
    else if (hashOf(row) !== row.hash) reject('broken chain: hash does not match the row contents');
    else {
      const payload = checkPayload(row.type, row.schema_ver, row.payload, schemas.upcasters, schemas.current);
      if (payload.ok === false) reject(payload.reason);
      else if (payload.ok === 'newer')
        // A row from a newer build cannot be validated here: it is kept whole in quarantine (visible,
        // never dropped) and does not block the rows after it. Upgrade the receiver first (docs/decisions.md).
        reject(
          `${row.type} schema_ver ${row.schema_ver} is newer than this receiver reads (${schemas.current}): upgrade the receiver`,
        );
      else {
        const refused = authorize(row);
        if (refused !== null) reject(refused);
        else {
          accepted.push(row);
          seq = row.device_seq;
          hash = row.hash;
        }
      }
    }
  }
  const skew = body.sentAt - receivedAt;
  return {
    kind: 'ok',
    accepted,
    quarantined,
    cursor: { seq, hash },
    skewMs: Math.abs(skew) > SKEW_FLAG_MS ? skew : null,
  };
}

/** A journal row nests no deeper than this (a payload of records of lines of fields needs ~6). */
export const MAX_ROW_DEPTH = 32;
/**
 * A journal row's JSON is at most this long. The largest real row is a checklist photo (issue 13: up to
 * 160 KiB of image, about 214 KiB in base64); every other row is a few KiB. A photo recorded on a station
 * must reach its hub and head office with the completion that names it.
 */
export const MAX_ROW_BYTES = 256 * 1024;

/**
 * Why a pushed row is too deep or too large to check, or null. Walks the value with its own stack:
 * a 10,000-level payload must be refused here, not overflow the call stack of canonical JSON (a 500
 * that would block that device's sync for ever).
 */
export function outOfBounds(raw: unknown): string | null {
  const stack: [unknown, number][] = [[raw, 1]];
  let nodes = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_ROW_DEPTH) return `row bounds: nested deeper than ${MAX_ROW_DEPTH} levels`;
    // Every node costs at least two bytes of JSON: more nodes than that cannot fit the size bound.
    nodes += Array.isArray(value) ? value.length : Object.keys(value).length;
    if (nodes > MAX_ROW_BYTES / 2) return `row bounds: larger than ${MAX_ROW_BYTES} bytes`;
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1]);
  }
  const size = JSON.stringify(raw)?.length ?? 0;
  return size > MAX_ROW_BYTES ? `row bounds: larger than ${MAX_ROW_BYTES} bytes (${size})` : null;
}

/** What quarantine keeps of a row too large or deep to store: its top-level scalars (seq, hash, type…). */
function withheld(raw: unknown, reason: string): Record<string, unknown> {
  const kept: Record<string, unknown> = { withheld: reason };
  if (typeof raw !== 'object' || raw === null) return kept;
  for (const [key, value] of Object.entries(raw).slice(0, 20))
    if (typeof value !== 'object' || value === null)
      kept[key] = typeof value === 'string' ? value.slice(0, 200) : value;
  return kept;
}

export function replyFor(outcome: Extract<BatchOutcome, { kind: 'ok' }>): PushReply {
  const rejected: Rejection[] = outcome.quarantined.map((q) => ({ id: q.id, seq: q.seq, reason: q.reason }));
  return { ackedSeq: outcome.cursor.seq, rejected };
}
