import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Db } from '../../db/open.ts';
import { LoginReply, PairingCodeReply } from '../../shared/api/schemas.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { ackedSeq } from '../../hall/sync/upstreams.ts';
import type { Sql } from '../../headoffice/db/sql.ts';
import { startTestHall, type TestHall } from '../support/hall.ts';
import { test } from '../support/fixtures.ts';
import {
  BACKEND,
  connectHeadOffice,
  createTestStore,
  diffJournals,
  hallJournalIds,
  hallLastSeqs,
  hoCursors,
  NO_DIFF,
  openStore,
  type TestStore,
} from '../support/headoffice.ts';
import { ROOT, spawnHall, spawnHeadOffice, type Child } from '../support/child.ts';
import { drain, eventually, issueTickets, recordWalkins } from '../support/sync.ts';

/**
 * kill -9 of the sender (hall node) and of the receiver (head office) at each fault point of
 * server/fault.ts. Afterwards: no row lost, none duplicated, cursors consistent (DESIGN §4).
 */

const TICKETS = 40;

/** `hall/cli.ts --data DIR --port 0` (a node already paired: later starts need only --data). */
const spawnHallAt = (dataDir: string, env: Record<string, string> = {}, args: string[] = []): Child =>
  spawnHall(['--data', dataDir, '--port', '0', ...args], { env });

/** `headoffice/cli.ts --demo --port 0` on a test store (DATABASE_URL for PostgreSQL, else PGlite in its dir). */
const headOfficeOn = (store: TestStore, env: Record<string, string> = {}): Child =>
  spawnHeadOffice(['--demo', '--data', store.dataDir, '--port', '0'], {
    env: { DATABASE_URL: store.databaseUrl, ...env },
  });

function openReadonly(dataDir: string): Db {
  return new Database(path.join(dataDir, 'hall.sqlite'), { readonly: true }) as Db;
}

/** Every device's rows at head office, head office's cursor, and the hall's own cursor agree. */
async function expectConsistent(db: Db, sql: Sql, hallId: string): Promise<void> {
  expect(await diffJournals(db, sql, { hallId })).toEqual(NO_DIFF);
  const last = hallLastSeqs(db);
  const ho = await hoCursors(sql);
  const mine = new Map(
    (
      db
        .prepare("SELECT device_id, acked_seq FROM local_sync_cursors WHERE upstream = 'headoffice'")
        .all() as {
        device_id: string;
        acked_seq: number;
      }[]
    ).map((r) => [r.device_id, r.acked_seq]),
  );
  for (const [device, seq] of last) {
    expect(ho.get(device), `head office cursor of ${device}`).toBe(seq);
    expect(mine.get(device), `hall cursor of ${device}`).toBe(seq);
  }
}

/** Head office holds every row, the hall has recorded head office's acknowledgement of it… */
async function synced(db: Db, sql: Sql): Promise<boolean> {
  const ho = await hoCursors(sql);
  const mine = db
    .prepare("SELECT device_id, acked_seq FROM local_sync_cursors WHERE upstream = 'headoffice'")
    .all() as {
    device_id: string;
    acked_seq: number;
  }[];
  const acked = new Map(mine.map((r) => [r.device_id, r.acked_seq]));
  // …and has applied head office's reference data (a pull adds rows of its own).
  const [ref] = await sql.query<{ v: number }>('SELECT coalesce(max(version), 0)::int AS v FROM ref_data');
  const pulled = db
    .prepare("SELECT pulled_version AS v FROM local_upstreams WHERE name = 'headoffice'")
    .get() as {
    v: number;
  };
  return (
    pulled.v === ref!.v && [...hallLastSeqs(db)].every(([d, s]) => ho.get(d) === s && acked.get(d) === s)
  );
}

const it = test
  /** `hall/cli.ts --data DIR --port 0 …` as a child process, stopped after the test. */
  .extend(
    'hallAt',
    ({ later }) =>
      (dataDir: string, env: Record<string, string> = {}, args: string[] = []): Child =>
        later(spawnHallAt(dataDir, env, args)),
  )
  /** A hall's SQLite file opened read-only from the test, closed after it. */
  .extend('readonlyDb', ({ defer }) => (dataDir: string): Db => {
    const db = openReadonly(dataDir);
    defer(() => db.close());
    return db;
  })
  /** A hub with a backlog, paired in this process and then handed to a child process. */
  .extend('hubWithBacklog', ({ tho, testHall }) => async (): Promise<{ dataDir: string; hallId: string }> => {
    const { pairingCode } = await tho.newHall();
    const hub = await testHall({ sync: false, headoffice: { url: tho.url, code: pairingCode } });
    await issueTickets(hub, TICKETS, 'B');
    const out = { dataDir: hub.dataDir, hallId: hub.node.ctx.hallId };
    await hub.node.close();
    return out;
  })
  /**
   * Kills a hub with a backlog at `fault`, checks what the kill left (the hub's file, and the hall's rows
   * at head office), restarts it and checks it synced.
   */
  .extend(
    'killThenHeal',
    ({ tho, hubWithBacklog, hallAt, readonlyDb }) =>
      async (
        fault: string,
        checkLeft: (left: { db: Db; atHeadOffice: unknown[] }) => void,
      ): Promise<void> => {
        const { dataDir, hallId } = await hubWithBacklog();
        const doomed = hallAt(dataDir, { SERVICEHALL_FAULT: fault });
        expect((await doomed.exited).signal).toBe('SIGKILL');
        const db = readonlyDb(dataDir);
        const atHeadOffice = await tho.sql.query('SELECT id FROM journal WHERE hall_id = $1', [hallId]);
        checkLeft({ db, atHeadOffice });
        const healed = hallAt(dataDir);
        await healed.ready;
        await eventually(() => synced(db, tho.sql), 'the restarted hall drains its backlog');
        await healed.stop();
        await expectConsistent(db, tho.sql, hallId);
      },
  );

