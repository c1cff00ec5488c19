import { useEffect } from 'react';
import { z } from 'zod';
import type { RefKind } from '../../../shared/sync/protocol.ts';
import { RefPayloads } from '../../../shared/sync/refdata.ts';
import { Settings } from '../../../shared/settings.ts';

/**
 * Forms for reference data are built from the same zod schemas head office checks them with
 * (shared/sync/refdata.ts), so a field's rule and its error text come from one source.
 */
export type FieldKind =
  | { type: 'text' }
  | { type: 'number'; integer: boolean }
  | { type: 'bool' }
  | { type: 'choice'; options: string[] }
  | { type: 'tags' }
  | { type: 'lines' }
  | { type: 'json' };

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  schema: z.ZodType;
  required: boolean;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  checks?: { _zod: { def: { check: string; format?: string } } }[];
}
const defOf = (s: z.ZodType) => (s as unknown as { def: Def }).def;

export function fieldKind(schema: z.ZodType, name: string): { kind: FieldKind; required: boolean } {
  let s = schema;
  let required = true;
  while (defOf(s).type === 'default' || defOf(s).type === 'optional') {
    required = false;
    s = defOf(s).innerType!;
  }
  const def = defOf(s);
  switch (def.type) {
    case 'string':
      return { kind: { type: 'text' }, required };
    case 'number':
      return {
        kind: {
          type: 'number',
          integer: (def.checks ?? []).some((c) => c._zod.def.format === 'safeint'),
        },
        required,
      };
    case 'boolean':
      return { kind: { type: 'bool' }, required };
    case 'enum':
      return { kind: { type: 'choice', options: (s as z.ZodEnum).options as string[] }, required };
    case 'array':
      return defOf(def.element!).type === 'string'
        ? { kind: name === 'items' ? { type: 'lines' } : { type: 'tags' }, required }
        : { kind: { type: 'json' }, required };
    default:
      return { kind: { type: 'json' }, required };
  }
}

/** The editable fields of one kind; a staff member's PIN hash is replaced by a PIN field in the form. */
export function refFields(kind: RefKind): FieldSpec[] {
  const shape = (RefPayloads[kind] as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape)
    .filter(([name]) => name !== 'pinHash' && !(kind === 'setting' && name === 'value'))
    .map(([name, schema]) => ({ name, schema, ...fieldKind(schema, name) }));
}

/** A setting's value field takes the type of the hall setting it names. */
export function settingField(key: string): FieldSpec | null {
  const schema = (Settings.shape as Record<string, z.ZodType>)[key];
  if (!schema) return null;
  return { name: 'value', schema, ...fieldKind(schema, 'value'), required: true };
}

export const SETTING_KEYS = Object.keys(Settings.shape);

/** The first zod issue of a value, or null when it is valid. */
export function zodIssue(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'invalid');
}

/** zod's own messages in the console's language. */
export function useZodLocale(lang: string): void {
  useEffect(() => {
    z.config(lang === 'en' ? z.locales.en() : z.locales.zhCN());
  }, [lang]);
}
