import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchCeiling, buildPushBatch, PROBE_AFTER } from '../../hall/sync/batch.ts';
import { MAX_BATCH_BYTES, MAX_BATCH_ROWS, pushBodyText } from '../../shared/sync/protocol.ts';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const DEVICE = '0190f0c0-0000-7000-8000-000000000001';
const SENT_AT = 1_795_000_000_000;

/** A journal-like row of about `size` bytes as sent, half of them Chinese text (3 bytes a character). */
function aRow(seq: number, size: number): Record<string, unknown> {
  const chinese = '开厅检查'.repeat(Math.ceil(size / 24)).slice(0, Math.floor(size / 6));
  return { device_seq: seq, payload: { note: chinese + 'x'.repeat(Math.floor(size / 2)) } };
}

describe('DESIGN-4: push batches are sized in bytes as sent', () => {
  it('DESIGN-4: a batch holds as many rows as fit its byte limit, envelope and UTF-8 included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ note: fc.string({ unit: 'grapheme', maxLength: 300 }) }), { maxLength: 60 }),
        fc.integer({ min: 100, max: 20_000 }),
        (rows, limit) => {
          const batch = buildPushBatch(DEVICE, SENT_AT, rows, limit);
          // What was measured is what is sent: the body is the protocol's envelope around the rows.
          expect(JSON.parse(batch.body)).toEqual({
            deviceId: DEVICE,
            sentAt: SENT_AT,
            rows: rows.slice(0, batch.count),
          });
          expect(batch.bytes).toBe(bytes(batch.body));
          if (rows.length > 0) expect(batch.count).toBeGreaterThanOrEqual(1);
          // It fits, unless it is one row too large on its own ...
          if (batch.count > 1) expect(batch.bytes).toBeLessThanOrEqual(limit);
          // ... and one more row would not have fitted.
          if (batch.count < rows.length) {
            const more = pushBodyText(
              DEVICE,
              SENT_AT,
              rows.slice(0, batch.count + 1).map((r) => JSON.stringify(r)),
            );
            expect(bytes(more)).toBeGreaterThan(limit);
          }
        },
      ),
    );
  });

  it('DESIGN-4: Chinese text counts three bytes a character, not one', () => {
    const rows = Array.from({ length: 100 }, (_, i) => aRow(i + 1, 2_000));
    const row = JSON.stringify(rows[50]);
    // What this test is about: these rows are far more bytes than characters.
    expect(bytes(row)).toBeGreaterThan(1.4 * row.length);
    const limit = 50_000;
    const batch = buildPushBatch(DEVICE, SENT_AT, rows, limit);
    expect(batch.bytes).toBeLessThanOrEqual(limit);
    expect(batch.bytes).toBeGreaterThan(limit - bytes(row) - 10);
  });

  it('DESIGN-4: at most 500 rows and 1 MB a batch; a row larger than the limit goes alone', () => {
    const small = Array.from({ length: 700 }, (_, i) => ({ device_seq: i + 1 }));
    expect(buildPushBatch(DEVICE, SENT_AT, small).count).toBe(MAX_BATCH_ROWS);
    const large = Array.from({ length: 500 }, (_, i) => aRow(i + 1, 8_000));
    const full = buildPushBatch(DEVICE, SENT_AT, large);
    expect(full.count).toBeLessThan(500);
    expect(full.bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(full.bytes).toBeGreaterThan(MAX_BATCH_BYTES - bytes(JSON.stringify(large[0])) - 10);
    const alone = buildPushBatch(DEVICE, SENT_AT, [aRow(1, 4_000), aRow(2, 10)], 1_000);
    expect(alone.count).toBe(1);
    expect(alone.bytes).toBeGreaterThan(1_000);
  });
});

/**
 * A sender's batches against a receiver that refuses bodies over `limit` with 413, as the real sender
 * uses the ceiling: each batch built to the ceiling, the ceiling told of every reply.
 */
function drainAgainst(limit: number, rows: readonly unknown[], ceiling = new BatchCeiling()) {
  const replies: (200 | 413)[] = [];
  const ceilings: { bytes: number; refused: number | null }[] = [];
  for (let next = 0; next < rows.length;) {
    const batch = buildPushBatch(DEVICE, SENT_AT, rows.slice(next, next + MAX_BATCH_ROWS), ceiling.bytes);
    if (batch.bytes > limit) {
      replies.push(413);
      ceiling.refused(batch.bytes);
    } else {
      replies.push(200);
      ceiling.accepted(batch.bytes);
      next += batch.count;
    }
    ceilings.push({ bytes: ceiling.bytes, refused: ceiling.refusedBytes });
    if (replies.length > 10 * rows.length) throw new Error('the sender never converged');
  }
  return { replies, ceilings, ceiling };
}

/** Indexes of the 413s after the first accepted batch. */
const laterRefusals = (replies: readonly number[]) =>
  replies.flatMap((r, i) => (r === 413 && i > replies.indexOf(200) ? [i] : []));

describe('DESIGN-4: after a 413 the sender remembers the upstream’s ceiling', () => {
  // 30,000 rows of about 640–840 bytes (a station's month), against a receiver that takes 60 kB.
  const rows = Array.from({ length: 30_000 }, (_, i) => aRow(i + 1, 600 + ((i * 37) % 200)));
  const LIMIT = 60_000;

  it('DESIGN-4: against a receiver with a small body limit the sender converges and never alternates refused and accepted batches', () => {
    const { replies, ceilings, ceiling } = drainAgainst(LIMIT, rows);
    // A few halvings find a size that fits (a full 500-row batch is ~390 kB: three 413s).
    expect(replies.indexOf(200)).toBeLessThanOrEqual(4);
    // The ceiling never goes back up to a size that was refused.
    for (const c of ceilings) if (c.refused !== null) expect(c.bytes).toBeLessThan(c.refused);
    // Later refusals are only the rare upward probes: each after PROBE_AFTER accepted batches, and few.
    const later = laterRefusals(replies);
    expect(later.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < later.length; i++) expect(later[i]! - later[i - 1]!).toBeGreaterThan(PROBE_AFTER);
    expect(replies.slice(replies.indexOf(200)).filter((r) => r === 413).length).toBe(later.length);
    // And the probes pay: the sender ends close to what the receiver takes, not at a quarter of it.
    expect(ceiling.bytes).toBeGreaterThan(0.8 * LIMIT);
    expect(ceiling.bytes).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it('DESIGN-4: a sender that never met a 413 keeps the protocol’s full batch', () => {
    const { replies, ceiling } = drainAgainst(MAX_BATCH_BYTES + 64 * 1024, rows.slice(0, 5_000));
    expect(replies.every((r) => r === 200)).toBe(true);
    expect(ceiling.bytes).toBe(MAX_BATCH_BYTES);
    expect(ceiling.refusedBytes).toBeNull();
  });

  it('DESIGN-4: a receiver that lowers its limit later is learnt again, without alternating', () => {
    const first = drainAgainst(LIMIT, rows.slice(0, 5_000));
    const again = drainAgainst(20_000, rows.slice(5_000, 15_000), first.ceiling);
    expect(again.replies.indexOf(200)).toBeLessThanOrEqual(3);
    const later = laterRefusals(again.replies);
    for (let i = 1; i < later.length; i++) expect(later[i]! - later[i - 1]!).toBeGreaterThan(PROBE_AFTER);
    expect(again.ceiling.bytes).toBeLessThanOrEqual(20_000);
  });
});
