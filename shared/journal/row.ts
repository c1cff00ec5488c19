import { z } from 'zod';

// Identifiers never carry control characters (PostgreSQL text cannot hold NUL at all).
const Ident = z
  .string()
  .min(1)
  .max(128)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f]+$/, 'no control characters');

/** One journal row exactly as DESIGN §2 fixes it; the same on SQLite, on the wire and in PostgreSQL. */
export const JournalRow = z.object({
  id: z.string().uuid(),
  device_id: Ident,
  device_seq: z.number().int().min(1),
  hall_id: Ident,
  type: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  schema_ver: z.number().int().min(1),
  payload: z.record(z.string(), z.unknown()),
  occurred_at: z.number().int(),
  recorded_by: Ident,
  prev_hash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type JournalRow = z.infer<typeof JournalRow>;
export type UnsignedRow = Omit<JournalRow, 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);
