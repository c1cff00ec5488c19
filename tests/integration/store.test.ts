import { describe, expect } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseTooNewError, knownMigrations, openDatabase } from '../../db/open.ts';
import { backupDatabase, listBackups } from '../../db/backup.ts';
import { verifyJournal } from '../../db/verify.ts';
import { startHallNode } from '../../hall/node.ts';
import { test } from '../support/clocked.ts';
import { rebuildProjections } from '../../db/rebuild.ts';
import { act, callNext, issue, journalMark, staffOf } from '../support/builders.ts';
import { runCli } from '../support/child.ts';
import { asBeforeMigration0007, handlingFromTickets, handlingKept } from '../support/handling.ts';

/** A temporary directory of this file's own prefix, removed after the test. */
const it = test.extend(
  'aDir',
  ({ tempDir }) =>
    () =>
      tempDir('servicehall-store-'),
);

function journalRows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM journal ORDER BY device_id, device_seq').all();
  } finally {
    db.close();
  }
}

describe('migrations (DESIGN-2)', () => {
  it('DESIGN-2: the store runs with WAL, synchronous=FULL, foreign keys and a busy timeout', ({ aDir }) => {
    const db = openDatabase(path.join(aDir(), 'hall.sqlite'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all();
      expect(applied).toEqual(knownMigrations().map((m) => m.name));
    } finally {
      db.close();
    }
  });

  it('DESIGN-2: a database whose schema is newer than the code refuses to open, with a clear message', async ({
    aDir,
  }) => {
    const dir = aDir();
    const file = path.join(dir, 'hall.sqlite');
    const latest = knownMigrations().at(-1)!.version;
    openDatabase(file).close();
    const raw = new Database(file);
    raw
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(latest + 1, `${String(latest + 1).padStart(4, '0')}_from_the_future.sql`, Date.now());
    raw.close();

    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(
      new RegExp(`schema version ${latest + 1}.*knows only up to ${latest}.*newer ServiceHall`),
    );
    // The hall node refuses to start on it, and so does every CLI command.
    await expect(startHallNode({ dataDir: dir, port: 0, logLevel: 'silent', timers: false })).rejects.toThrow(
      DatabaseTooNewError,
    );
    const cli = await runCli('hall', ['verify', '--data', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('written by a newer ServiceHall');
    // Refusing changed nothing: the future migration is still recorded.
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(latest + 1);
    check.close();
  });

  it('DESIGN-2: a database with a migration this code does not know (same number, other name) is refused', ({
    aDir,
  }) => {
    const file = path.join(aDir(), 'hall.sqlite');
    openDatabase(file).close();
    const raw = new Database(file);
    raw.prepare(`UPDATE schema_migrations SET name = '0002_someone_elses.sql' WHERE version = 2`).run();
    raw.close();
    expect(() => openDatabase(file)).toThrow(/0002_someone_elses\.sql.*does not know/);
  });

  it('DESIGN-2: migrations apply in one transaction: a failing one leaves the database as it was', ({
    aDir,
  }) => {
    const dir = aDir();
    const migrations = path.join(dir, 'migrations');
    mkdirSync(migrations);
    writeFileSync(path.join(migrations, '0001_good.sql'), 'CREATE TABLE good (x INTEGER);');
    writeFileSync(
      path.join(migrations, '0002_bad.sql'),
      'CREATE TABLE bad (x INTEGER); INSERT INTO nowhere VALUES (1);',
    );
    const file = path.join(dir, 'hall.sqlite');
    expect(() => openDatabase(file, knownMigrations(migrations))).toThrow(/nowhere/);
    const db = new Database(file, { readonly: true });
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all();
    const applied = db.prepare('SELECT count(*) FROM schema_migrations').pluck().get();
    db.close();
    expect(tables).toEqual(['schema_migrations']);
    expect(applied).toBe(0);
  });
});

describe('journal and projections (DESIGN-2)', () => {
  it('DESIGN-2: a row and its projection commit together or not at all, and a failed command in a group commit leaves no gap', async ({
    aHall,
  }) => {
    const { hall } = await aHall();
    const ctx = hall.node.ctx;
    const a1 = await issue(hall, 'A');
    const before = journalMark(ctx.db);
    const duplicate = {
      ticketId: '0190f0c0-0000-7000-8000-00000000dead',
      number: 'A001', // already issued today: the tickets projection's UNIQUE (business_day, number) refuses it
      serviceCode: 'A',
      priority: false,
      internal: false,
      businessDay: '2026-11-25',
      seq: 1,
      idempotencyKey: null,
      channel: 'kiosk' as const,
    };
    // Queued in the same tick, both commands land in one group commit: the bad one rolls back alone.
    const [bad, good] = await Promise.allSettled([
      ctx.commits.run('appendEvents', [{ type: 'ticket.issued', payload: duplicate, by: 'test' }]),
      ctx.commits.run('appendEvents', [
        { type: 'setting.changed', payload: { key: 'recallCap', value: 4 }, by: 'test' },
      ]),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good.status).toBe('fulfilled');
    const rows = ctx.db
      .prepare('SELECT device_seq, type FROM journal WHERE rowid > ? ORDER BY rowid')
      .all(before.maxRowid) as { device_seq: number; type: string }[];
    expect(rows).toEqual([{ device_seq: before.count + 1, type: 'setting.changed' }]);
    expect(ctx.db.prepare('SELECT count(*) FROM tickets WHERE id = ?').pluck().get(duplicate.ticketId)).toBe(
      0,
    );
    expect((await hall.request('GET', `/tickets/${a1.id}`, { token: hall.kioskToken })).status).toBe(200);
    expect(verifyJournal(ctx.db).firstBreak).toBeNull(); // no sequence gap where the failed row was
  });
});

describe('the day’s handling figures (DESIGN-2)', () => {
  it('R-SLA-1: the per-service served count and handling time kept for the wait estimate always equal the tickets, also after a rebuild and a migration', async ({
    aHall,
    aDir,
  }) => {
    const { hall, clock } = await aHall();
    const { db } = hall.node.ctx;
    const clerk = await hall.login('1005', 5); // counter 5 serves A, B and C
    // Finished after starting, finished straight from called (no handling time), parked, transferred.
    for (const [service, how] of [
      ['A', 'served'],
      ['A', 'served'],
      ['B', 'served'],
      ['A', 'unstarted'],
      ['C', 'transferred'],
    ] as const) {
      await issue(hall, service);
      const called = (await callNext(hall, clerk, 5))!;
      if (how === 'unstarted') {
        await act(hall, clerk, called.id, 'finish');
        continue;
      }
      await act(hall, clerk, called.id, 'start');
      clock.advance(how === 'served' ? 4 * 60_000 : 60_000);
      if (how === 'transferred') {
        await act(hall, clerk, called.id, 'transfer', { serviceCode: 'A' });
        const again = (await callNext(hall, clerk, 5))!;
        await act(hall, clerk, again.id, 'start');
        clock.advance(2 * 60_000);
        await act(hall, clerk, again.id, 'finish');
        continue;
      }
      await act(hall, clerk, called.id, 'finish');
    }
    expect(handlingKept(db)).toEqual(handlingFromTickets(db));
    expect(handlingKept(db).length).toBeGreaterThan(0);

    rebuildProjections(db);
    expect(handlingKept(db)).toEqual(handlingFromTickets(db));

    // A database made before migration 0007 gets the figures of the tickets it already holds.
    const file = path.join(aDir(), 'old.sqlite');
    await db.backup(file);
    asBeforeMigration0007(file);
    const migrated = openDatabase(file);
    expect(handlingKept(migrated)).toEqual(handlingFromTickets(migrated));
    migrated.close();
  });
});

describe('backup and restore (DESIGN-2)', () => {
  it('DESIGN-2: an online backup restored over the node gives the journal exactly as it was at backup time', async ({
    aHall,
    testHall,
  }) => {
    const { hall, clock, staff } = await aHall();
    for (const code of ['A', 'B', 'A']) await issue(hall, code);
    await hall.request('POST', '/counters/1/call-next', { token: await staff.clerk(1) });
    // Online: the node keeps running and writing while the backup is taken.
    const backupsDir = path.join(hall.dataDir, 'backups');
    const [file] = await Promise.all([
      backupDatabase(hall.node.ctx.db, backupsDir, clock.now(), 14),
      issue(hall, 'C'),
    ]);
    const atBackup = journalRows(file);
    expect(atBackup.length).toBeGreaterThan(20);
    clock.advance(60_000);
    await issue(hall, 'A'); // written after the backup: the restore must not have it
    const dbFile = path.join(hall.dataDir, 'hall.sqlite');
    const beforeRestore = journalRows(dbFile);
    expect(beforeRestore.length).toBeGreaterThan(atBackup.length);
    await hall.node.close();

    const restored = await runCli('hall', ['restore', file, '--data', hall.dataDir]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(journalRows(dbFile)).toEqual(atBackup);
    // The database it replaced is kept whole beside it.
    expect(journalRows(`${dbFile}.before-restore`)).toEqual(beforeRestore);

    const db = openDatabase(dbFile);
    expect(verifyJournal(db).firstBreak).toBeNull();
    db.close();
    // The restored hall starts and continues its numbering from the backup.
    const again = await testHall({ clock, dataDir: hall.dataDir });
    const next = await issue(again, 'A');
    // A001 and A002 were in the backup; the A issued after it was rolled back with the restore.
    expect(next.number).toBe('A003');
  });

  it('DESIGN-2: `npm run hall -- backup` writes a backup with the same journal', async ({ demoHall }) => {
    const hall = await demoHall();
    await issue(hall, 'A');
    await hall.node.close();
    const res = await runCli('hall', ['backup', '--data', hall.dataDir]);
    expect(res.code, res.stderr).toBe(0);
    const [name] = listBackups(path.join(hall.dataDir, 'backups'));
    expect(name).toBeDefined();
    expect(journalRows(path.join(hall.dataDir, 'backups', name!))).toEqual(
      journalRows(path.join(hall.dataDir, 'hall.sqlite')),
    );
  });

  it('DESIGN-2: backup rotation keeps the newest N', async ({ aDir }) => {
    const dir = aDir();
    const db = openDatabase(path.join(dir, 'hall.sqlite'));
    const t0 = Date.parse('2026-11-20T01:00:00Z');
    const made: string[] = [];
    for (let day = 0; day < 6; day++)
      made.push(await backupDatabase(db, path.join(dir, 'backups'), t0 + day * 86_400_000, 3));
    db.close();
    expect(listBackups(path.join(dir, 'backups'))).toEqual(made.slice(-3).map((f) => path.basename(f)));
    for (const old of made.slice(0, 3)) expect(existsSync(old)).toBe(false);
  });

  it('DESIGN-2: the CLI backup keeps as many backups as the hall setting backupKeep says', async ({
    demoHall,
  }) => {
    const hall = await demoHall();
    const staff = staffOf(hall);
    expect(
      (await hall.request('PUT', '/settings', { token: await staff.manager(), body: { backupKeep: 2 } }))
        .status,
    ).toBe(200);
    const backups = path.join(hall.dataDir, 'backups');
    const t0 = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i < 3; i++) await backupDatabase(hall.node.ctx.db, backups, t0 + i * 1000, 30);
    await hall.node.close();
    const res = await runCli('hall', ['backup', '--data', hall.dataDir]);
    expect(res.code, res.stderr).toBe(0);
    expect(listBackups(backups)).toHaveLength(2);
  });

  it('DESIGN-2: restore after a crash keeps the replaced database whole, including what was still in its WAL', async ({
    aHall,
    aDir,
  }) => {
    const { hall, clock } = await aHall();
    await issue(hall, 'A');
    const file = await backupDatabase(hall.node.ctx.db, path.join(aDir(), 'b'), clock.now(), 5);
    await issue(hall, 'A');
    await issue(hall, 'B');
    // A crash image: the database file and its WAL as a killed node leaves them.
    const crashed = aDir();
    const live = path.join(hall.dataDir, 'hall.sqlite');
    expect(existsSync(`${live}-wal`)).toBe(true);
    for (const suffix of ['', '-wal'])
      copyFileSync(`${live}${suffix}`, path.join(crashed, `hall.sqlite${suffix}`));
    const beforeRestore = journalRows(live);
    const res = await runCli('hall', ['restore', file, '--data', crashed]);
    expect(res.code, res.stderr).toBe(0);
    expect(journalRows(path.join(crashed, 'hall.sqlite.before-restore'))).toEqual(beforeRestore);
  });
});