describe(`kill -9 of the sender (hall node) on ${BACKEND}`, () => {
  it('DESIGN-2: a hall killed during its first migration starts cleanly, pairs and syncs', async ({
    tho,
    tempDir,
    hallAt,
    readonlyDb,
  }) => {
    const { pairingCode } = await tho.newHall();
    // Reference data to pull, so that the new hub has rows of its own to push.
    await tho.request('PUT', '/ref/fee/M1', { body: { name: '迁移测试费', amountFen: 100 } });
    const dataDir = tempDir();
    const join = ['--headoffice', tho.url, '--pair', pairingCode];
    expect((await hallAt(dataDir, { SERVICEHALL_FAULT: 'migration' }, join).exited).signal).toBe('SIGKILL');
    const db = readonlyDb(dataDir);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'journal'")
      .all();
    expect(tables).toEqual([]);
    const healed = hallAt(dataDir, {}, join);
    await healed.ready;
    const hallId = () =>
      (db.prepare("SELECT value FROM node_meta WHERE key = 'hall_id'").get() as { value: string }).value;
    await eventually(
      async () => (await synced(db, tho.sql)) && hallLastSeqs(db).size > 0,
      'the new hub pulls and pushes',
    );
    await healed.stop();
    await expectConsistent(db, tho.sql, hallId());
  });

  it('DESIGN-4: killed before send, the restarted hall sends every row exactly once', async ({
    killThenHeal,
  }) => {
    await killThenHeal('sender-before-send', ({ atHeadOffice }) => expect(atHeadOffice).toEqual([]));
  });

  it('DESIGN-4: killed after head office committed but before it read the reply, no row is duplicated', async ({
    killThenHeal,
  }) => {
    await killThenHeal('sender-after-reply', ({ db, atHeadOffice }) => {
      // Head office holds the batch; the hall never recorded the acknowledgement.
      expect(atHeadOffice.length).toBeGreaterThan(0);
      const acked = db.prepare('SELECT count(*) AS n FROM local_sync_cursors WHERE acked_seq > 0').get() as {
        n: number;
      };
      expect(acked.n).toBe(0);
    });
  });

  it('DESIGN-4: killed while applying a pull, nothing of it is half-applied and the next pull applies it once', async ({
    tho,
    killThenHeal,
  }) => {
    const key = `K${Date.now() % 100000}`;
    await tho.request('PUT', `/ref/fee/${key}`, { body: { name: '表计校验费', amountFen: 2000 } });
    await tho.request('PUT', '/ref/setting/recallCap', { body: { value: 4 } });
    await killThenHeal('pull-apply', ({ db }) => {
      // The demo hall's own fee schedule is reference data at version 0; a pull brings versions above it.
      const ref = db
        .prepare(
          "SELECT count(*) AS n FROM journal WHERE type = 'reference.updated' AND json_extract(payload, '$.version') > 0",
        )
        .get() as {
        n: number;
      };
      expect(ref.n).toBe(0);
      const v = db
        .prepare("SELECT pulled_version AS v FROM local_upstreams WHERE name = 'headoffice'")
        .get() as {
        v: number;
      };
      expect(v.v).toBe(0);
    });
  });
});

