import { z } from 'zod';
import { hasUnpairedSurrogate } from '../text.ts';

// Identifiers never carry control characters (PostgreSQL text cannot hold NUL at all) nor unpaired
// surrogates (UTF-8 cannot carry them: SQLite would store U+FFFD, so the stored row would no longer
// match its hash, and head office's batch insert would refuse the whole batch).
const Ident = z
  .string()
  .min(1)
  .max(128)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f]+$/, 'no control characters')
  .refine((s) => !hasUnpairedSurrogate(s), 'no unpaired surrogates');

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
