import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../db/open.ts';
import type { TestHall } from './hall.ts';
import { MONEY_TABLES } from '../../db/moneyTables.ts';
import { CASE_TABLES } from '../../db/projections/cases.ts';
import { RATING_TABLES } from '../../db/projections/ratings.ts';
import { HANDOVER_TABLES } from '../../db/projections/handover.ts';
import { REGISTER_TABLES } from '../../db/projections/registers.ts';
import { CHECKLIST_TABLES } from '../../db/projections/checklists.ts';

/** Each day's served count and handling time per service, worked out from the tickets themselves. */
export const handlingFromTickets = (db: Database.Database) =>
  db
    .prepare(
      `SELECT business_day, service_code, count(*) AS served, sum(finished_at - started_at - held_ms) AS handling_ms
       FROM tickets WHERE status = 'done' AND started_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();

/** The same figures as the triggers of migration 0007 keep them. */
export const handlingKept = (db: Database.Database) =>
  db
    .prepare(
      'SELECT business_day, service_code, served, handling_ms FROM service_day_handling WHERE served > 0 ORDER BY 1, 2',
    )
    .all();

/** Runs SQL on a closed hall database file. */
function execOn(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** Undoes migration `version` on a closed hall database file: its `sql`, and its row in schema_migrations. */
function unapply(file: string, version: number, sql: string): void {
  execOn(file, `${sql}\n      DELETE FROM schema_migrations WHERE version = ${version};`);
}

const dropTables = (tables: readonly string[]): string => tables.map((t) => `DROP TABLE ${t};`).join(' ');

/** Turns a closed hall database back into one made before migration 0014 (no case tables). */
export function asBeforeMigration0014(file: string): void {
  asBeforeMigration0015(file);
  unapply(file, 14, dropTables(CASE_TABLES));
}

/** Turns a closed hall database back into one made before migration 0023 (stations never said their head). */
export function asBeforeMigration0023(file: string): void {
  unapply(file, 23, 'DROP TABLE local_station_reports;');
}

/** Turns a closed hall database back into one made before migration 0022 (hall closes read from the journal). */
export function asBeforeMigration0022(file: string): void {
  asBeforeMigration0023(file);
  unapply(file, 22, 'DROP TABLE hall_day_closes;');
}

/** Turns a closed hall database back into one made before migration 0021 (stored replies indexed by time). */
export function asBeforeMigration0021(file: string): void {
  asBeforeMigration0022(file);
  unapply(file, 21, 'CREATE INDEX local_command_replies_created ON local_command_replies (created_at);');
}

/**
 * Turns a closed hall database back into one made before migration 0020 (one completion per checklist
 * occurrence, no manager's opinion on a handover).
 */
export function asBeforeMigration0020(file: string): void {
  asBeforeMigration0021(file);
  unapply(
    file,
    20,
    `DROP TABLE checklist_completions; ALTER TABLE checklist_results DROP COLUMN completion_id;
      ALTER TABLE handovers DROP COLUMN opinion; ALTER TABLE handovers DROP COLUMN opinion_by;
      ALTER TABLE handovers DROP COLUMN opinion_at;`,
  );
}

/** Turns a closed hall database back into one made before migration 0019 (no table stamps, receipts' covering day-total index). */
export function asBeforeMigration0019(file: string): void {
  asBeforeMigration0020(file);
  const stampTriggers = ['settings', 'ref_data'].flatMap((t) =>
    ['insert', 'update', 'delete'].map((op) => `DROP TRIGGER ${t}_stamp_${op};`),
  );
  unapply(
    file,
    19,
    `${stampTriggers.join(' ')} DROP TABLE table_stamps;
      CREATE INDEX receipts_day_totals ON receipts (device_id, day, total_fen);`,
  );
}

/** Turns a closed hall database back into one made before migration 0018 (no handover book, no registers). */
export function asBeforeMigration0018(file: string): void {
  asBeforeMigration0019(file);
  unapply(
    file,
    18,
    `${dropTables([...HANDOVER_TABLES, ...REGISTER_TABLES])}
      DROP INDEX alerts_by_ref; ALTER TABLE alerts DROP COLUMN ref; ALTER TABLE alerts DROP COLUMN facts;`,
  );
}

/** Turns a closed hall database back into one made before migration 0017 (no checklist tables). */
export function asBeforeMigration0017(file: string): void {
  asBeforeMigration0018(file);
  // checklist_completions is 0020's, gone already.
  unapply(file, 17, dropTables(CHECKLIST_TABLES.filter((t) => t !== 'checklist_completions')));
}

/** Turns a closed hall database back into one made before migration 0016 (no day-total indexes). */
export function asBeforeMigration0016(file: string): void {
  asBeforeMigration0017(file);
  unapply(file, 16, 'DROP INDEX receipts_day_totals; DROP INDEX receipt_voids_day_totals;');
}

/** Turns a closed hall database back into one made before migration 0015 (no ratings yet). */
export function asBeforeMigration0015(file: string): void {
  asBeforeMigration0016(file);
  unapply(file, 15, dropTables([...RATING_TABLES, 'local_screen_codes', 'local_screen_tokens']));
}

/** Turns a closed hall database back into one made before migration 0013 (no money tables). */
export function asBeforeMigration0013(file: string): void {
  asBeforeMigration0014(file);
  // hall_day_closes is 0022's, gone already.
  unapply(file, 13, dropTables(MONEY_TABLES.filter((t) => t !== 'hall_day_closes')));
}

/** Turns a closed hall database back into one made before migration 0012 (alerts without their facts). */
export function asBeforeMigration0012(file: string): void {
  asBeforeMigration0013(file);
  unapply(file, 12, 'ALTER TABLE alerts DROP COLUMN away;');
}

/** Turns a closed hall database back into one made before migration 0011 (keys not yet per sender). */
export function asBeforeMigration0011(file: string): void {
  asBeforeMigration0012(file);
  unapply(
    file,
    11,
    `ALTER TABLE idempotency RENAME TO idempotency_0011;
      CREATE TABLE idempotency (key TEXT PRIMARY KEY, ticket_id TEXT NOT NULL);
      INSERT INTO idempotency (key, ticket_id) SELECT key, ticket_id FROM idempotency_0011;
      DROP TABLE idempotency_0011;
      ALTER TABLE local_command_replies RENAME TO local_command_replies_0011;
      CREATE TABLE local_command_replies (key TEXT PRIMARY KEY, principal TEXT NOT NULL,
        fingerprint TEXT NOT NULL, status INTEGER NOT NULL, reply TEXT NOT NULL, created_at INTEGER NOT NULL);
      INSERT INTO local_command_replies SELECT key, principal, fingerprint, status, reply, created_at
        FROM local_command_replies_0011;
      DROP TABLE local_command_replies_0011;
      CREATE INDEX local_command_replies_created ON local_command_replies (created_at);`,
  );
}

/**
 * Turns a closed hall database back into one made before migration 0007, its records untouched (the
 * local tables of the later migrations go too: they were made after 0007 and hold no records).
 */
export function asBeforeMigration0007(file: string): void {
  asBeforeMigration0011(file);
  execOn(
    file,
    `DROP TRIGGER service_day_handling_insert; DROP TRIGGER service_day_handling_update;
      DROP TRIGGER service_day_handling_delete; DROP TABLE service_day_handling;
      ALTER TABLE tickets DROP COLUMN parked_at; ALTER TABLE tickets DROP COLUMN held_ms;
      CREATE INDEX tickets_by_day ON tickets (business_day, status, service_code);
      DROP TABLE IF EXISTS local_upstream_devices; DROP TABLE IF EXISTS local_integrity;
      DELETE FROM schema_migrations WHERE version >= 7;`,
  );
}

/**
 * DESIGN-2: a copy of a hall's database turned back by `asBefore` to what an older build made, then
 * opened by this build (which migrates it again); `check` reads the migrated copy, closed after.
 */
export async function migratedCopy(
  hall: TestHall,
  asBefore: (file: string) => void,
  check: (migrated: Db) => void,
): Promise<void> {
  const file = path.join(hall.dataDir, 'old.sqlite');
  await hall.node.ctx.db.backup(file);
  asBefore(file);
  const migrated = openDatabase(file);
  try {
    check(migrated);
  } finally {
    migrated.close();
  }
}
