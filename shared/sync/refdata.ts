import { z } from 'zod';
import { CounterDefinition, Service, Staff } from '../queue/model.ts';
import { SERVICE_CODE_PATTERN, STAFF_NO_PATTERN } from '../primitives.ts';
import { Settings } from '../settings.ts';
import { FeeEntry } from '../money/fees.ts';
import type { RefKind } from './protocol.ts';
import { ChecklistTemplate, TEMPLATE_CODE_PATTERN } from '../checklists/template.ts';

/** What each kind of reference data holds, checked at head office on edit and at the hall on pull. */
export const RefPayloads = {
  // The key is the code; a new service is open for issuing unless it says otherwise.
  service: Service.omit({ code: true })
    .extend({ open: z.boolean().default(true), sort: z.number().int().default(0) })
    .strict(),
  // The key is the counter number. Service codes are taken as they come (as they always were here).
  counter: CounterDefinition.pick({ name: true })
    .extend({ services: z.array(z.string()) })
    .strict(),
  // The key is the staff number. PIN hashes only (argon2id): a plain PIN never leaves the console
  // request that set it.
  staff: Staff.pick({ name: true, role: true })
    .extend({
      pinHash: z.string().startsWith('$argon2id$'),
      /** The id the hub knows the staff member by, so a station's records name the same person. */
      staffId: Staff.shape.staffId.optional(),
    })
    .strict(),
  setting: z.object({ value: z.unknown() }).strict(),
  // The key names the entry; a price change is a later entry for the same code (shared/money/fees.ts).
  fee: FeeEntry,
  // The key is the template's code. A row from before issue 13 (a name and a list of strings) still
  // reads: its strings become pass/fail items (shared/checklists/template.ts).
  checklist: ChecklistTemplate,
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
  if (kind === 'staff' && !STAFF_NO_PATTERN.test(key))
    return { ok: false, reason: 'staff key must be the staff number' };
  if (kind === 'checklist' && !TEMPLATE_CODE_PATTERN.test(key))
    return { ok: false, reason: 'checklist key must be its code (a-z, 0-9, _ or -)' };
  if (kind === 'service' && !SERVICE_CODE_PATTERN.test(key))
    return { ok: false, reason: 'service key must be its code' };
  return { ok: true, data: parsed.data as Record<string, unknown> };
}
