import { z } from 'zod';

/**
 * What a person may type into a name or a reason (DESIGN §5): no control characters (NUL included),
 * no unpaired surrogates (they are not Unicode and PostgreSQL's jsonb refuses them, which would poison
 * sync), no bidi overrides that make a screen show something other than what was stored, and no
 * invisible-only text. ZWJ/ZWNJ stay allowed: scripts and emoji need them.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text that is not Unicode: UTF-8 cannot carry it, so a database would store something else or refuse it. */
export function hasUnpairedSurrogate(text: string): boolean {
  return UNPAIRED_SURROGATE.test(text);
}

export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

/** Trimmed, 1..max characters of safe text. */
export const SafeText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(isSafeText, 'no control, invisible, bidi-override or unpaired surrogate characters');

/** An IANA time zone this runtime knows: an unknown one would make every business-day rule throw. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
