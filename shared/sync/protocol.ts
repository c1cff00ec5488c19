import { z } from 'zod';
import { DomainError } from '../errors.ts';

/**
 * The sync protocol (DESIGN §4), the same for station → hub and hub → head office.
 * A receiver answers 426 to a sender whose protocol version it does not speak.
 */
export const SYNC_PROTOCOL_VERSION = 1;
export const SYNC_PROTOCOL_HEADER = 'x-servicehall-sync';
/** The protocol version a sender speaks; a receiver answers 426 when it is not SYNC_PROTOCOL_VERSION. */
export const SyncProtocolHeader = z.object({ [SYNC_PROTOCOL_HEADER]: z.string().max(10).optional() });
/** 426 for a sender speaking another protocol version: it must upgrade first (DESIGN §4). */
export function checkProtocol(headers: z.output<typeof SyncProtocolHeader>): void {
  const v = headers[SYNC_PROTOCOL_HEADER];
  if (v !== undefined && Number(v) !== SYNC_PROTOCOL_VERSION)
    throw new DomainError('E_UPGRADE_REQUIRED', { version: SYNC_PROTOCOL_VERSION });
}
/**
 * A pull asks for reference data changed after `since` (0: everything). A station also says how far its
 * own journal goes (`head`, its last device_seq): the hub then knows whether it holds all of it, which
 * the hall's day close needs (R-CASH-2: a station whose money never reached the hub is otherwise
 * invisible there). Optional, so an older sender's pull is still answered.
 */
