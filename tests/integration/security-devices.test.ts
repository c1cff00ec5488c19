import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { migrate } from '../../headoffice/db/migrate.ts';
import { createTestStore, openStore } from '../support/headoffice.ts';
import { ROOT } from '../support/child.ts';
import { deviceOwner } from '../../headoffice/halls/devices.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { BACKEND, diffJournals, hoCursors, NO_DIFF, type TestHeadOffice } from '../support/headoffice.ts';
import { test } from '../support/fixtures.ts';
import { pushRaw, RowChain } from '../support/rows.ts';
import { drain, expectSameJournal, hubToken, issueTickets, startStation } from '../support/sync.ts';
import { Health } from '../../shared/api/schemas.ts';
import { expectError } from '../support/builders.ts';
import type { TestHall } from '../support/hall.ts';
import { parseReply } from '../support/http.ts';

/** Issue 9, item 1: a device belongs to the hall that paired it, for ever (DESIGN §5). */

/** Everything head office holds: journal, cursors and quarantine, to prove a refusal changed nothing. */
async function hoState(tho: TestHeadOffice): Promise<string> {
  const [journal, cursors, quarantine, devices, stations] = await Promise.all([
    tho.sql.query('SELECT id, device_id, device_seq, hash FROM journal ORDER BY id'),
    tho.sql.query('SELECT device_id, hall_id, acked_seq, last_hash FROM device_cursors ORDER BY device_id'),
    tho.sql.query('SELECT device_id, device_seq, reason FROM quarantine ORDER BY device_id, device_seq'),
    tho.sql.query('SELECT device_id, hall_id, token_hash, revoked FROM hall_devices ORDER BY device_id'),
    tho.sql.query('SELECT * FROM hall_stations ORDER BY device_id'),
  ]);
  return JSON.stringify({ journal, cursors, quarantine, devices, stations });
}

/** Runs what head office must refuse, then checks it holds exactly what it held before. */
async function expectUnchanged(tho: TestHeadOffice, refused: () => Promise<void>): Promise<void> {
  const before = await hoState(tho);
  await refused();
  expect(await hoState(tho)).toBe(before);
}

/** The hub's next `tickets` tickets reach head office, whose journal of the hall then matches the hub's. */
async function nextTicketsArrive(tho: TestHeadOffice, hub: TestHall, tickets: number): Promise<void> {
  await issueTickets(hub, tickets);
  await drain(hub.node);
  await expectSameJournal(tho, hub);
}

/** The fixtures, and `twoHalls()`: Hall One's and Hall Two's hubs, each paired with this file's head office. */
const it = test.extend('twoHalls', ({ pairedHub }) => async () => {
  const one = await pairedHub();
  const two = await pairedHub();
  return [one, two] as const;
});