describe(`kill -9 of the receiver (head office) on ${BACKEND}`, () => {
  let store: TestStore;
  let ho: Child;
  let hub: TestHall;
  beforeAll(async () => {
    store = await createTestStore();
    // Killed in the middle of its first migration: nothing of it may stay behind.
    expect((await headOfficeOn(store, { SERVICEHALL_FAULT: 'migration' }).exited).signal).toBe('SIGKILL');
    ho = headOfficeOn(store);
    const client = await connectHeadOffice((await ho.ready).url);
    const { pairingCode } = await client.newHall();
    await client.request('PUT', '/ref/fee/F9', { body: { name: '补卡费', amountFen: 1000 } });
    hub = await startTestHall({ sync: false, headoffice: { url: client.url, code: pairingCode } });
  });
  afterAll(async () => {
    await hub?.stop();
    await ho?.stop();
    await store?.drop();
  });

  /** Restarts head office on the same store and points the hub at its new address. */
  async function restart(fault?: string): Promise<void> {
    ho = headOfficeOn(store, fault ? { SERVICEHALL_FAULT: fault } : {});
    const { url } = await ho.ready;
    hub.node.ctx.db.prepare("UPDATE local_upstreams SET url = ? WHERE name = 'headoffice'").run(url);
  }

  async function withStore<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
    // PGlite allows one process at a time: look at the store only while head office is stopped.
    const stopped = store.kind === 'pglite' ? await ho.stop() : null;
    const sql = await openStore(store);
    try {
      return await fn(sql);
    } finally {
      await sql.close();
      if (stopped) await restart();
    }
  }

  it('DESIGN-7: head office killed during its first migration starts cleanly afterwards', async () => {
    await withStore(async (sql) => {
      const applied = await sql.query<{ name: string }>(
        'SELECT name FROM schema_migrations ORDER BY version',
      );
      const known = readdirSync(path.join(ROOT, 'headoffice', 'db', 'migrations'))
        .filter((f) => f.endsWith('.sql'))
        .sort();
      expect(applied.map((m) => m.name)).toEqual(known);
    });
  });

  for (const fault of ['ingest-before-commit', 'ingest-after-commit'] as const) {
    it(`DESIGN-4: head office killed at ${fault}: after restart every row is there once and cursors agree`, async () => {
      await issueTickets(hub, TICKETS, 'B');
      await drain(hub.node);
      await ho.stop();
      await restart(fault);
      await issueTickets(hub, TICKETS, 'B');
      await expect(drain(hub.node)).rejects.toThrow();
      expect((await ho.exited).signal).toBe('SIGKILL');
      await restart();
      await drain(hub.node);
      await withStore((sql) => expectConsistent(hub.node.ctx.db, sql, hub.node.ctx.hallId));
    });
  }

  it('DESIGN-4: head office killed while serving a pull: the hall keeps working and the next pull applies', async () => {
    await ho.stop();
    await restart('pull-serve');
    await expect(pullOnce(hub.node.ctx, 'headoffice')).rejects.toThrow();
    expect((await ho.exited).signal).toBe('SIGKILL');
    await issueTickets(hub, 2, 'B');
    await restart();
    await pullOnce(hub.node.ctx, 'headoffice');
    const fee = hub.node.ctx.db
      .prepare("SELECT data FROM ref_data WHERE kind = 'fee' AND key = 'F9'")
      .get() as {
      data: string;
    };
    expect(JSON.parse(fee.data)).toMatchObject({ amountFen: 1000 });
    await drain(hub.node);
    await withStore((sql) => expectConsistent(hub.node.ctx.db, sql, hub.node.ctx.hallId));
  });
});

describe('kill -9 of the hub as its stations’ receiver', () => {
  it('DESIGN-4: a hub killed after committing a station’s batch but before replying: no row lost or doubled', async ({
    tempDir,
    testHall,
    hallAt,
    readonlyDb,
  }) => {
    const dataDir = tempDir();
    let hub = hallAt(dataDir, { SERVICEHALL_FAULT: 'ingest-after-commit' }, ['--demo']);
    const hubUrl = (await hub.ready).url;
    const login = await fetch(`${hubUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffNo: '9001', pin: '123456' }),
    });
    const { token } = LoginReply.parse(await login.json());
    const codeRes = await fetch(`${hubUrl}/api/v1/devices/pairing-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ role: 'counter', name: 'Counter 2', counterNo: 2 }),
    });
    const { code } = PairingCodeReply.parse(await codeRes.json());
    const station = await testHall({ demo: false, sync: false, hub: { url: hubUrl, code } });
    await pullOnce(station.node.ctx, 'hub');
    await recordWalkins(station, await station.login('1002', 2), 5);
    await expect(drain(station.node)).rejects.toThrow();
    expect((await hub.exited).signal).toBe('SIGKILL');
    const deviceId = station.node.ctx.deviceId;
    // The hub holds the batch; the station never heard so.
    expect(ackedSeq(station.node.ctx.db, 'hub', deviceId)).toBe(0);
    hub = hallAt(dataDir);
    station.node.ctx.db
      .prepare("UPDATE local_upstreams SET url = ? WHERE name = 'hub'")
      .run((await hub.ready).url);
    await drain(station.node);
    expect(ackedSeq(station.node.ctx.db, 'hub', deviceId)).toBe(station.node.ctx.journal.lastSeq());
    await hub.stop();
    const db = readonlyDb(dataDir);
    const atHub = hallJournalIds(db, [deviceId]);
    expect(atHub).toEqual(hallJournalIds(station.node.ctx.db));
    const cursor = db
      .prepare('SELECT acked_seq FROM local_receive_cursors WHERE device_id = ?')
      .get(deviceId) as {
      acked_seq: number;
    };
    expect(cursor.acked_seq).toBe(station.node.ctx.journal.lastSeq());
  });
});
