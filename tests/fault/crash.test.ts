import { afterAll, beforeAll, describe, expect } from 'vitest';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { verifyJournal } from '../../db/verify.ts';
import { knownMigrations, openDatabase } from '../../db/open.ts';
import { rowHash } from '../../shared/journal/hash.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import { demoDevices, tempDir as makeTempDir } from '../support/hall.ts';
import { test } from '../support/fixtures.ts';
import { apiCall, parseReply } from '../support/http.ts';
import { IssueReply, LoginReply } from '../../shared/api/schemas.ts';
import { Ticket } from '../../shared/queue/model.ts';
import { act, callNext, issue } from '../support/builders.ts';
import { asBeforeMigration0007, handlingFromTickets, handlingKept } from '../support/handling.ts';
import { expectVerifiesAndRebuilds } from '../support/afterCrash.ts';
import { runCli, spawnHall, startHall, type Started } from '../support/child.ts';

/**
 * DESIGN §2 "an acknowledged record survives power loss": the node is killed with SIGKILL while
 * kiosks issue and clerks call; after a restart on the same data directory every request that got a
 * 2xx is in the journal, every hash chain verifies and the projections rebuild to what was there.
 */

type Json = Record<string, unknown>;

const call = apiCall;

const it = test
  /** A small closed demo hall whose journal a test may edit as an attacker with the file would. */
  .extend('aJournal', ({ demoHall }) => async (): Promise<{ file: string; deviceId: string }> => {
    const hall = await demoHall();
    for (const code of ['A', 'B', 'C', 'A']) await issue(hall, code);
    const deviceId = hall.node.ctx.deviceId;
    await hall.node.close();
    return { file: path.join(hall.dataDir, 'hall.sqlite'), deviceId };
  });

interface Acked {
  issued: { key: string; id: string; number: string }[];
  called: { id: string; counterNo: number }[];
  finished: string[];
  /** Keys whose request was sent but never answered (in flight at the kill). */
  unanswered: string[];
}