describe(`device ownership at head office on ${BACKEND}`, () => {
  it('security: a hub pushing rows under another hall’s hub device id is refused whole (403) and changes nothing', async ({
    tho,
    twoHalls,
  }) => {
    const [one, two] = await twoHalls();
    await issueTickets(one, 3);
    await drain(one.node);

    // Hall Two's hub forges the rows Hall One's hub will write next, under Hall One's hub device id.
    const forged = new RowChain(one.node.ctx.deviceId, two.node.ctx.hallId);
    const acked = (await hoCursors(tho.sql)).get(one.node.ctx.deviceId)!;
    forged.seq = acked;
    forged.hash = (
      await tho.sql.query<{ last_hash: string }>(
        'SELECT last_hash FROM device_cursors WHERE device_id = $1',
        [one.node.ctx.deviceId],
      )
    )[0]!.last_hash;
    await expectUnchanged(tho, async () => {
      const res = await pushRaw(tho.url, hubToken(two), {
        deviceId: one.node.ctx.deviceId,
        rows: forged.take(3),
      });
      expectError(res, 403, 'E_DEVICE_NOT_OWNED');
    });

    // Hall One's own next rows land at those sequence numbers, nothing quarantined, and it says all is well.
    await nextTicketsArrive(tho, one, 3);
    const quarantined = await tho.sql.query('SELECT 1 FROM quarantine WHERE device_id = $1', [
      one.node.ctx.deviceId,
    ]);
    expect(quarantined).toHaveLength(0);
    const health = parseReply(Health, await one.request('GET', '/health'));
    expect(health.sync[0]).toMatchObject({ backlogRows: 0, lastError: null });
  });

  it('security: a pairing code of another hall never moves an existing hub to it (409, nothing changes)', async ({
    tho,
    pairedHub,
  }) => {
    const one = await pairedHub();
    const { pairingCode } = await tho.newHall('Other hall');
    await expectUnchanged(tho, async () => {
      const res = await tho.request('POST', '/sync/v1/pair', {
        token: null,
        body: { code: pairingCode, deviceId: one.node.ctx.deviceId, hallId: 'elsewhere' },
      });
      expectError(res, 409, 'E_DEVICE_BOUND');
    });
    // Hall One's hub keeps its hall and its token; the refused code is still good for a new hub.
    await nextTicketsArrive(tho, one, 1);
    const fresh = await tho.request('POST', '/sync/v1/pair', {
      token: null,
      body: { code: pairingCode, deviceId: 'a-new-hub', hallId: 'h-new' },
    });
    expect(fresh.status).toBe(201);
  });

  it('security: a station’s rows are accepted only after its own hub registered it, and no other hall may take it', async ({
    tho,
    twoHalls,
  }) => {
    const [one, two] = await twoHalls();
    const stationId = 'station-of-hall-one';
    const chain = new RowChain(stationId, one.node.ctx.hallId);
    const rows = chain.take(2);

    // Not registered yet: refused whole.
    await expectUnchanged(tho, async () => {
      const res = await pushRaw(tho.url, hubToken(one), { deviceId: stationId, rows });
      expectError(res, 403, 'E_DEVICE_NOT_OWNED');
    });

    const register = (token: string | null, deviceId = stationId) =>
      tho.request('POST', '/sync/v1/devices', {
        token,
        body: { deviceId, role: 'counter', name: 'Counter 1', counterNo: 1 },
      });
    // A console user (even the admin) and an anonymous caller may not register stations.
    await expectUnchanged(tho, async () => {
      expect((await register(tho.adminToken)).status).toBe(403);
      expect((await register(null)).status).toBe(401);
    });

    expect((await register(hubToken(one))).status).toBe(201);
    // Registering again from its own hub is harmless.
    expect((await register(hubToken(one))).status).toBe(201);
    expect(await deviceOwner(tho.sql, stationId)).toEqual({
      hallId: one.hoHallId,
      kind: 'station',
      counterNo: 1,
      registeredBy: one.node.ctx.deviceId,
    });
    expect(await deviceOwner(tho.sql, one.node.ctx.deviceId)).toEqual({
      hallId: one.hoHallId,
      kind: 'hub',
      counterNo: null,
      registeredBy: null,
    });
    expect(await deviceOwner(tho.sql, 'nobody')).toBeNull();

    // Another hall's hub can neither take the station nor register a hub's id as its station.
    await expectUnchanged(tho, async () => {
      expectError(await register(hubToken(two)), 409, 'E_DEVICE_BOUND');
      expectError(await register(hubToken(two), one.node.ctx.deviceId), 409, 'E_DEVICE_BOUND');
      expect((await register(hubToken(one), two.node.ctx.deviceId)).status).toBe(409);
      // Nor push the station's rows.
      expect((await pushRaw(tho.url, hubToken(two), { deviceId: stationId, rows })).status).toBe(403);
    });

    // Its own hub's push lands.
    expect((await pushRaw(tho.url, hubToken(one), { deviceId: stationId, rows })).status).toBe(200);
    expect((await hoCursors(tho.sql)).get(stationId)).toBe(2);
    const stored = await tho.sql.query<{ registered_by: string; hall_id: string; name: string }>(
      'SELECT hall_id, registered_by, name FROM hall_stations WHERE device_id = $1',
      [stationId],
    );
    expect(stored).toEqual([
      { hall_id: one.hoHallId, registered_by: one.node.ctx.deviceId, name: 'Counter 1' },
    ]);
  });

  it('security: the hub registers each station it carries before pushing its rows; a refused one shows on /health and the others go on', async ({
    tho,
    later,
    twoHalls,
  }) => {
    const [one, two] = await twoHalls();
    const stationOne = later(await startStation(one, 1, { sync: false }));
    const stationTwo = later(await startStation(two, 2, { sync: false }));
    for (const [hub, station, counterNo] of [
      [one, stationOne, 1],
      [two, stationTwo, 2],
    ] as const) {
      await pullOnce(station.node.ctx, 'hub');
      const clerk = await station.login(`100${counterNo}`, counterNo);
      const res = await station.request('POST', '/walkins', {
        token: clerk,
        body: { serviceCode: 'A', startedAt: Date.now() - 60_000 },
      });
      expect(res.status).toBe(201);
      await drain(station.node);
      await issueTickets(hub, 2);
    }
    // Hall One's hub claims Hall Two's station first (as a hostile or confused hub would).
    const claim = await tho.request('POST', '/sync/v1/devices', {
      token: hubToken(one),
      body: { deviceId: stationTwo.node.ctx.deviceId, role: 'counter', name: 'Counter 2', counterNo: 2 },
    });
    expect(claim.status).toBe(201);

    // Hall One's hub registers its own station by itself and its rows reach head office.
    await drain(one.node);
    expect(await deviceOwner(tho.sql, stationOne.node.ctx.deviceId)).toEqual({
      hallId: one.hoHallId,
      kind: 'station',
      counterNo: 1,
      registeredBy: one.node.ctx.deviceId,
    });
    await expectSameJournal(tho, one);

    // Hall Two's hub is refused its station: it says so, and its own rows still go up.
    await drain(two.node);
    const health = parseReply(Health, await two.request('GET', '/health'));
    const entry = health.sync.find((s) => s.upstream === 'headoffice')!;
    expect(entry.lastError).toContain(stationTwo.node.ctx.deviceId);
    expect(entry.refusedDevices).toEqual([
      { deviceId: stationTwo.node.ctx.deviceId, code: 'E_DEVICE_BOUND' },
    ]);
    expect(entry.backlogRows).toBe(stationTwo.node.ctx.journal.lastSeq());
    expect(
      await diffJournals(two.node.ctx.db, tho.sql, {
        hallId: two.node.ctx.hallId,
        devices: [two.node.ctx.deviceId],
      }),
    ).toEqual(NO_DIFF);
    expect((await hoCursors(tho.sql)).get(stationTwo.node.ctx.deviceId)).toBeUndefined();
  });
});

