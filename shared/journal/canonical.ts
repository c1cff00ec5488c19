/**
 * Object keys as canonical JSON writes them (quoted, with the colon), by key. Journal payloads repeat a
 * few dozen keys, and quoting each again was a third of the time of a receipt's canonical text.
 * Bounded, so payloads with ever new keys cannot grow it.
 */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MOST = 4_096;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < QUOTED_KEYS_MOST) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units, no white space, numbers and
 * strings as ECMAScript's JSON.stringify writes them (which is what JCS specifies).
 * Journal payloads hold only JSON values; anything else is refused rather than silently dropped.
 * Written as plain loops: every journal row is hashed through it on every node that checks a chain,
 * so it sits on head office's ingest path.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('canonical JSON cannot hold a non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly JCS's key order.
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v = record[key];
        if (v === undefined) continue;
        out += (first ? '' : ',') + quotedKey(key) + canonicalJson(v);
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/** Set while copying when a key would not keep its place in a plain object (see `sortedCopy`). */
interface CopyState {
  plain: boolean;
}

/**
 * A deep copy of a JSON value with every object's keys inserted in JCS order, refusing what canonical
 * JSON refuses. A JavaScript object lists integer-like keys first whatever the insertion order, and a
 * `__proto__` key would set the prototype: such keys clear `state.plain`, and the copy's own property
 * order then no longer says the canonical order.
 */
function sortedCopy(value: unknown, state: CopyState): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new Error('canonical JSON cannot hold a non-finite number');
      // The text says 0 for -0, and the value must be what the text parses back to.
      return value === 0 ? 0 : value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out: unknown[] = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = sortedCopy(value[i], state);
        return out;
      }
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(record).sort()) {
        const v = record[key];
        if (v === undefined) continue;
        const first = key.charCodeAt(0);
        // Such a copy is not used (see canonicalPayload): where the key lands in it does not matter.
        if ((first >= 48 && first <= 57) || key === '__proto__') state.plain = false;
        out[key] = sortedCopy(v, state);
      }
      return out;
    }
    default:
      throw new Error(`canonical JSON cannot hold a ${typeof value}`);
  }
}

/**
 * A journal payload as a node stores and projects it: its canonical text, and the value that text
 * parses back to (keys in canonical order, as a rebuild reads the stored row). Made from one sorted
 * copy, whose text the engine's own JSON.stringify writes; writing the text and parsing it back cost
 * a receipt twice as much. Where a key would not keep its place in a plain object (an integer-like
 * key such as a denomination, or `__proto__`), the text and value are made the long way.
 */
export function canonicalPayload(payload: Record<string, unknown>): {
  text: string;
  value: Record<string, unknown>;
} {
  const state: CopyState = { plain: true };
  const copy = sortedCopy(payload, state) as Record<string, unknown>;
  if (state.plain) return { text: JSON.stringify(copy), value: copy };
  const text = canonicalJson(payload);
  return { text, value: JSON.parse(text) as Record<string, unknown> };
}
