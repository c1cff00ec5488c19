import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './open.ts';

const PATTERN = /^hall-(\d{8}T\d{6}Z)\.sqlite$/;

function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Online backup (SQLite's backup API, safe while the node writes), then keeps the newest `keep` files. */
export async function backupDatabase(db: Db, dir: string, now: number, keep: number): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `hall-${stamp(now)}.sqlite`);
  await db.backup(file);
  const backups = listBackups(dir);
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) rmSync(path.join(dir, old));
  return file;
}

export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => PATTERN.test(f))
    .sort();
}

/**
 * Restores a backup over a stopped node's database. The current file is kept beside it
 * (`.before-restore`) so a wrong restore loses nothing.
 */
export function restoreDatabase(backupFile: string, dbFile: string): void {
  if (!existsSync(backupFile)) throw new Error(`no backup at ${backupFile}`);
  if (existsSync(dbFile)) {
    // After a crash the newest records may still be only in the WAL: fold them into the file first,
    // or the kept copy would silently lack them (and deleting the WAL below would lose them).
    if (existsSync(`${dbFile}-wal`)) {
      const current = new Database(dbFile);
      current.pragma('wal_checkpoint(TRUNCATE)');
      current.close();
    }
    copyFileSync(dbFile, `${dbFile}.before-restore`);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  copyFileSync(backupFile, dbFile);
}
