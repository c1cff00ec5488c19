import pg from 'pg';
import { EXIT, StartupError } from '../../shared/startupErrors.ts';

/**
 * A newcomer's DATABASE_URL names a database that does not exist yet (the README's `servicehall`).
 * Create it when the server lets this login do so; else say in one line what to run. Unreachable
 * servers and refused logins get their own line too.
 */
export async function ensureDatabase(url: string): Promise<'exists' | 'created'> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres';
  const where = `${target.hostname}:${target.port || '5432'}`;
  try {
    await withClient(url, async () => undefined);
    return 'exists';
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== '3D000') throw explain(e, where, name);
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  try {
    // An identifier cannot be a query parameter: quote it, doubling any quote inside.
    await withClient(maintenance.toString(), (c) =>
      c.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`),
    );
    return 'created';
  } catch (e) {
    if ((e as { code?: unknown }).code === '42P04') return 'exists'; // created meanwhile by someone else
    const user = decodeURIComponent(target.username) || 'postgres';
    throw new StartupError(
      `database "${name}" does not exist on ${where} and this login may not create it ` +
        `(${firstLine(e)}): run  createdb -h ${target.hostname} -p ${target.port || '5432'} -U ${user} ${name}`,
      EXIT.database,
    );
  }
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

function explain(e: unknown, where: string, name: string): StartupError {
  const code = (e as { code?: unknown }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EAI_AGAIN')
    return new StartupError(
      `cannot reach PostgreSQL at ${where} (${String(code)}): is the server running? Or unset DATABASE_URL to use the embedded database`,
      EXIT.database,
    );
  if (code === '28P01' || code === '28000')
    return new StartupError(
      `PostgreSQL at ${where} refused the login for database "${name}" (${firstLine(e)}): check the user and password in DATABASE_URL`,
      EXIT.database,
    );
  return new StartupError(`PostgreSQL at ${where}: ${firstLine(e)}`, EXIT.database);
}
