import { z } from 'zod';
import { Prefix, Role } from '../queue/model.ts';
import { Settings } from '../settings.ts';
import type { RefKind } from './protocol.ts';

/** What each kind of reference data holds, checked at head office on edit and at the hall on pull. */
export const RefPayloads = {
  service: z
    .object({
      name: z.string().trim().min(1).max(40),
      nameEn: z.string().trim().min(1).max(60),
      prefix: Prefix,
      slaMinutes: z.number().int().min(1).max(240),
      open: z.boolean().default(true),
      sort: z.number().int().default(0),
    })
    .strict(),
  counter: z.object({ name: z.string().trim().min(1).max(40), services: z.array(z.string()) }).strict(),
  // PIN hashes only (argon2id): a plain PIN never leaves the console request that set it.
  staff: z
    .object({
      name: z.string().trim().min(1).max(40),
      role: Role,
      pinHash: z.string().startsWith('$argon2id$'),
      /** The id the hub knows the staff member by, so a station's records name the same person. */
      staffId: z.string().min(1).max(64).optional(),
    })
    .strict(),
  setting: z.object({ value: z.unknown() }).strict(),
  fee: z
    .object({
      name: z.string().trim().min(1).max(60),
      amountFen: z.number().int().min(0),
      unit: z.string().max(20).default('项'),
    })
    .strict(),
  checklist: z
    .object({
      name: z.string().trim().min(1).max(60),
      items: z.array(z.string().trim().min(1).max(120)).min(1).max(100),
    })
    .strict(),
} satisfies Record<RefKind, z.ZodType>;

/** Checks one item; a setting is checked against the hall settings schema under its key. */
export function parseRef(
  kind: RefKind,
  key: string,
  data: unknown,
): { ok: true; data: Record<string, unknown> } | { ok: false; reason: string } {
  const parsed = RefPayloads[kind].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() };
  }
  if (kind === 'setting') {
    const field = (Settings.shape as Record<string, z.ZodType>)[key];
    if (!field || !field.safeParse((parsed.data as { value: unknown }).value).success)
      return { ok: false, reason: `setting ${key}` };
  }
  if (kind === 'staff' && !/^\d{3,8}$/.test(key))
    return { ok: false, reason: 'staff key must be the staff number' };
  if (kind === 'service' && !/^[A-Z][A-Z0-9_]{0,15}$/.test(key))
    return { ok: false, reason: 'service key must be its code' };
  return { ok: true, data: parsed.data as Record<string, unknown> };
}