describe(`the console's tickets of a hall today on ${BACKEND}`, () => {
  it('security: GET /overview/tickets serves the console only: a hub token gets 403, no token 401', async ({
    tho,
    syncedHub,
  }) => {
    const hub = await syncedHub(2);
    const path = `/overview/tickets?hallId=${hub.hoHallId}`;
    expect((await tho.request('GET', path, { token: hubToken(hub) })).status).toBe(403);
    expect((await tho.request('GET', path, { token: null })).status).toBe(401);
    const admin = await tho.request('GET', path);
    expect(admin.status).toBe(200);
    expect(admin.body).toHaveLength(2);
  });
});

describe(`head-office migration 0002 on ${BACKEND}`, () => {
  it('security: stations whose rows head office already holds stay bound to their hall after the upgrade', async ({
    defer,
    tempDir,
  }) => {
    const store = await createTestStore();
    defer(() => store.drop());
    const sql = await openStore(store);
    defer(() => sql.close());
    const old = tempDir('servicehall-ho-migrations-');
    // A head office from before registration existed: one hall, its hub, and a station's cursor.
    copyFileSync(
      path.join(ROOT, 'headoffice', 'db', 'migrations', '0001_headoffice.sql'),
      path.join(old, '0001_headoffice.sql'),
    );
    await migrate(sql, old);
    await sql.query("INSERT INTO halls (hall_id, name, created_at) VALUES ('hall-1', 'One', 0)");
    await sql.query(
      `INSERT INTO hall_devices (device_id, hall_id, local_hall_id, token_hash, paired_at)
       VALUES ('hub-1', 'hall-1', 'local-1', 'x', 0)`,
    );
    await sql.query(
      `INSERT INTO device_cursors (device_id, hall_id, acked_seq, last_hash) VALUES
         ('hub-1', 'hall-1', 5, 'h'), ('station-1', 'hall-1', 3, 'h')`,
    );
    await migrate(sql);
    expect(await deviceOwner(sql, 'station-1')).toEqual({
      hallId: 'hall-1',
      kind: 'station',
      counterNo: null,
      registeredBy: null,
    });
    expect(await deviceOwner(sql, 'hub-1')).toMatchObject({ hallId: 'hall-1', kind: 'hub' });
  });
});
