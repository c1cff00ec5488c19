import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The one seam between head office and its database: real PostgreSQL through a pool, or embedded
 * PGlite for a newcomer with no server. The same SQL runs on both (DESIGN §7).
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs fn in one transaction on one connection; rolls back when it throws. */
  tx<T>(fn: (q: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly kind: 'postgres' | 'pglite';
}

export async function openPostgres(url: string, max = 10): Promise<Sql> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle pooled connection that the server drops (a restart, a terminated backend) is emitted here;
  // without a listener it would crash head office. The pool discards that client and the next query
  // opens a new connection or fails with its own error, which the caller answers as usual.
  pool.on('error', () => undefined);
  // bigint columns (ms timestamps, sequences) come back as numbers: they stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  await pool.query('SELECT 1');
  const run = async <T>(client: pg.Pool | pg.PoolClient, text: string, params?: unknown[]) =>
    (await client.query(text, params)).rows as T[];
  return {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    exec: async (text) => void (await pool.query(text)),
    tx: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          kind: 'postgres',
          query: (text, params) => run(client, text, params),
          exec: async (text) => void (await client.query(text)),
          tx: () => Promise.reject(new Error('nested transaction')),
          close: () => Promise.resolve(),
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function openPglite(dataDir: string | null): Promise<Sql> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  type Q = { query: PGlite['query']; exec: PGlite['exec'] };
  const asSql = (q: Q): Sql => ({
    kind: 'pglite',
    query: async <T>(text: string, params?: unknown[]) =>
      (await q.query<T>(text, params)).rows.map(numbersFromBigints) as T[],
    exec: async (text) => void (await q.exec(text)),
    tx: (fn) => db.transaction((t) => fn(asSql(t))),
    close: () => db.close(),
  });
  return asSql(db);
}

/** PGlite returns int8 as bigint; head office keeps ms timestamps and sequences as numbers. */
function numbersFromBigints<T>(row: T): T {
  if (row === null || typeof row !== 'object') return row;
  for (const [k, v] of Object.entries(row))
    if (typeof v === 'bigint') (row as Record<string, unknown>)[k] = Number(v);
  return row;
}
