import { z } from 'zod';
import { CURRENT_SCHEMA_VER, EVENTS } from './catalog.ts';

/** The JSON Schema of every event payload, as committed in events.snapshot.json (STYLE.md practice 3). */
export function eventSchemaSnapshot(): Record<string, unknown> {
  return {
    schemaVer: CURRENT_SCHEMA_VER,
    events: Object.fromEntries(
      Object.entries(EVENTS).map(([type, schema]) => [
        type,
        z.toJSONSchema(schema, { unrepresentable: 'any' }),
      ]),
    ),
  };
}
