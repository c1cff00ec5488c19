import { batchSize, MAX_BATCH_BYTES, MAX_BATCH_ROWS, pushBodyText } from '../../shared/sync/protocol.ts';

/** One push body ready to send: its text, its size in bytes as sent, and how many rows it carries. */
export interface PushBatch {
  body: string;
  bytes: number;
  count: number;
}

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The push body for the first rows of `rows` that fit `maxBytes` as sent (UTF-8, envelope included) and
 * MAX_BATCH_ROWS (DESIGN §4). A single row larger than `maxBytes` goes alone.
 */
export function buildPushBatch(
  deviceId: string,
  sentAt: number,
  rows: readonly unknown[],
  maxBytes: number = MAX_BATCH_BYTES,
): PushBatch {
  const texts = rows.slice(0, MAX_BATCH_ROWS).map((r) => JSON.stringify(r));
  const sizes = texts.map(utf8Bytes);
  const envelopeBytes = utf8Bytes(pushBodyText(deviceId, sentAt, []));
  const count = batchSize(sizes, { bytes: maxBytes, envelopeBytes });
  const body = pushBodyText(deviceId, sentAt, texts.slice(0, count));
  return { body, bytes: utf8Bytes(body), count };
}

/** Accepted batches in a row after which the ceiling probes upward (a receiver may have been reconfigured). */
export const PROBE_AFTER = 64;
/** The ceiling stops probing once the refused size is this close above it: the rest is not worth a 413. */
const PROBE_MIN_GAP = 4 * 1024;

/**
 * The largest push body an upstream takes, learnt from its 413s (DESIGN §4); one per sender, in memory.
 * It starts at MAX_BATCH_BYTES. A 413 lowers it below the refused size — to the largest size accepted
 * below it, or half the refused one — and remembers the smallest refused size: the ceiling never climbs
 * back to it, so a sender never alternates refused and accepted batches. After PROBE_AFTER accepted
 * batches in a row it moves halfway towards the refused size; a probe that fails narrows the gap, so
 * refusals stay few (about log2 of the gap) and at least PROBE_AFTER accepted batches apart.
 */
export class BatchCeiling {
  bytes = MAX_BATCH_BYTES;
  /** The smallest body refused with 413, or null while none was. */
  refusedBytes: number | null = null;
  private acceptedBytes = 0;
  private streak = 0;

  /** A body of `bytes` was refused with 413; returns the new ceiling. */
  refused(bytes: number): number {
    this.refusedBytes = Math.min(this.refusedBytes ?? Number.POSITIVE_INFINITY, bytes);
    // A size accepted before is trusted once (a failed probe goes back to it); if that fails too, the
    // receiver lowered its limit since, and halving goes on from there.
    const known = this.acceptedBytes < bytes ? this.acceptedBytes : 0;
    this.acceptedBytes = 0;
    this.bytes = Math.min(this.bytes, Math.max(known, Math.floor(bytes / 2)));
    this.streak = 0;
    return this.bytes;
  }

  /** A body of `bytes` was accepted. */
  accepted(bytes: number): void {
    this.acceptedBytes = Math.max(this.acceptedBytes, bytes);
    if (this.refusedBytes === null || ++this.streak < PROBE_AFTER) return;
    this.streak = 0;
    const probe = Math.min(MAX_BATCH_BYTES, Math.floor((this.bytes + this.refusedBytes) / 2));
    if (this.refusedBytes - this.bytes > PROBE_MIN_GAP) this.bytes = probe;
  }
}
