import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, canonicalPayload } from '../../shared/journal/canonical.ts';
import { createHash } from 'node:crypto';
import { findChainBreak, pureSha256, rowHash, rowHasher } from '../../shared/journal/hash.ts';
import { GENESIS_HASH, type JournalRow } from '../../shared/journal/row.ts';

function chain(count: number): JournalRow[] {
  const rows: JournalRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const unsigned = {
      id: `0190f0c0-0000-7000-8000-${String(i).padStart(12, '0')}`,
      device_id: 'dev-1',
      device_seq: i,
      hall_id: 'hall-1',
      type: 'ticket.issued',
      schema_ver: 1,
      payload: { n: i, name: '缴费' },
      occurred_at: 1_795_000_000_000 + i,
      recorded_by: 'device:dev-1',
      prev_hash: prev,
    };
    const row = { ...unsigned, hash: rowHash(unsigned) };
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

describe('canonical JSON (RFC 8785)', () => {
  it('DESIGN-2: keys are sorted by UTF-16 code units with no white space', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1, y: 2 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":2,"z":1}}',
    );
    // RFC 8785 §3.2.3: sorting by UTF-16 code units puts "\u20ac" before "\ud83d\ude00".
    expect(canonicalJson({ '😀': 1, '€': 2, '\r': 3, '1': 4 })).toBe('{"\\r":3,"1":4,"€":2,"😀":1}');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(-0)).toBe('0');
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });

  it('DESIGN-2 (property): canonical JSON parses back to the same value, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('hash chain', () => {
  it('DESIGN-2: an intact chain verifies', () => {
    expect(findChainBreak(chain(20), { seq: 0, hash: GENESIS_HASH })).toBeNull();
  });

  it('DESIGN-2: a changed payload is reported at its own row', () => {
    const rows = chain(10);
    rows[6] = { ...rows[6]!, payload: { n: 999 } };
    expect(findChainBreak(rows, { seq: 0, hash: GENESIS_HASH })).toMatchObject({
      device_seq: 7,
      reason: expect.stringContaining('hash'),
    });
  });

  it('DESIGN-2: a removed row is reported as a sequence gap', () => {
    const rows = chain(10);
    rows.splice(3, 1);
    expect(findChainBreak(rows, { seq: 0, hash: GENESIS_HASH })).toMatchObject({
      device_seq: 5,
      reason: expect.stringContaining('gap'),
    });
  });

  it('DESIGN-2: a re-signed forged row breaks the link to the next one', () => {
    const rows = chain(5);
    const forged = { ...rows[1]!, payload: { n: -1 } };
    rows[1] = { ...forged, hash: rowHash(forged) };
    expect(findChainBreak(rows, { seq: 0, hash: GENESIS_HASH })).toMatchObject({ device_seq: 3 });
  });
});

describe('the journal hash on any platform', () => {
  it('DESIGN-2: node:crypto and the pure-JS SHA-256 give the same hash for any row', () => {
    const nodeSha = (text: string) => createHash('sha256').update(text).digest('hex');
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (payload, text) => {
        const row = { ...chain(1)[0]!, payload: { value: payload, text } as Record<string, unknown> };
        return rowHasher(pureSha256)(row) === rowHasher(nodeSha)(row);
      }),
      { numRuns: 300, seed: 8785 },
    );
  });

  it("DESIGN-2 (property): a payload's canonical text and value are what writing the text and parsing it back give", () => {
    // Keys that a JavaScript object does not keep in insertion order (integer-like, __proto__) as well.
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '1', '10', '100', '5000', '1a', 'b'));
    const payload = fc.dictionary(key, fc.jsonValue(), { maxKeys: 8 });
    fc.assert(
      fc.property(payload, fc.constantFrom(0, -0), (p, zero) => {
        const withZero = { ...p, zero };
        const { text, value } = canonicalPayload(withZero);
        const reread = JSON.parse(canonicalJson(withZero)) as unknown;
        // JSON.stringify keeps own property order, so equal texts mean the same values in the same order.
        return (
          text === canonicalJson(withZero) &&
          JSON.stringify(value) === JSON.stringify(reread) &&
          Object.is(value.zero, 0)
        );
      }),
      { numRuns: 500, seed: 8785 },
    );
    expect(() => canonicalPayload({ a: [1, undefined] })).toThrow();
    expect(() => canonicalPayload({ a: Number.NaN })).toThrow();
  });

  it('DESIGN-2: canonical JSON matches a plain sort-and-stringify reference for any JSON value', () => {
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
      if (v !== null && typeof v === 'object')
        return `{${Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(fc.jsonValue(), (v) => canonicalJson(v) === reference(v)),
      { numRuns: 500, seed: 8785 },
    );
  });
});
