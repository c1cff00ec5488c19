import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { EXIT } from '../../shared/startupErrors.ts';
import { runCli as runHarnessCli, type CliRun } from '../support/child.ts';
import { test } from '../support/fixtures.ts';

/**
 * Every start-up failure a newcomer can cause ends in one line that says what to do, and an exit code
 * of its own (README "Start-up problems"). The command lines run as child processes, as typed.
 */
const PG = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const adminDo = async (sql: string) => {
  const c = new pg.Client({ connectionString: PG });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};

const it = test
  /** Whether PostgreSQL answers at PG: its cases are skipped where it does not. */
  .extend('pgUp', { scope: 'file' }, async () => {
    const c = new pg.Client({ connectionString: PG, connectionTimeoutMillis: 3_000 });
    const up = await c.connect().then(
      () => true,
      () => false,
    );
    if (up) await c.end();
    else process.stdout.write(`startup tests: no PostgreSQL at ${PG}; its cases are skipped\n`);
    return up;
  })
  /** A port some other server holds for the test. */
  .extend('busyPort', ({ defer }) => async (): Promise<number> => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    defer(() => new Promise<void>((r) => server.close(() => r())));
    return (server.address() as { port: number }).port;
  })
  /** A name for a database nobody has made yet; dropped after the test if something made it. */
  .extend('freshDbName', ({ defer }) => (): string => {
    const name = `sh_startup_${randomBytes(5).toString('hex')}`;
    defer(() => adminDo(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    return name;
  })
  /** A login role that may not create databases; dropped after the test. */
  .extend('roleWithoutCreatedb', ({ defer }) => async (): Promise<string> => {
    const role = `sh_nocreate_${randomBytes(4).toString('hex')}`;
    await adminDo(`CREATE ROLE ${role} LOGIN NOCREATEDB`);
    defer(() => adminDo(`DROP ROLE IF EXISTS ${role}`));
    return role;
  });

/** A command line run to its end, with no DATABASE_URL but the one a test gives. */
const runCli = (cli: 'hall' | 'headoffice', args: string[], env: Record<string, string> = {}) =>
  runHarnessCli(cli, args, { env: { DATABASE_URL: '', ...env } });

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
/** A folder that cannot be made in `dir`: its parent is a file. */
const unwritable = (dir: string) => {
  const file = path.join(dir, 'a-file');
  writeFileSync(file, '');
  return path.join(file, 'data');
};

/**
 * The two failures both command lines share, under the rule ID of the one they belong to; `portArgs`
 * go with the busy-port start only (the hall's is a demo hall there, as it always was).
 */
function portAndDataFolderCases(cli: 'hall' | 'headoffice', rule: string, portArgs: string[] = []): void {
  it(`${rule}: a port in use names the --port option`, async ({ tempDir, busyPort }) => {
    const port = await busyPort();
    const run = await runCli(cli, [
      '--port',
      String(port),
      '--data',
      tempDir('servicehall-startup-'),
      ...portArgs,
    ]);
    expect(run.code).toBe(EXIT.portInUse);
    expect(oneLine(run)).toMatch(new RegExp(`port ${port} .*--port`));
  });

  it(`${rule}: an unwritable data folder names the --data option`, async ({ tempDir }) => {
    const run = await runCli(cli, ['--port', '0', '--data', unwritable(tempDir('servicehall-startup-'))]);
    expect(run.code).toBe(EXIT.dataFolder);
    expect(oneLine(run)).toContain('--data');
  });
}

describe('head office start-up', () => {
  it('DESIGN-7: DATABASE_URL naming a database that does not exist yet: it is created and head office starts', async ({
    pgUp,
    skip,
    freshDbName,
  }) => {
    if (!pgUp) return skip();
    const name = freshDbName();
    // Once it is ready, it is stopped.
    const run = await runCli('headoffice', ['--port', '0'], { DATABASE_URL: urlFor(name) });
    expect(run.stdout).toContain('created the database');
    expect(run.stdout).toMatch(/head office on http/);
  });

  it('DESIGN-7: a missing database this login may not create: one line naming the command to run', async ({
    pgUp,
    skip,
    freshDbName,
    roleWithoutCreatedb,
  }) => {
    if (!pgUp) return skip();
    const role = await roleWithoutCreatedb();
    const name = freshDbName();
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

  portAndDataFolderCases('headoffice', 'DESIGN-7');
});

describe('hall node start-up', () => {
  portAndDataFolderCases('hall', 'DESIGN-6', ['--demo']);

  it('DESIGN-5: a wrong pairing code: one line asking for a new code', async ({ tempDir, testHall }) => {
    const hub = await testHall();
    const run = await runCli('hall', [
      '--port',
      '0',
      '--data',
      tempDir('servicehall-startup-'),
      '--hub',
      hub.url,
      '--pair',
      '000000',
    ]);
    expect(run.code).toBe(EXIT.pairing);
    expect(oneLine(run)).toMatch(/refused the pairing code.*--pair/);
  });
});
