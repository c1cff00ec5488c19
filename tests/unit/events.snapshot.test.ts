import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventSchemaSnapshot } from '../../shared/events/snapshot.ts';

type Schema = { properties?: Record<string, unknown>; required?: string[] };
const committed = JSON.parse(
  readFileSync(new URL('../../shared/events/events.snapshot.json', import.meta.url), 'utf8'),
) as {
  schemaVer: number;
  events: Record<string, Schema>;
};

describe('event schemas only grow (STYLE.md practice 3)', () => {
  const current = eventSchemaSnapshot() as { schemaVer: number; events: Record<string, Schema> };

  it('DESIGN-2: every committed event type still exists with every committed field', () => {
    for (const [type, old] of Object.entries(committed.events)) {
      const now = current.events[type];
      expect(now, `event ${type} was removed`).toBeDefined();
      for (const [field, schema] of Object.entries(old.properties ?? {})) {
        expect(now!.properties?.[field], `${type}.${field} changed`).toEqual(schema);
      }
      // A newly required field would make old rows invalid.
      for (const field of now!.required ?? []) {
        expect(old.required ?? [], `${type}.${field} became required`).toContain(field);
      }
    }
  });

  it('DESIGN-2: the committed snapshot is current (run `npx tsx scripts/snapshot-events.ts` after a compatible change)', () => {
    expect(current).toEqual(committed);
  });
});
