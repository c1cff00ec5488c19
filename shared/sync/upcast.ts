import { CURRENT_SCHEMA_VER, EVENTS, isEventType } from '../events/catalog.ts';

/**
 * Upcasters: a row written under an older schema_ver is read as the current one. The stored row is
 * never rewritten (its hash covers schema_ver and payload); upcasting happens when it is read.
 * Key: `${type}@${fromVer}` → payload of fromVer + 1.
 */
type Upcaster = (payload: Record<string, unknown>) => Record<string, unknown>;
export const UPCASTERS: Record<string, Upcaster> = {};

export type PayloadCheck = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Checks a payload against its event schema after upcasting. A row from a newer build (higher
 * schema_ver or an unknown type) is reported as 'newer': this build cannot validate it, so a receiver
 * quarantines it whole (shared/sync/ingest.ts) until it is upgraded.
 */
export function checkPayload(
  type: string,
  schemaVer: number,
  payload: Record<string, unknown>,
  upcasters = UPCASTERS,
  current = CURRENT_SCHEMA_VER,
): PayloadCheck | { ok: 'newer' } {
  if (schemaVer > current || !isEventType(type)) return { ok: 'newer' };
  let p = payload;
  for (let v = schemaVer; v < current; v++) {
    const up = upcasters[`${type}@${v}`];
    if (up) p = up(p);
  }
  const parsed = EVENTS[type].safeParse(p);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `payload does not match ${type}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    };
  }
  return { ok: true, payload: parsed.data as Record<string, unknown> };
}
