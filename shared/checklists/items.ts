import type { ItemEntry, StoredItem } from './model.ts';
import type { ChecklistItem } from './template.ts';

export type Checked = { ok: true; items: StoredItem[]; failed: string[] } | { ok: false; detail: string };

/**
 * Checks what was filled in against the template's items (issue 13): every code known and given once;
 * for a completion every required item present; a number item's value a number, a text item's a text,
 * a photo item's a photo. A number outside its limits fails the item whatever was pressed (a reading
 * out of range is a fault, and opens a follow-up). `na` (not applicable) needs no value.
 */
export function checkItems(
  template: readonly ChecklistItem[],
  entries: readonly ItemEntry[],
  complete: boolean,
): Checked {
  const byCode = new Map(template.map((i) => [i.code, i]));
  const seen = new Set<string>();
  const items: StoredItem[] = [];
  for (const e of entries) {
    const item = byCode.get(e.code);
    if (!item) return { ok: false, detail: `no item ${e.code}` };
    if (seen.has(e.code)) return { ok: false, detail: `${e.code} given twice` };
    seen.add(e.code);
    let result = e.result;
    let value: StoredItem['value'] = e.value ?? null;
    if (result !== 'na') {
      if (item.kind === 'number') {
        if (typeof value !== 'number' || !Number.isFinite(value))
          return { ok: false, detail: `${e.code} needs a number` };
        if ((item.min !== undefined && value < item.min) || (item.max !== undefined && value > item.max))
          result = 'fail';
      } else if (item.kind === 'text') {
        if (typeof value !== 'string' || value.trim() === '')
          return { ok: false, detail: `${e.code} needs a text` };
        value = value.trim();
      } else if (item.kind === 'photo') {
        if (e.photoSha256 === undefined) return { ok: false, detail: `${e.code} needs a photo` };
      } else if (value !== null) return { ok: false, detail: `${e.code} takes no value` };
    } else value = null;
    items.push({
      code: e.code,
      result,
      value,
      note: e.note?.trim() || null,
      photoSha256: e.photoSha256 ?? null,
    });
  }
  if (complete)
    for (const i of template)
      if (i.required && !seen.has(i.code)) return { ok: false, detail: `${i.code} is required` };
  return { ok: true, items, failed: items.filter((i) => i.result === 'fail').map((i) => i.code) };
}

/** What a photo's first bytes say it is: JPEG, PNG or WebP, else null (never trust the name or the type sent). */
export function imageMime(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}
