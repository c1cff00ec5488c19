import { z } from 'zod';

/**
 * One-time pairing codes (DESIGN §5, issue 9): 8 characters of Crockford's base 32 shown in two groups,
 * `K7QM-2XHD`. Input forgives what people type: lower case, spaces or hyphens anywhere, O for 0 and
 * I or L for 1. Only the normalised form is hashed and compared.
 *
 * The arithmetic (also checked by tests/integration/security-guessing.test.ts):
 * - space: 32^8 = 2^40 ≈ 1.1 × 10^12 codes;
 * - head office answers at most HO_PAIR_LIMITS.global.max = 60 wrong codes a minute from all sources
 *   together, so 600 within a code's 10-minute life (CODE_LIFETIME_GUESSES); the hub at most 20 per
 *   10 minutes (HUB_PAIR_MAX_FAILURES);
 * - even with MAX_LIVE_CODES = 1,000 codes alive at once, the chance that any guess hits any code is
 *   at most 600 × 1,000 / 2^40 ≈ 5.5 × 10^-7 — below one in a million (the hub: ≈ 1.8 × 10^-8).
 */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_CODE_SPACE = 32 ** PAIRING_CODE_LENGTH;
export const PAIRING_CODE_LIFETIME_MS = 10 * 60_000;

/** Wrong pairing codes head office answers: per source address and from all sources together. */
export const HO_PAIR_LIMITS = {
  perSource: { max: 10, windowMs: 60_000 },
  global: { max: 60, windowMs: 60_000 },
} as const;
/** Wrong codes the hub answers in one 10-minute window, from all its LAN clients together. */
export const HUB_PAIR_MAX_FAILURES = 20;
export const CODE_LIFETIME_GUESSES =
  HO_PAIR_LIMITS.global.max * Math.ceil(PAIRING_CODE_LIFETIME_MS / HO_PAIR_LIMITS.global.windowMs);
/** A generous bound on codes alive at once (halls and devices being set up in the same 10 minutes). */
export const MAX_LIVE_CODES = 1_000;

/** A code from 8 random bytes (the caller supplies them: shared/ has no randomness of its own). */
export function pairingCodeFrom(random: Uint8Array): string {
  if (random.length < PAIRING_CODE_LENGTH) throw new Error('pairing code: 8 random bytes needed');
  // 256 is a multiple of 32, so taking each byte modulo 32 keeps every character equally likely.
  const chars = Array.from(random.subarray(0, PAIRING_CODE_LENGTH), (b) => CROCKFORD[b % 32]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The canonical form of what someone typed, or null when it cannot be a code. */
export function normalizePairingCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (chars.length !== PAIRING_CODE_LENGTH || [...chars].some((c) => !CROCKFORD.includes(c))) return null;
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** A pairing code in a request body: parsed to its canonical form, or a 400 with the rule. */
export const PairingCode = z
  .string()
  .max(32)
  .transform((s, ctx) => {
    const code = normalizePairingCode(s);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: '8 characters such as K7QM-2XHD' });
      return z.NEVER;
    }
    return code;
  });
