import type { EventPayload, EventType } from '../../shared/events/catalog.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';
import { hallProjectors } from './hall.ts';
import { queueProjectors } from './queue.ts';
import { referenceProjectors } from './reference.ts';
import { MONEY_TABLES, moneyProjectors } from './money.ts';
import { ticketTouched } from './callable.ts';
import { CASE_TABLES, caseProjectors } from './cases.ts';
import { RATING_TABLES, ratingProjectors } from './ratings.ts';
import { HANDOVER_TABLES, handoverProjectors } from './handover.ts';
import { REGISTER_TABLES, registerProjectors } from './registers.ts';
import { CHECKLIST_TABLES, checklistProjectors } from './checklists.ts';

/** One projector per event type; each receives the row (for occurred_at) and its parsed payload. */
export type Projector<K extends EventType> = (db: Db, payload: EventPayload<K>, row: JournalRow) => void;
export type Projectors = { [K in EventType]?: Projector<K> };

const ALL: Projectors = {
  ...hallProjectors,
  ...queueProjectors,
  ...referenceProjectors,
  ...moneyProjectors,
  ...caseProjectors,
  ...ratingProjectors,
  ...handoverProjectors,
  ...registerProjectors,
  ...checklistProjectors,
};

/** The projection tables, in the order rebuild clears them and dump compares them. */
export const PROJECTION_TABLES = [
  'hall',
  'settings',
  'services',
  'staff',
  'devices',
  'counters',
  'tickets',
  // After tickets: their delete triggers subtract from it first, then it is cleared.
  'service_day_handling',
  'ticket_numbers',
  'idempotency',
  'queue_state',
  'alerts',
  'ref_data',
  ...MONEY_TABLES,
  ...CASE_TABLES,
  ...RATING_TABLES,
  ...HANDOVER_TABLES,
  ...REGISTER_TABLES,
  ...CHECKLIST_TABLES,
] as const;

export function applyEvent(db: Db, row: JournalRow): void {
  const projector = ALL[row.type as EventType] as Projector<EventType> | undefined;
  // Types with no projection (e.g. from a newer build) are kept in the journal and replayed later.
  projector?.(db, row.payload as EventPayload<EventType>, row);
  const { ticketId } = row.payload;
  if (typeof ticketId === 'string') ticketTouched(db, ticketId, row.id);
}

/** Prepared statements cached per connection: projectors run on every write. */
const caches = new WeakMap<Db, Map<string, Statement<unknown[]>>>();
export function stmt(db: Db, sql: string): Statement<unknown[]> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = db.prepare<unknown[]>(sql)));
  return s;
}

/**
 * Inserts one row, each column named beside its value (a projector cannot put a value in the wrong
 * place); the statement is made once per table and column set.
 */
export function insertRow(db: Db, table: string, row: Record<string, string | number | null>): void {
  const columns = Object.keys(row);
  stmt(
    db,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  ).run(row);
}
