import { describe, expect } from 'vitest';
import { stmt } from '../../db/projections/index.ts';
import { ingestBatch } from '../../headoffice/ingest/ingest.ts';
import { rowHash } from '../../shared/journal/hash.ts';
import { ManualClock } from '../../shared/runtime.ts';
import { UPCASTERS } from '../../shared/sync/upcast.ts';
import type { TestHall } from '../support/hall.ts';
import {
  BACKEND,
  withAdminClient,
  diffJournals,
  hallLastSeqs,
  hoCursors,
  NO_DIFF,
  startTestHeadOffice,
} from '../support/headoffice.ts';
import { it } from '../support/fixtures.ts';
import { counterBacks, pushRaw, RowChain, stationFiller, withJournalGuardsLifted } from '../support/rows.ts';
import {
  drain,
  eventually,
  expectPushedToHeadOffice,
  expectSameJournal,
  startPairedHub,
} from '../support/sync.ts';
import { PushReply } from '../../shared/sync/protocol.ts';
import { parseReply } from '../support/http.ts';

const DAY = 24 * 60 * 60_000;

/** Appends n real journal rows on the hub in one transaction. */
async function bulk(hub: TestHall, n: number): Promise<void> {
  const ctx = hub.node.ctx;
  await ctx.commits.run('appendEvents', counterBacks(5, n));
}

/** Ends every backend connected to `database` (an administrator's pg_terminate_backend); their pids. */
async function terminateBackendsOf(database: string): Promise<number[]> {
  const { rows } = await withAdminClient((c) =>
    c.query<{ pid: number; ended: boolean }>(
      'SELECT pid, pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1',
      [database],
    ),
  );
  return rows.filter((r) => r.ended).map((r) => r.pid);
}

async function backendsGone(pids: number[]): Promise<boolean> {
  const { rows } = await withAdminClient((c) =>
    c.query('SELECT pid FROM pg_stat_activity WHERE pid = ANY($1)', [pids]),
  );
  return rows.length === 0;
}

