// Rewrites shared/events/events.snapshot.json. Run it only after a change that keeps old events valid
// (a new optional field or a new event type); anything else needs a new schema_ver and an upcaster.
import { writeFileSync } from 'node:fs';
import { eventSchemaSnapshot } from '../shared/events/snapshot.ts';

writeFileSync(
  new URL('../shared/events/events.snapshot.json', import.meta.url),
  `${JSON.stringify(eventSchemaSnapshot(), null, 2)}\n`,
);
console.log('event schema snapshot written');
