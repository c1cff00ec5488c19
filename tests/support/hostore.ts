import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A fresh, empty head-office store, for a test or a bench figure: its own database on the PostgreSQL
 * server at the given admin URL, or embedded PGlite in a directory when there is no server. It
 * outlives head-office restarts until `drop()`.
 */
export interface HoStore {
  kind: 'postgres' | 'pglite';
  /** PostgreSQL: the URL of this store's own database. PGlite: undefined. */
  databaseUrl: string | undefined;
  /** PGlite: the data directory (for a child process). PostgreSQL: a scratch directory. */
  dataDir: string;
  drop(): Promise<void>;
}

/** Runs fn on a connection to the server's own database (`adminUrl`), as its administrator. */
export async function withAdminClient<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A store in `scratch` (PGlite), or a new database named `${prefix}…` on `adminUrl`'s server. */
export async function createHoStore(
  adminUrl: string | undefined,
  scratch: { dir: string; remove(): void },
  prefix: string,
): Promise<HoStore> {
  if (!adminUrl) {
    return {
      kind: 'pglite',
      databaseUrl: undefined,
      dataDir: scratch.dir,
      drop: () => Promise.resolve(scratch.remove()),
    };
  }
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    kind: 'postgres',
    databaseUrl: withDatabase(adminUrl, name),
    dataDir: scratch.dir,
    drop: async () => {
      await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      scratch.remove();
    },
  };
}
