import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { MONEY_TABLES } from './moneyTables.ts';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { faultPoint } from '../server/fault.ts';

export type Db = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered SQL files, in order; a gap or a duplicate number is a programming error. */
export function knownMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file, i) => {
    const version = Number(file.slice(0, 4));
    if (version !== i + 1) throw new Error(`migration ${file} is out of sequence: expected ${i + 1}`);
    return { version, name: file, sql: readFileSync(path.join(dir, file), 'utf8') };
  });
}

export class DatabaseTooNewError extends Error {
  constructor(file: string, dbVersion: number, codeVersion: number) {
    super(
      `The database ${file} is at schema version ${dbVersion}, but this program knows only up to ` +
        `${codeVersion}. It was written by a newer ServiceHall: install that version (or restore a backup) ` +
        `instead of opening it with this one.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Opens (and creates) a hall database with the settings DESIGN §2 asks for, then applies any pending
 * migrations in one transaction. Refuses a database whose applied migrations are not a prefix of ours.
 */
export function openDatabase(file: string, migrations = knownMigrations()): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // An acknowledged record survives power loss: fsync the WAL on every commit.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The writer runs each command of a group commit in a savepoint, and SQLite copies every page a
    // savepoint first touches to a statement journal: past 64 KiB in a temporary file, two write calls
    // per page. In memory it costs a copy; nothing in it has to survive a crash (the WAL does).
    db.pragma('temp_store = MEMORY');
    migrate(db, file, migrations);
    refuseUpdates(db, MONEY_TABLES);
    stampTables(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Records written once (money, issue 11): a trigger per table refuses UPDATE, so a correction is a new
 * record that refers to the old one. Made from the tables' list at every open, so a table added to it
 * is covered without a migration of its own.
 */
function refuseUpdates(db: Db, tables: readonly string[]): void {
  const existing = new Set(
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
  );
  for (const table of tables)
    if (existing.has(table))
      db.exec(`CREATE TRIGGER IF NOT EXISTS ${table}_written_once BEFORE UPDATE ON ${table}
                 BEGIN SELECT RAISE(ABORT, 'money records are written once'); END`);
}

/**
 * Each table named in `table_stamps` (migration 0019) gets a new random stamp at every change by any
 * path (db/read.ts `tableStamp`): triggers made from its rows at every open, like refuseUpdates'.
 */
function stampTables(db: Db): void {
  // A database opened with only the migrations before 0019 (a test of an older build's file) has none.
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'table_stamps'").get()) return;
  for (const name of db.prepare('SELECT name FROM table_stamps').pluck().all() as string[])
    for (const op of ['insert', 'update', 'delete'])
      db.exec(`CREATE TRIGGER IF NOT EXISTS ${name}_stamp_${op} AFTER ${op.toUpperCase()} ON ${name}
                 BEGIN UPDATE table_stamps SET stamp = random() WHERE name = '${name}'; END`);
}

function migrate(db: Db, file: string, migrations: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  const latest = migrations.at(-1)?.version ?? 0;
  const newest = applied.at(-1)?.version ?? 0;
  if (newest > latest) throw new DatabaseTooNewError(file, newest, latest);
  applied.forEach((row, i) => {
    if (migrations[i]?.name !== row.name) {
      throw new Error(`The database ${file} has migration ${row.name}, which this program does not know.`);
    }
  });
  const pending = migrations.slice(applied.length);
  if (pending.length === 0) return;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
      faultPoint('migration');
    }
  })();
}
