import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/journal/canonical.ts';
import { canonicalRowText, pureSha256, rowHash } from '../../shared/journal/hash.ts';

// Identifiers carry no control characters (shared/journal/row.ts).
const ident = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => [...s].every((c) => c >= ' '));

describe('the text a row hash covers (DESIGN §2)', () => {
  it('DESIGN-2 (property): canonicalRowText is canonicalJson of the row without its hashes, so the fast re-hash is the hash', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc.uuid(),
          device_id: ident,
          device_seq: fc.integer({ min: 1, max: 1e9 }),
          hall_id: ident,
          type: fc.constantFrom('ticket.issued', 'receipt.recorded', 'a_b.c_d'),
          schema_ver: fc.integer({ min: 1, max: 9 }),
          payload: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 })),
          occurred_at: fc.integer({ min: 0, max: 4e12 }),
          recorded_by: ident,
          prev_hash: fc.constant('0'.repeat(64)),
        }),
        (row) => {
          const payload = JSON.parse(JSON.stringify(row.payload)) as Record<string, unknown>;
          const { prev_hash, ...rest } = { ...row, payload };
          expect(canonicalRowText(rest, canonicalJson(payload))).toBe(canonicalJson(rest));
          expect(pureSha256(prev_hash + canonicalRowText(rest, canonicalJson(payload)))).toBe(
            rowHash({ ...rest, prev_hash }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