describe('kill -9 mid-flight (DESIGN-2 durability)', () => {
  const dataDir = makeTempDir('servicehall-crash-');
  const dbFile = path.join(dataDir, 'hall.sqlite');
  const acked: Acked = { issued: [], called: [], finished: [], unanswered: [] };
  let node: Started;
  let kiosk = '';
  let clerks: string[] = [];

  beforeAll(async () => {
    node = await startHall(['--demo', '--data', dataDir, '--port', '0']);
    kiosk = demoDevices(dataDir).kiosk;
    expect(kiosk).toBeTruthy();
    clerks = await Promise.all(
      [1, 2].map(async (n) => {
        const r = await call(node.url, 'POST', '/auth/login', null, {
          staffNo: `100${n}`,
          pin: '123456',
          counterNo: n,
        });
        expect(r.status).toBe(200);
        return parseReply(LoginReply, r).token;
      }),
    );

    let killed = false;
    let resolveEnough: () => void = () => undefined;
    const enough = new Promise<void>((r) => (resolveEnough = r));
    const issuer = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const key = `kiosk-${w}-${i}`;
        acked.unanswered.push(key);
        try {
          const r = await call(node.url, 'POST', '/tickets', kiosk, { serviceCode: i % 2 ? 'C' : 'A' }, key);
          expect(r.status).toBe(201);
          const { id, number } = parseReply(IssueReply, r);
          acked.issued.push({ key, id, number });
          acked.unanswered.splice(acked.unanswered.indexOf(key), 1);
          if (acked.issued.length >= 200) resolveEnough();
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const clerk = async (counterNo: number) => {
      const token = clerks[counterNo - 1]!;
      while (!killed) {
        try {
          const r = await call(node.url, 'POST', `/counters/${counterNo}/call-next`, token);
          if (r.status === 204) continue;
          expect(r.status).toBe(200);
          const { id } = parseReply(Ticket, r);
          acked.called.push({ id, counterNo });
          const f = await call(node.url, 'POST', `/tickets/${id}/finish`, token);
          expect(f.status).toBe(200);
          acked.finished.push(id);
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const clients = [...[0, 1, 2, 3].map(issuer), clerk(1), clerk(2)];
    await enough;
    // Kill while requests are in flight: the clients are still looping.
    killed = true;
    await node.kill9();
    await Promise.all(clients);
    expect((await node.exited).signal).toBe('SIGKILL');
    // Mid-flight: requests were still unanswered when the node died.
    expect(acked.unanswered.length).toBeGreaterThan(0);

    node = await startHall(['--data', dataDir, '--port', '0']);
  }, 120_000);

  afterAll(async () => {
    await node?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('DESIGN-2: every issue that got a 201 is in the journal with its number and idempotency key', () => {
    expect(acked.issued.length).toBeGreaterThanOrEqual(200);
    const db = new Database(dbFile, { readonly: true });
    try {
      const rows = db
        .prepare(`SELECT payload FROM journal WHERE type = 'ticket.issued'`)
        .pluck()
        .all()
        .map((p) => JSON.parse(p as string) as Json);
      const byId = new Map(rows.map((p) => [p.ticketId as string, p]));
      for (const t of acked.issued) {
        expect(byId.get(t.id), `${t.number} (${t.key})`).toMatchObject({
          number: t.number,
          idempotencyKey: t.key,
        });
      }
    } finally {
      db.close();
    }
  });

  it('DESIGN-2: every call and finish that got a 200 is in the journal', () => {
    expect(acked.called.length).toBeGreaterThan(0);
    const db = new Database(dbFile, { readonly: true });
    try {
      const events = (type: string) =>
        db
          .prepare(`SELECT payload FROM journal WHERE type = ?`)
          .pluck()
          .all(type)
          .map((p) => JSON.parse(p as string) as Json);
      const called = new Map(events('ticket.called').map((p) => [p.ticketId as string, p.counterNo]));
      for (const c of acked.called) expect(called.get(c.id), c.id).toBe(c.counterNo);
      const finished = new Set(events('ticket.finished').map((p) => p.ticketId as string));
      for (const id of acked.finished) expect(finished.has(id), id).toBe(true);
    } finally {
      db.close();
    }
  });

  it('DESIGN-3: after the restart a retried request gets the ticket it was given before the crash', async () => {
    const sample = [...acked.issued.slice(0, 5), ...acked.issued.slice(-5)];
    for (const t of sample) {
      const r = await call(
        node.url,
        'POST',
        '/tickets',
        kiosk,
        { serviceCode: t.number.startsWith('A') ? 'A' : 'C' },
        t.key,
      );
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ id: t.id, number: t.number });
    }
    // A request that was in flight at the kill is applied at most once when the kiosk retries it.
    for (const key of acked.unanswered) {
      const service = Number(key.split('-')[2]) % 2 ? 'C' : 'A';
      const first = await call(node.url, 'POST', '/tickets', kiosk, { serviceCode: service }, key);
      const again = await call(node.url, 'POST', '/tickets', kiosk, { serviceCode: service }, key);
      expect(first.status).toBe(201);
      expect(parseReply(IssueReply, again).id).toBe(parseReply(IssueReply, first).id);
    }
    // Numbers continue after the crash; none is handed out twice.
    const db = new Database(dbFile, { readonly: true });
    try {
      const numbers = db.prepare(`SELECT business_day || number FROM tickets`).pluck().all() as string[];
      expect(new Set(numbers).size).toBe(numbers.length);
    } finally {
      db.close();
    }
  });

  it('DESIGN-2: `verify` says every chain verifies and `rebuild` reproduces the projections exactly', async () => {
    await node.stop();
    // DESIGN §6: a clean stop on SIGTERM.
    expect(await node.exited).toEqual({ code: 0, signal: null });
    await expectVerifiesAndRebuilds(dataDir);
  });

  it('DESIGN-2: a payload changed in SQLite directly is reported as the first broken link, with its device and seq', async () => {
    const db = openDatabase(dbFile);
    const victim = db
      .prepare(
        `SELECT device_id, device_seq FROM journal WHERE type = 'ticket.issued' ORDER BY device_seq LIMIT 1 OFFSET 9`,
      )
      .get() as { device_id: string; device_seq: number };
    // An attacker with the file drops the append-only trigger and edits a row in place.
    db.exec('DROP TRIGGER journal_no_update');
    db.prepare(
      `UPDATE journal SET payload = json_set(payload, '$.number', 'A999') WHERE device_id = ? AND device_seq = ?`,
    ).run(victim.device_id, victim.device_seq);
    expect(verifyJournal(db).firstBreak).toMatchObject({
      device_id: victim.device_id,
      device_seq: victim.device_seq,
      reason: expect.stringMatching(/hash/),
    });
    db.close();
    const verify = await runCli('hall', ['verify', '--data', dataDir]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`BROKEN: device ${victim.device_id} seq ${victim.device_seq}`);
  });
});

describe('tampering with the journal file (DESIGN-2 hash chain)', () => {
  it('DESIGN-2: a row edited and re-hashed is caught at the next row (its prev_hash no longer matches)', async ({
    aJournal,
  }) => {
    const { file, deviceId } = await aJournal();
    const db = openDatabase(file);
    const row = db
      .prepare(
        `SELECT * FROM journal WHERE device_id = ? AND type = 'ticket.issued' ORDER BY device_seq LIMIT 1`,
      )
      .get(deviceId) as JournalRow & { payload: string };
    const payload = { ...(JSON.parse(row.payload) as Json), priority: true };
    const forged = { ...row, payload } as JournalRow;
    db.exec('DROP TRIGGER journal_no_update');
    db.prepare('UPDATE journal SET payload = ?, hash = ? WHERE id = ?').run(
      JSON.stringify(payload),
      rowHash(forged),
      row.id,
    );
    expect(verifyJournal(db).firstBreak).toMatchObject({
      device_id: deviceId,
      device_seq: row.device_seq + 1,
      reason: expect.stringMatching(/prev_hash/),
    });
    db.close();
  });

  it('DESIGN-2: a deleted row is reported as a sequence gap at the row after it', async ({ aJournal }) => {
    const { file, deviceId } = await aJournal();
    const db = openDatabase(file);
    db.exec('DROP TRIGGER journal_no_delete');
    db.prepare('DELETE FROM journal WHERE device_id = ? AND device_seq = 5').run(deviceId);
    expect(verifyJournal(db).firstBreak).toMatchObject({
      device_id: deviceId,
      device_seq: 6,
      reason: expect.stringMatching(/sequence gap/),
    });
    db.close();
  });

  it('DESIGN-2: the journal refuses UPDATE and DELETE while its triggers stand', async ({ aJournal }) => {
    const { file } = await aJournal();
    const db = openDatabase(file);
    expect(() => db.prepare(`UPDATE journal SET payload = '{}'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM journal').run()).toThrow(/append-only/);
    db.close();
  });
});

describe('kill -9 during a schema upgrade (DESIGN-2)', () => {
  it('DESIGN-2: a hall killed while migrating an older database keeps every record, and its next start finishes the upgrade', async ({
    later,
    tempDir,
    testHall,
  }) => {
    const dataDir = tempDir('servicehall-upgrade-');
    const hall = await testHall({ dataDir, demo: true });
    const clerk = await hall.login('1005', 5); // counter 5 serves A, B and C
    for (const code of ['A', 'B', 'C', 'A']) {
      await issue(hall, code);
      const called = (await callNext(hall, clerk, 5))!;
      await act(hall, clerk, called.id, 'start');
      await act(hall, clerk, called.id, 'finish');
    }
    await issue(hall, 'B'); // one still waiting
    await hall.stop();
    const file = path.join(dataDir, 'hall.sqlite');
    asBeforeMigration0007(file);
    const snapshot = () => {
      const db = new Database(file, { readonly: true });
      try {
        return {
          journal: db.prepare('SELECT id, hash FROM journal ORDER BY rowid').all(),
          tickets: db.prepare('SELECT * FROM tickets ORDER BY id').all(),
        };
      } finally {
        db.close();
      }
    };
    const before = snapshot();
    expect(before.tickets).toHaveLength(5);

    // Killed inside the upgrade's transaction: nothing of it lands, nothing before it is lost.
    const doomed = later(
      spawnHall(['--data', dataDir, '--port', '0'], { env: { SERVICEHALL_FAULT: 'migration' } }),
    );
    expect((await doomed.exited).signal).toBe('SIGKILL');
    expect(snapshot()).toEqual(before);
    const killed = new Database(file, { readonly: true });
    expect(killed.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 6 });
    killed.close();

    const healed = later(await startHall(['--data', dataDir, '--port', '0']));
    expect((await healed.stop()).signal).not.toBe('SIGKILL');
    const after = snapshot();
    expect(after.journal).toEqual(before.journal);
    // Later migrations add columns (0010: the hold time); every value that was there is unchanged.
    const columns = Object.keys(before.tickets[0] as object);
    expect(
      after.tickets.map((t) =>
        Object.fromEntries(columns.map((c) => [c, (t as Record<string, unknown>)[c]])),
      ),
    ).toEqual(before.tickets);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({
        v: knownMigrations().at(-1)!.version,
      });
      expect(handlingKept(db)).toEqual(handlingFromTickets(db));
      expect(handlingKept(db)).toHaveLength(3);
    } finally {
      db.close();
    }
    const verify = await runCli('hall', ['verify', '--data', dataDir]);
    expect(verify.stdout).toContain('every hash chain verifies');
  }, 60_000);
});
