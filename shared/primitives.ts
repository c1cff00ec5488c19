import { z } from 'zod';

/**
 * The identifiers and codes every part of ServiceHall speaks of, each defined once: the event catalog,
 * the API bodies, head office's reference data and the screens' form rules take them from here. The
 * patterns are exported too, for code that tests a string without zod (a form rule, a reference key).
 */

/** An id as the journal carries it (a UUID, or a few readable ids such as `staff-1001`). */
export const Id = z.string().min(1).max(64);
/** A name or a short text as the journal keeps it: trimmed, never empty. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

/** A staff number: the key of a staff member at the hall and at head office. */
export const STAFF_NO_PATTERN = /^\d{3,8}$/;
export const StaffNo = z.string().regex(STAFF_NO_PATTERN, 'digits only');

/** A PIN as typed at sign-in; only its argon2id hash is ever stored (DESIGN §5). */
export const PIN_PATTERN = /^\d{4,12}$/;
export const Pin = z.string().regex(PIN_PATTERN, '4–12 digits');

/** A service's code (R-BIZ-1): the key of a service in every projection and in reference data. */
export const SERVICE_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,15}$/;
export const ServiceCode = z.string().regex(SERVICE_CODE_PATTERN, 'an upper-case code such as PAY or A');

/** A ticket number's prefix letter (R-BIZ-1: A = payment, B = business, …). */
export const Prefix = z.string().regex(/^[A-Z]$/, 'one capital letter');

/**
 * A counter number in a JSON body is a JSON number. (Coercing turned `true` and `[2]` into counters 1
 * and 2.)
 */
export const CounterNo = z.number().int().min(1).max(99);
/**
 * A counter number in a journal payload. Payloads of schema_ver 1 have always been read with coercion,
 * so this stays as it was; new input is checked by CounterNo before it becomes an event.
 */
export const JournalCounterNo = z.coerce.number().pipe(CounterNo);

/** A calendar day in the hall's time zone, `YYYY-MM-DD` (shared/time/businessDay.ts). */
export const DayText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Who a hall's staff member is: a manager may do what a clerk may, an admin what a manager may. */
export const StaffRole = z.enum(['clerk', 'manager', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/** What a paired device is for; each opens its own screen. */
export const DeviceRole = z.enum(['kiosk', 'counter', 'pad', 'display']);
export type DeviceRole = z.infer<typeof DeviceRole>;

/** Who a head-office console user is: an admin edits, a viewer reads. */
export const HoRole = z.enum(['admin', 'viewer']);
export type HoRole = z.infer<typeof HoRole>;