export const PullQuery = z.object({
  since: z.coerce.number().int().min(0).default(0),
  head: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export const MAX_BATCH_ROWS = 500;
/** A push body as sent — envelope and rows, UTF-8 JSON — is at most this many bytes (DESIGN §4: 1 MB). */
export const MAX_BATCH_BYTES = 1_000_000;
/**
 * The body limit of every receiver's push route (the hub's and head office's): a full batch plus
 * headroom, so a sender that sizes its batches by MAX_BATCH_BYTES never meets 413. The headroom is for
 * senders of older builds, which counted characters rather than bytes and left out the envelope.
 */
export const PUSH_BODY_LIMIT = MAX_BATCH_BYTES + 64 * 1024;
/** Device clocks are data; a receiver flags a row whose device time is further than this from its own. */
export const SKEW_FLAG_MS = 2 * 60_000;

/** One batch: the rows of one device, in device_seq order, starting right after the receiver's cursor. */
export const PushBody = z
  .object({
    deviceId: z.string().min(1).max(64),
    /** The sender's clock when it sent the batch: the receiver compares it with its own to flag skew. */
    sentAt: z.number().int(),
    // Rows are checked one by one so that a bad row is quarantined instead of failing the batch.
    rows: z.array(z.unknown()).min(1).max(MAX_BATCH_ROWS),
  })
  .strict();
export type PushBody = z.infer<typeof PushBody>;

export const Rejection = z.object({ id: z.string(), seq: z.number().int(), reason: z.string() });
export type Rejection = z.infer<typeof Rejection>;

export const PushReply = z.object({ ackedSeq: z.number().int().min(0), rejected: z.array(Rejection) });
export type PushReply = z.infer<typeof PushReply>;

/** 409: the batch does not start at ackedSeq + 1; the sender resumes from the receiver's cursor. */
export const GapReply = z.object({
  error: z.object({ code: z.literal('E_SYNC_GAP'), message: z.string() }),
  ackedSeq: z.number().int().min(0),
});
export type GapReply = z.infer<typeof GapReply>;

/** The 409 body both receivers send when a batch does not start right after their cursor. */
export function gapReply(ackedSeq: number): GapReply {
  return { error: { code: 'E_SYNC_GAP', message: `expected device_seq ${ackedSeq + 1}` }, ackedSeq };
}

/**
 * A hub registers each station whose rows it carries before pushing them (issue 9): head office binds
 * the station to the hub's hall for ever and refuses rows of devices the pushing hub does not own.
 */
export const RegisterStationBody = z
  .object({
    deviceId: z.string().min(1).max(64),
    role: z.literal('counter'),
    name: z.string().trim().min(1).max(60),
    counterNo: z.number().int().min(1).max(99).nullable(),
  })
  .strict();
export type RegisterStationBody = z.infer<typeof RegisterStationBody>;
export const RegisterStationReply = z.object({
  deviceId: z.string(),
  hallId: z.string(),
  counterNo: z.number().int().nullable(),
});

/**
 * What head office acknowledged per device of a hall (issue 9): a hall checks its journal against it.
 * A hall row at ackedSeq whose hash differs, or a hall whose last row is below ackedSeq, is a mismatch.
 */
export const DeviceAck = z.object({
  deviceId: z.string(),
  ackedSeq: z.number().int().min(0),
  hash: z.string(),
});
export type DeviceAckT = z.infer<typeof DeviceAck>;
export const IntegrityMismatch = z.object({
  deviceId: z.string().min(1).max(64),
  ackedSeq: z.number().int().min(0),
  /** The hall's last device_seq for the device (below ackedSeq: rows were deleted). */
  hallSeq: z.number().int().min(0),
  /** The hall's hash at ackedSeq; null when the hall lacks that row. */
  hallHash: z.string().max(128).nullable(),
  headOfficeHash: z.string().max(128),
  /**
   * rows_deleted: the hall ends below ackedSeq; hash_differs: the hall's row at ackedSeq has another
   * hash; chain_broken: a row at or before ackedSeq no longer matches its own hash (edited in place), at
   * `seq`.
   */
  reason: z.enum(['rows_deleted', 'hash_differs', 'chain_broken']),
  seq: z.number().int().min(1).optional(),
});
export type IntegrityMismatchT = z.infer<typeof IntegrityMismatch>;
export const IntegrityReportBody = z
  .object({ mismatches: z.array(IntegrityMismatch).min(1).max(1000) })
  .strict();

/** Reference data flows down: services, fees, staff, settings, checklist templates. */
export const RefKind = z.enum(['service', 'counter', 'staff', 'setting', 'fee', 'checklist']);
export type RefKind = z.infer<typeof RefKind>;
export const RefChange = z.object({
  kind: RefKind,
  key: z.string().min(1).max(64),
  version: z.number().int().min(1),
  /** null is a tombstone: the item was removed. */
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type RefChange = z.infer<typeof RefChange>;
export const PullReply = z.object({
  version: z.number().int().min(0),
  /** The client's version is unknown or too old to serve as a diff: replace everything with `changes`. */
  reset: z.boolean(),
  changes: z.array(RefChange),
  /**
   * A hub relays its staff lock-outs to its stations with every pull (issue 9): a staff number locked at
   * the hub is locked at the counter PCs too, until the same time. Head office sends none.
   */
  locks: z
    .array(z.object({ staffNo: z.string().min(1).max(16), lockedUntil: z.number().int() }))
    .max(10_000)
    .optional(),
});
export type PullReply = z.infer<typeof PullReply>;

/**
 * How many rows fit one push body: at most `rows` of them, and the body — the envelope (`envelopeBytes`),
 * the rows and the commas between them — at most `bytes`. At least one row: a row larger than the limit
 * goes alone, and only the receiver can say whether it fits.
 */
export function batchSize(
  rowBytes: readonly number[],
  limits: { rows?: number; bytes?: number; envelopeBytes?: number } = {},
): number {
  const { rows = MAX_BATCH_ROWS, bytes = MAX_BATCH_BYTES, envelopeBytes = 0 } = limits;
  let total = envelopeBytes;
  let n = 0;
  for (const size of rowBytes) {
    const cost = n > 0 ? size + 1 : size;
    if (n >= rows || (n > 0 && total + cost > bytes)) break;
    total += cost;
    n++;
  }
  return Math.max(n, Math.min(1, rowBytes.length));
}

/**
 * The push body as sent, from rows already serialized: the same text as
 * `JSON.stringify({deviceId, sentAt, rows})`, so what was measured is what goes on the wire.
 */
export function pushBodyText(deviceId: string, sentAt: number, rowTexts: readonly string[]): string {
  return `{"deviceId":${JSON.stringify(deviceId)},"sentAt":${JSON.stringify(sentAt)},"rows":[${rowTexts.join(',')}]}`;
}

/** Exponential backoff with full jitter: a random wait up to min(cap, base·2^attempt). */
export function backoffMs(attempt: number, random: () => number, baseMs = 500, capMs = 60_000): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20)));
}