describe(`head-office faults on ${BACKEND}`, () => {
  it('DESIGN-4: head office restarted in the middle of an ingest: the sender backs off and every row lands once', async ({
    later,
    defer,
    testStore: store,
  }) => {
    // Its own head office: this test stops and restarts it on the same store and port.
    const first = later(await startTestHeadOffice({ store }));
    const hub = later(await startPairedHub(first));
    await bulk(hub, 6_000);
    const deviceId = hub.node.ctx.deviceId;
    const sender = hub.node.senders[0]!;
    sender.start();
    defer(() => sender.stop());
    await eventually(
      async () => ((await hoCursors(first.sql)).get(deviceId) ?? 0) > 0,
      'the first batch lands',
    );
    const port = first.ho.port;
    await first.stop();
    const midway =
      (
        stmt(
          hub.node.ctx.db,
          "SELECT acked_seq FROM local_sync_cursors WHERE upstream = 'headoffice'",
        ).get() as { acked_seq: number } | undefined
      )?.acked_seq ?? 0;
    expect(midway).toBeLessThan(hub.node.ctx.journal.lastSeq());
    const restarted = later(await startTestHeadOffice({ store, port }));
    await eventually(
      async () => ((await hoCursors(restarted.sql)).get(deviceId) ?? 0) === hub.node.ctx.journal.lastSeq(),
      'the backlog drains after the restart',
      45_000,
    );
    sender.stop();
    expect(await diffJournals(hub.node.ctx.db, restarted.sql, { hallId: hub.node.ctx.hallId })).toEqual(
      NO_DIFF,
    );
  });

  it.skipIf(BACKEND !== 'postgres')(
    'DESIGN-7: PostgreSQL dropping head office’s idle connections does not crash it; the next push lands',
    async ({ tho, pairedHub }) => {
      const hub = await pairedHub();
      await bulk(hub, 50);
      await drain(hub.node);
      // What a database restart or an administrator's pg_terminate_backend does to a pool's idle clients.
      const name = new URL(tho.store.databaseUrl!).pathname.slice(1);
      const terminated = await terminateBackendsOf(name);
      expect(terminated.length).toBeGreaterThan(0);
      // The pool hears of it as each backend exits: wait for that, not for a time.
      await eventually(() => backendsGone(terminated), 'the terminated backends exit');
      await bulk(hub, 50);
      await drain(hub.node);
      expect((await tho.request('GET', '/halls')).status).toBe(200);
      await expectSameJournal(tho, hub);
    },
  );

  it('DESIGN-4: a device clock a day ahead or behind is flagged per device, and its rows are kept as written', async ({
    tho,
    pairedHub,
  }) => {
    const ahead = await pairedHub({ clock: new ManualClock(Date.now() + DAY) });
    const behind = await pairedHub({ clock: new ManualClock(Date.now() - DAY) });
    const right = await pairedHub();
    for (const hub of [ahead, behind, right]) {
      await bulk(hub, 3);
      await expectPushedToHeadOffice(tho, hub);
    }
    const halls = await tho.halls();
    const skew = (hub: TestHall & { hoHallId: string }) =>
      halls.find((h) => h.hallId === hub.hoHallId)!.devices.find((d) => d.deviceId === hub.node.ctx.deviceId)!
        .skewMs;
    expect(skew(ahead)).toBeGreaterThan(DAY - 60_000);
    expect(skew(ahead)).toBeLessThan(DAY + 60_000);
    expect(skew(behind)).toBeLessThan(-DAY + 60_000);
    expect(skew(behind)).toBeGreaterThan(-DAY - 60_000);
    expect(skew(right)).toBeNull();
    // Device time is data: stored exactly as the device wrote it.
    const mine = stmt(ahead.node.ctx.db, 'SELECT id, occurred_at FROM journal').all() as {
      id: string;
      occurred_at: number;
    }[];
    const theirs = await tho.sql.query<{ id: string; occurred_at: number }>(
      'SELECT id, occurred_at FROM journal WHERE device_id = $1',
      [ahead.node.ctx.deviceId],
    );
    expect(new Map(theirs.map((r) => [r.id, Number(r.occurred_at)]))).toEqual(
      new Map(mine.map((r) => [r.id, r.occurred_at])),
    );
  });

  it('DESIGN-2: poison rows (bad schema, broken chain, altered contents, foreign hall) are quarantined and the rows after them land', async ({
    tho,
    pushingHub,
  }) => {
    const { token, chain } = await pushingHub();
    const rows: unknown[] = [];
    const bad: Record<string, RegExp> = {};
    rows.push(chain.next());
    const shape = chain.next();
    rows.push({ ...shape, occurred_at: 'yesterday' });
    bad[shape.id] = /row shape: occurred_at/;
    rows.push(chain.next());
    // A row whose prev_hash does not continue the chain (hash recomputed so only the link is wrong).
    const linked = chain.next();
    const relinked = { ...linked, prev_hash: 'f'.repeat(64) };
    const broken = { ...relinked, hash: rowHash(relinked) };
    rows.push(broken);
    bad[linked.id] = /broken chain: prev_hash/;
    chain.hash = broken.hash;
    rows.push(chain.next());
    // Contents altered after hashing (a tampered receipt).
    const altered = chain.next();
    rows.push({ ...altered, payload: { counterNo: 2 } });
    bad[altered.id] = /broken chain: hash does not match/;
    rows.push(chain.next());
    const foreign = chain.next({});
    const foreignRow = { ...foreign, hall_id: 'another-hall' };
    rows.push({ ...foreignRow, hash: rowHash(foreignRow) });
    bad[foreign.id] = /belongs to hall/;
    chain.hash = rowHash(foreignRow);
    const last = chain.next();
    rows.push(last);

    const res = await pushRaw(tho.url, token, { deviceId: chain.deviceId, rows });
    expect(res.status).toBe(200);
    const reply = parseReply(PushReply, res);
    expect(reply.ackedSeq).toBe(last.device_seq);
    expect(reply.rejected.map((r) => r.id).sort()).toEqual(Object.keys(bad).sort());
    for (const r of reply.rejected) expect(r.reason).toMatch(bad[r.id]!);
    const landed = await tho.sql.query<{ device_seq: number }>(
      'SELECT device_seq FROM journal WHERE device_id = $1 ORDER BY device_seq',
      [chain.deviceId],
    );
    expect(landed.map((r) => Number(r.device_seq))).toEqual([1, 3, 5, 7, 9]);
    const quarantine = await tho.quarantine();
    for (const id of Object.keys(bad))
      expect(quarantine.find((q) => q.rowId === id)?.reason).toMatch(bad[id]!);
    // The same batch again (a lost reply) changes nothing; the chain continues after the last row.
    expect((await pushRaw(tho.url, token, { deviceId: chain.deviceId, rows })).status).toBe(409);
    expect((await pushRaw(tho.url, token, { deviceId: chain.deviceId, rows: chain.take(2) })).body).toEqual({
      ackedSeq: last.device_seq + 2,
      rejected: [],
    });
  });

  it('DESIGN-2: a row altered in the hall database is quarantined at head office; the rows after it land', async ({
    tho,
    pairedHub,
  }) => {
    const hub = await pairedHub();
    await bulk(hub, 20);
    const db = hub.node.ctx.db;
    const victim = stmt(db, 'SELECT id, device_seq FROM journal WHERE device_seq = 10 AND device_id = ?').get(
      hub.node.ctx.deviceId,
    ) as { id: string; device_seq: number };
    // Someone with the file in hand gets past the append-only triggers and edits a stored row.
    withJournalGuardsLifted(db, () =>
      db
        .prepare('UPDATE journal SET payload = ? WHERE id = ?')
        .run('{"kind":"fee","key":"forged","version":1,"data":null}', victim.id),
    );
    await drain(hub.node);
    const key = `${hub.node.ctx.deviceId}#${victim.device_seq}`;
    expect(await diffJournals(db, tho.sql, { hallId: hub.node.ctx.hallId, quarantined: [key] })).toEqual(
      NO_DIFF,
    );
    const q = await tho.sql.query<{ row_id: string; reason: string }>(
      'SELECT row_id, reason FROM quarantine WHERE device_id = $1',
      [hub.node.ctx.deviceId],
    );
    expect(q).toEqual([
      { row_id: victim.id, reason: expect.stringMatching(/hash does not match/) as unknown },
    ]);
    expect((await hoCursors(tho.sql)).get(hub.node.ctx.deviceId)).toBe(
      hallLastSeqs(db).get(hub.node.ctx.deviceId),
    );
  });

  it('DESIGN-2: a station’s poison row is quarantined at the hub, reaches head office’s quarantine, and never blocks the rows after it', async ({
    tho,
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(5);
    const sctx = station.node.ctx;
    await sctx.commits.run('appendEvents', stationFiller(sctx.deviceId, 10));
    const db = sctx.db;
    const victim = stmt(
      db,
      'SELECT id, device_seq FROM journal WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1 OFFSET 4',
    ).get(sctx.deviceId) as { id: string; device_seq: number };
    withJournalGuardsLifted(db, () =>
      db
        .prepare('UPDATE journal SET payload = ? WHERE id = ?')
        .run('{"kind":"fee","key":"forged","version":1,"data":null}', victim.id),
    );

    await drain(station.node);
    const atHub = stmt(hub.node.ctx.db, 'SELECT row_id FROM local_quarantine WHERE device_id = ?').all(
      sctx.deviceId,
    );
    expect(atHub).toEqual([{ row_id: victim.id }]);
    // The hall's manager sees it at once, named by the station it came from; a clerk may not.
    const listed = await hub.request('GET', '/sync/quarantine', { token: await hub.login('9001') });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        deviceId: sctx.deviceId,
        deviceName: 'Counter 5',
        counterNo: 5,
        deviceSeq: victim.device_seq,
        rowId: victim.id,
        type: 'reference.updated',
        reason: expect.stringMatching(/hash does not match/) as unknown,
      }),
    ]);
    expect((await hub.request('GET', '/sync/quarantine', { token: await hub.login('1001') })).status).toBe(
      403,
    );
    await drain(hub.node);
    const key = `${sctx.deviceId}#${victim.device_seq}`;
    expect(
      await diffJournals(db, tho.sql, {
        hallId: hub.node.ctx.hallId,
        devices: [sctx.deviceId],
        quarantined: [key],
      }),
    ).toMatchObject({ missing: [], mismatched: [], gappy: [] });
    expect((await hoCursors(tho.sql)).get(sctx.deviceId)).toBe(sctx.journal.lastSeq());
    const q = await tho.sql.query<{ row_id: string; reason: string }>(
      'SELECT row_id, reason FROM quarantine WHERE device_id = $1',
      [sctx.deviceId],
    );
    expect(q).toEqual([
      { row_id: victim.id, reason: expect.stringMatching(/hash does not match/) as unknown },
    ]);
    expect(hub.node.senders[0]!.status().backlogRows).toBe(0);
  });

  it('DESIGN-4: a sender that lost rows the receiver expects says so and backs off, and its other devices keep flowing', async ({
    tho,
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(6);
    await bulk(hub, 10);
    const db = hub.node.ctx.db;
    const self = hub.node.ctx.deviceId;
    // Rows 3 and 4 of the hub's own chain vanish (a damaged or partly restored file).
    withJournalGuardsLifted(db, () =>
      db.prepare('DELETE FROM journal WHERE device_id = ? AND device_seq IN (3, 4)').run(self),
    );
    await drain(station.node);
    const sender = hub.node.senders[0]!;
    let error: Error | null = null;
    for (let i = 0; i < 50 && !error; i++)
      await sender.pushOnce().then(
        (more) => {
          if (!more) throw new Error('the sender claims to be done');
        },
        (e: Error) => {
          error = e;
        },
      );
    expect(String(error)).toMatch(/lacks device_seq 3–4/);
    expect(sender.status().lastError).toMatch(/lacks device_seq 3–4/);
    expect((await hoCursors(tho.sql)).get(self)).toBe(2);
    // The station's rows, carried by the same hub, all arrived regardless.
    expect((await hoCursors(tho.sql)).get(station.node.ctx.deviceId)).toBe(
      station.node.ctx.journal.lastSeq(),
    );
  });

  it('DESIGN-4: a sender one schema version newer: its new rows are quarantined as "upgrade the receiver", the rest land', async ({
    tho,
    pushingHub,
  }) => {
    const { token, chain } = await pushingHub();
    const rows = [
      chain.next(),
      chain.next({ schema_ver: 2 }),
      chain.next({ type: 'future.unknown_type', payload: { amountFen: 100 } }),
      chain.next(),
    ];
    const res = await pushRaw(tho.url, token, { deviceId: chain.deviceId, rows });
    expect(res.status).toBe(200);
    const reply = parseReply(PushReply, res);
    expect(reply.ackedSeq).toBe(4);
    expect(reply.rejected.map((r) => r.id)).toEqual([rows[1]!.id, rows[2]!.id]);
    for (const r of reply.rejected) expect(r.reason).toMatch(/newer than this receiver reads.*upgrade/);
    const landed = await tho.sql.query<{ id: string }>(
      'SELECT id FROM journal WHERE device_id = $1 ORDER BY device_seq',
      [chain.deviceId],
    );
    expect(landed.map((r) => r.id)).toEqual([rows[0]!.id, rows[3]!.id]);
  });

  it('DESIGN-4: a sender one schema version older: its rows are upcast to be checked and stored exactly as written', async ({
    tho,
  }) => {
    // This build is at schema_ver 1, so "one older" is shown against a receiver reading schema_ver 2
    // whose upcaster for counter.back@1 adds the field v2 requires.
    const seen: unknown[] = [];
    const next = {
      current: 2,
      upcasters: {
        ...UPCASTERS,
        'counter.back@1': (p: Record<string, unknown>) => {
          seen.push(p);
          return { ...p };
        },
      },
    };
    const deviceId = `old-${Date.now()}`;
    const chain = new RowChain(deviceId, 'old-hall');
    const rows = [chain.next(), chain.next(), chain.next({ payload: { counterNo: 'one' } }), chain.next()];
    const [hall] = await tho.sql.query<{ hall_id: string }>('SELECT hall_id FROM halls LIMIT 1');
    const result = await ingestBatch(
      tho.sql,
      hall!.hall_id,
      'old-hall',
      { deviceId, sentAt: Date.now(), rows },
      Date.now(),
      next,
    );
    expect(result).toMatchObject({ kind: 'ok', reply: { ackedSeq: 4, rejected: [{ id: rows[2]!.id }] } });
    expect(seen).toHaveLength(4);
    const stored = await tho.sql.query<{ id: string; schema_ver: number; payload: string; hash: string }>(
      'SELECT id, schema_ver, payload, hash FROM journal WHERE device_id = $1 ORDER BY device_seq',
      [deviceId],
    );
    expect(stored.map((r) => r.id)).toEqual([rows[0]!.id, rows[1]!.id, rows[3]!.id]);
    for (const r of stored) {
      expect(r.schema_ver).toBe(1);
      expect(JSON.parse(r.payload)).toEqual({ counterNo: 1 });
    }
    // A row newer than that receiver is still quarantined there.
    const newer = chain.next({ schema_ver: 3 });
    const again = await ingestBatch(
      tho.sql,
      hall!.hall_id,
      'old-hall',
      { deviceId, sentAt: Date.now(), rows: [newer] },
      Date.now(),
      next,
    );
    expect(again).toMatchObject({ kind: 'ok', reply: { ackedSeq: 5, rejected: [{ id: newer.id }] } });
  });
});
