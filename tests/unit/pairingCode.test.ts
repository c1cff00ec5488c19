import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../server/http/rateLimit.ts';
import { normalizePairingCode, pairingCodeFrom, PairingCode } from '../../shared/pairingCode.ts';

describe('pairing codes (issue 9)', () => {
  it('security: every 8 random bytes make a grouped Crockford code that reads back as itself', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const code = pairingCodeFrom(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        expect(normalizePairingCode(code)).toBe(code);
        expect(normalizePairingCode(code.toLowerCase().replace('-', ' '))).toBe(code);
      }),
    );
  });

  it('security: input forgives case, spaces, hyphens and O/I/L, and refuses what cannot be a code', () => {
    expect(normalizePairingCode(' k7qm 2xhd ')).toBe('K7QM-2XHD');
    expect(normalizePairingCode('K7QM2XHD')).toBe('K7QM-2XHD');
    expect(normalizePairingCode('o1il-LOOo')).toBe('0111-1000');
    expect(normalizePairingCode('K7-QM-2X-HD')).toBe('K7QM-2XHD');
    for (const bad of ['', '123456', 'K7QM-2XH', 'K7QM-2XHDD', 'K7QM-2XHU', 'K7QM_2XHD', '１２３４-５６７８'])
      expect(normalizePairingCode(bad)).toBeNull();
    expect(PairingCode.safeParse('k7qm 2xhd').data).toBe('K7QM-2XHD');
    expect(PairingCode.safeParse('123456').success).toBe(false);
  });

  it('security: the limiter counts per source and in all, and an attempt given back does not count', () => {
    const limiter = new FailureLimiter({
      perSource: { max: 2, windowMs: 1000 },
      global: { max: 3, windowMs: 1000 },
    });
    expect(limiter.take('a', 0)).toBe(0);
    expect(limiter.take('a', 100)).toBe(0);
    expect(limiter.take('a', 200)).toBe(800); // a's first attempt leaves its window at 1000
    limiter.refund('a', 100);
    expect(limiter.take('a', 300)).toBe(0);
    expect(limiter.take('b', 400)).toBe(0);
    expect(limiter.take('c', 500)).toBe(500); // three in the last second from all sources
    expect(limiter.take('c', 1000)).toBe(0);
  });
});
