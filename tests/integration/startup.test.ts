import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../shared/startupErrors.ts';
import { startTestHall, type TestHall } from '../support/hall.ts';
import { runCli as runHarnessCli, type CliRun } from '../support/child.ts';

/**
 * Every start-up failure a newcomer can cause ends in one line that says what to do, and an exit code
 * of its own (README "Start-up problems"). The command lines run as child processes, as typed.
 */
const PG = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
let pgUp = false;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  const c = new pg.Client({ connectionString: PG, connectionTimeoutMillis: 3_000 });
  pgUp = await c.connect().then(
    () => true,
    () => false,
  );
  if (pgUp) await c.end();
  else process.stdout.write(`startup tests: no PostgreSQL at ${PG}; its cases are skipped\n`);
});
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});
afterAll(() => undefined);

/** A command line run to its end, with no DATABASE_URL but the one a test gives. */
const runCli = (cli: 'hall' | 'headoffice', args: string[], env: Record<string, string> = {}) =>
  runHarnessCli(cli, args, { env: { DATABASE_URL: '', ...env } });

const adminDo = async (sql: string) => {
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};
const urlFor = (db: string, user?: string) => {
  const u = new URL(PG);
  u.pathname = `/${db}`;
  if (user) u.username = user;
  return u.toString();
};
const oneLine = (run: CliRun) => {
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
  return lines[0]!;
};
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'servicehall-startup-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
};
const busyPort = async (): Promise<number> => {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return (server.address() as { port: number }).port;
};
/** A folder that cannot be made: its parent is a file. */
const unwritable = () => {
  const file = path.join(tempDir(), 'a-file');
  writeFileSync(file, '');
  return path.join(file, 'data');
};

describe('head office start-up', () => {
  it('DESIGN-7: DATABASE_URL naming a database that does not exist yet: it is created and head office starts', async (t) => {
    if (!pgUp) return t.skip();
    const name = `sh_startup_${randomBytes(5).toString('hex')}`;
    cleanups.push(() => adminDo(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    // Once it is ready, it is stopped.
    const run = await runCli('headoffice', ['--port', '0'], { DATABASE_URL: urlFor(name) });
    expect(run.stdout).toContain('created the database');
    expect(run.stdout).toMatch(/head office on http/);
  });

  it('DESIGN-7: a missing database this login may not create: one line naming the command to run', async (t) => {
    if (!pgUp) return t.skip();
    const role = `sh_nocreate_${randomBytes(4).toString('hex')}`;
    await adminDo(`CREATE ROLE ${role} LOGIN NOCREATEDB`);
    cleanups.push(() => adminDo(`DROP ROLE IF EXISTS ${role}`));
    const name = `sh_missing_${randomBytes(5).toString('hex')}`;
    const run = await runCli('headoffice', ['--port', '0'], { DATABASE_URL: urlFor(name, role) });
    expect(run.code).toBe(EXIT.database);
    expect(oneLine(run)).toMatch(new RegExp(`createdb .*-U ${role} ${name}`));
  });

  it('DESIGN-7: PostgreSQL not reachable: one line, exit code for the database', async () => {
    const run = await runCli('headoffice', ['--port', '0'], {
      DATABASE_URL: `postgres://postgres@127.0.0.1:1/servicehall`,
    });
    expect(run.code).toBe(EXIT.database);
    expect(oneLine(run)).toContain('cannot reach PostgreSQL');
  });

  it('DESIGN-7: a port in use names the --port option', async () => {
    const port = await busyPort();
    const run = await runCli('headoffice', ['--port', String(port), '--data', tempDir()]);
    expect(run.code).toBe(EXIT.portInUse);
    expect(oneLine(run)).toMatch(new RegExp(`port ${port} .*--port`));
  });

  it('DESIGN-7: an unwritable data folder names the --data option', async () => {
    const run = await runCli('headoffice', ['--port', '0', '--data', unwritable()]);
    expect(run.code).toBe(EXIT.dataFolder);
    expect(oneLine(run)).toContain('--data');
  });
});

describe('hall node start-up', () => {
  let hub: TestHall | null = null;
  afterAll(async () => hub?.stop());

  it('DESIGN-6: a port in use names the --port option', async () => {
    const port = await busyPort();
    const run = await runCli('hall', ['--port', String(port), '--data', tempDir(), '--demo']);
    expect(run.code).toBe(EXIT.portInUse);
    expect(oneLine(run)).toMatch(new RegExp(`port ${port} .*--port`));
  });

  it('DESIGN-6: an unwritable data folder names the --data option', async () => {
    const run = await runCli('hall', ['--port', '0', '--data', unwritable()]);
    expect(run.code).toBe(EXIT.dataFolder);
    expect(oneLine(run)).toContain('--data');
  });

  it('DESIGN-5: a wrong pairing code: one line asking for a new code', async () => {
    hub = await startTestHall();
    const run = await runCli('hall', [
      '--port',
      '0',
      '--data',
      tempDir(),
      '--hub',
      hub.url,
      '--pair',
      '000000',
    ]);
    expect(run.code).toBe(EXIT.pairing);
    expect(oneLine(run)).toMatch(/refused the pairing code.*--pair/);
  });
});
