import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { migrate } from '../../headoffice/db/migrate.ts';
import { openPglite } from '../../headoffice/db/sql.ts';
import { canonicalJson } from '../../shared/journal/canonical.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import type { HoStore } from './headoffice.ts';

const COLS = [
  'id',
  'device_id',
  'device_seq',
  'hall_id',
  'type',
  'schema_ver',
  'payload',
  'occurred_at',
  'recorded_by',
  'prev_hash',
  'hash',
  'received_at',
] as const;

/** COPY's text format: tab-separated, with backslash, tab and line breaks escaped. */
function field(v: string | number): string {
  return String(v).replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
  );
}

/** The rows as head office stores them (payload as canonical JSON text), in COPY text format. */
export function copyText(rows: readonly JournalRow[], receivedAt: number): string[] {
  return rows.map(
    (r) =>
      [
        r.id,
        r.device_id,
        r.device_seq,
        r.hall_id,
        r.type,
        r.schema_ver,
        canonicalJson(r.payload),
        r.occurred_at,
        r.recorded_by,
        r.prev_hash,
        r.hash,
        receivedAt,
      ]
        .map(field)
        .join('\t') + '\n',
  );
}

/**
 * The database's own bulk-load floor: COPY of the same rows into a table like head office's journal
 * (same columns, primary key, unique and secondary index), on the same backend, in one COPY. The text
 * is prepared before the clock starts, so this is the database alone. Returns seconds.
 */
export async function copySeconds(store: HoStore, rows: readonly JournalRow[]): Promise<number> {
  const lines = copyText(rows, Date.now());
  const sql = `COPY bench_copy_journal (${COLS.join(', ')}) FROM`;
  if (store.databaseUrl) {
    const client = new pg.Client({ connectionString: store.databaseUrl });
    await client.connect();
    try {
      await client.query('DROP TABLE IF EXISTS bench_copy_journal');
      await client.query('CREATE TABLE bench_copy_journal (LIKE journal INCLUDING ALL)');
      const started = performance.now();
      const chunks: string[] = [];
      for (let i = 0; i < lines.length; i += 1000) chunks.push(lines.slice(i, i + 1000).join(''));
      await pipeline(Readable.from(chunks), client.query(copyFrom(`${sql} STDIN`)));
      const seconds = (performance.now() - started) / 1000;
      await client.query('DROP TABLE bench_copy_journal');
      return seconds;
    } finally {
      await client.end();
    }
  }
  // PGlite: a store of its own (head office's is held by its process), migrated the same way.
  const dir = path.join(store.dataDir, 'copy-baseline');
  const setup = await openPglite(dir);
  await migrate(setup);
  await setup.exec('CREATE TABLE bench_copy_journal (LIKE journal INCLUDING ALL)');
  await setup.close();
  const db = await PGlite.create(dir);
  try {
    const blob = new Blob([lines.join('')]);
    const started = performance.now();
    await db.query(`${sql} '/dev/blob'`, [], { blob });
    return (performance.now() - started) / 1000;
  } finally {
    await db.close();
  }
}
