import { faultPoint } from '../../server/fault.ts';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './sql.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Plain-SQL migrations shared by PostgreSQL and PGlite, applied in one transaction, refusing unknown ones. */
export async function migrate(sql: Sql, dir = DIR): Promise<void> {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  await sql.tx(async (q) => {
    // One migrator at a time, also across head-office processes sharing a server.
    await q.query('SELECT pg_advisory_xact_lock(8370)');
    await q.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`,
    );
    const applied = await q.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    applied.forEach((row, i) => {
      if (files[i] !== row.name) {
        throw new Error(
          `The head-office database has migration ${row.name}, which this program does not know: it was written by a newer version.`,
        );
      }
    });
    for (const file of files.slice(applied.length)) {
      await q.exec(readFileSync(path.join(dir, file), 'utf8'));
      await q.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        Number(file.slice(0, 4)),
        file,
        Date.now(),
      ]);
      faultPoint('migration');
    }
  });
}
