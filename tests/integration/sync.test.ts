import { describe, expect } from 'vitest';
import { stmt } from '../../db/projections/index.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { SyncSender } from '../../hall/sync/sender.ts';
import { ackedSeq, setAckedSeq } from '../../hall/sync/upstreams.ts';
import { ErrorReply, Health } from '../../shared/api/schemas.ts';
import { adminContract } from '../../shared/api/hall/admin.ts';
import { WalkinList } from '../../shared/api/walkins.ts';
import { PullReply, PushReply, SYNC_PROTOCOL_HEADER } from '../../shared/sync/protocol.ts';
import { parseReply } from '../support/http.ts';
import { startTestHall, type TestHall } from '../support/hall.ts';
import { BACKEND, diffJournals, hoCursors } from '../support/headoffice.ts';
import { it } from '../support/fixtures.ts';
import { counterBacks, pushRaw, RowChain } from '../support/rows.ts';
import {
  drain,
  expectPushedToHeadOffice,
  expectSameJournal,
  hubToken,
  issueTickets,
  recordWalkins,
} from '../support/sync.ts';

describe(`sync with head office on ${BACKEND}`, () => {
  it('DESIGN-7: a hub pairs with a one-time code, and a revoked hub gets 401 at once', async ({
    tho,
    syncedHub,
  }) => {
    const hub = await syncedHub(3);
    await expectSameJournal(tho, hub);
    const token = await hubToken(hub);
    const halls = await tho.halls();
    const mine = halls.find((h) => h.hallId === hub.hoHallId)!;
    expect(mine.hubs.map((d) => d.deviceId)).toEqual([hub.node.ctx.deviceId]);

    const del = await tho.request('DELETE', `/hall-devices/${hub.node.ctx.deviceId}`);
    expect(del.status).toBeLessThan(300);
    const chain = new RowChain(hub.node.ctx.deviceId, hub.node.ctx.hallId);
    expect((await pushRaw(tho.url, token, { deviceId: chain.deviceId, rows: chain.take(1) })).status).toBe(
      401,
    );
    const pull = await fetch(`${tho.url}/sync/v1/pull?since=0`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pull.status).toBe(401);
  });

  it('DESIGN-7: a pairing code works once only', async ({ tho }) => {
    const { pairingCode } = await tho.newHall('Once');
    const pair = (deviceId: string) =>
      fetch(`${tho.url}/sync/v1/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: pairingCode, deviceId, hallId: 'h-local' }),
      });
    expect((await pair('dev-1')).status).toBe(201);
    expect((await pair('dev-2')).status).toBeGreaterThanOrEqual(400);
  });

  it('DESIGN-4: station rows flow station → hub → head office unchanged, exactly once', async ({
    tho,
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(1, { pull: false });
    // The station has no hall record of its own; it kept at pairing that its hub's hall is the demo.
    expect(parseReply(Health, await station.request('GET', '/health')).demo).toBe(true);
    await pullOnce(station.node.ctx, 'hub');
    await recordWalkins(station, await station.login('1001', 1), 3, { agoMs: 60_000 });
    await issueTickets(hub, 2);
    await drain(station.node);
    await drain(hub.node);
    const stationId = station.node.ctx.deviceId;
    // The station's rows are at the hub under the station's own device id, and at head office too.
    expect(
      await diffJournals(station.node.ctx.db, tho.sql, { hallId: hub.node.ctx.hallId, devices: [stationId] }),
    ).toMatchObject({ missing: [], mismatched: [] });
    await expectSameJournal(tho, hub);
    const cursors = await hoCursors(tho.sql);
    expect(cursors.get(stationId)).toBe(station.node.ctx.journal.lastSeq());
    expect(cursors.get(hub.node.ctx.deviceId)).toBe(hub.node.ctx.journal.lastSeq());
    // Nothing left to send on either leg.
    expect(station.node.senders[0]!.status().backlogRows).toBe(0);
    expect(hub.node.senders[0]!.status().backlogRows).toBe(0);
  });

  it('DESIGN-4: a batch that does not start at ackedSeq + 1 gets 409 with the expected cursor', async ({
    tho,
    pushingHub,
  }) => {
    const { token, chain } = await pushingHub();
    const rows = chain.take(6);
    const deviceId = chain.deviceId;
    const skip = await pushRaw(tho.url, token, { deviceId, rows: rows.slice(2) });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ ackedSeq: 0, error: { code: 'E_SYNC_GAP' } });
    expect((await pushRaw(tho.url, token, { deviceId, rows: rows.slice(0, 2) })).body).toEqual({
      ackedSeq: 2,
      rejected: [],
    });
    const gap = await pushRaw(tho.url, token, { deviceId, rows: rows.slice(4) });
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ ackedSeq: 2 });
    expect((await hoCursors(tho.sql)).get(deviceId)).toBe(2);
  });

  it('DESIGN-4: a re-pushed batch (lost reply) is harmless: 409 with the cursor, no duplicate', async ({
    tho,
    syncedHub,
  }) => {
    const hub = await syncedHub(5);
    const deviceId = hub.node.ctx.deviceId;
    const seq = hub.node.ctx.journal.lastSeq();
    expect(ackedSeq(hub.node.ctx.db, 'headoffice', deviceId)).toBe(seq);
    // The sender forgets the reply (as if it never arrived) and sends the same rows again.
    setAckedSeq(hub.node.ctx.db, 'headoffice', deviceId, 0);
    expect(await hub.node.senders[0]!.pushOnce()).toBe(true);
    expect(ackedSeq(hub.node.ctx.db, 'headoffice', deviceId)).toBe(seq);
    await expectPushedToHeadOffice(tho, hub);
    // A receiver that lost its tail (restored) makes the sender go back, and the rows come again once.
    await tho.sql.query('DELETE FROM journal WHERE device_id = $1 AND device_seq > 2', [deviceId]);
    await tho.sql.query(
      'UPDATE device_cursors SET acked_seq = 2, last_hash = (SELECT hash FROM journal WHERE device_id = $1 AND device_seq = 2) WHERE device_id = $1',
      [deviceId],
    );
    await issueTickets(hub, 1);
    await expectPushedToHeadOffice(tho, hub);
  });

  it('DESIGN-4: an invalid row is quarantined with its reason and the rows after it land', async ({
    tho,
    pushingHub,
  }) => {
    const { hub, token, chain } = await pushingHub();
    const good1 = chain.next();
    const bad = chain.next({ type: 'ticket.called', payload: { ticketId: 'x', counterNo: 'not a number' } });
    const good2 = chain.next();
    const res = await pushRaw(tho.url, token, { deviceId: chain.deviceId, rows: [good1, bad, good2] });
    expect(res.status).toBe(200);
    const reply = parseReply(PushReply, res);
    expect(reply.ackedSeq).toBe(3);
    expect(reply.rejected).toHaveLength(1);
    expect(reply.rejected[0]!.id).toBe(bad.id);
    expect(reply.rejected[0]!.reason).toMatch(/ticket\.called/);
    const quarantine = await tho.quarantine();
    const q = quarantine.find((x) => x.rowId === bad.id);
    expect(q?.reason).toMatch(/ticket\.called/);
    expect(JSON.parse(q!.raw)).toEqual(bad);
    const ids = (
      await tho.sql.query<{ id: string }>('SELECT id FROM journal WHERE device_id = $1 ORDER BY device_seq', [
        chain.deviceId,
      ])
    ).map((r) => r.id);
    expect(ids).toEqual([good1.id, good2.id]);
    const halls = await tho.halls();
    expect(halls.find((h) => h.hallId === hub.hoHallId)?.quarantined).toBe(1);
  });

  it('DESIGN-4: a row whose text UTF-8 cannot carry is quarantined, and the batch around it lands', async ({
    tho,
    pushingHub,
  }) => {
    const { token, chain } = await pushingHub();
    const good1 = chain.next();
    const bad = chain.next({ recorded_by: 'clerk \ud800' });
    const good2 = chain.next();
    const res = await pushRaw(tho.url, token, { deviceId: chain.deviceId, rows: [good1, bad, good2] });
    expect(res.status).toBe(200);
    const reply = parseReply(PushReply, res);
    expect(reply.ackedSeq).toBe(3);
    expect(reply.rejected.map((r) => [r.id, r.reason])).toEqual([
      [bad.id, expect.stringMatching(/recorded_by.*surrogate/)],
    ]);
    const stored = await tho.sql.query<{ id: string; payload: string; hash: string }>(
      'SELECT id, payload, hash FROM journal WHERE device_id = $1 ORDER BY device_seq',
      [chain.deviceId],
    );
    expect(stored.map((r) => r.id)).toEqual([good1.id, good2.id]);
    expect(stored.map((r) => JSON.parse(r.payload) as unknown)).toEqual([good1.payload, good2.payload]);
  });

  it('DESIGN-4: after a 413 the sender keeps below the size that was refused: no 413 once a batch fitted', async ({
    tho,
    proxiedHub,
  }) => {
    const { hub, proxy } = await proxiedHub({ maxBodyBytes: 60_000 });
    // ~3,000 rows of ~330 bytes: full 500-row batches of ~165 kB do not fit 60 kB; halving gets there.
    await hub.node.ctx.commits.run('appendEvents', counterBacks(5, 3_000));
    const logged: object[] = [];
    const sender = new SyncSender(hub.node.ctx, 'headoffice', { log: { warn: (data) => logged.push(data) } });
    for (let batches = 0; await sender.pushOnce(); batches++)
      if (batches > 1_000) throw new Error('the sender never ran dry');
    await expectSameJournal(tho, hub);
    const statuses = proxy.pushStatuses;
    const firstOk = statuses.indexOf(200);
    expect(firstOk).toBeGreaterThan(0);
    expect(statuses.slice(0, firstOk).every((s) => s === 413)).toBe(true);
    // Remembered: no batch after the first that fitted is refused (the old sender doubled back and
    // failed every other push).
    expect(statuses.slice(firstOk).filter((s) => s !== 200)).toEqual([]);
    expect(sender.replies[413]).toBe(firstOk);
    expect(Math.max(...proxy.batchSizes.slice(firstOk))).toBeLessThan(proxy.batchSizes[firstOk - 1]!);
    // Said once, with the ceiling it settled on.
    expect(logged).toEqual([
      { upstream: 'headoffice', ceilingBytes: expect.any(Number), refusedBytes: expect.any(Number) },
    ]);
    const [{ ceilingBytes, refusedBytes }] = logged as { ceilingBytes: number; refusedBytes: number }[];
    expect(ceilingBytes).toBeLessThanOrEqual(60_000);
    expect(refusedBytes).toBeGreaterThan(60_000);
  });

  it('DESIGN-4: a row larger than the upstream takes fails the push (the sender backs off) and is said in lastError', async ({
    proxiedHub,
  }) => {
    const { hub, proxy } = await proxiedHub({ maxBodyBytes: 200 });
    const sender = hub.node.senders[0]!;
    // Halving goes down to one row; that one still does not fit, so the sender stops retrying at once.
    let error: unknown = null;
    for (let tries = 0; error === null && tries < 30; tries++)
      await sender.pushOnce().catch((e: unknown) => (error = e));
    expect(String(error)).toMatch(/single row of \d+ bytes/);
    expect(proxy.batchSizes.at(-1)).toBe(1);
    expect(sender.status().lastError).toMatch(/single row of \d+ bytes.*413/);
  });

  it('DESIGN-4: a receiver on another protocol version answers 426, and the sender stops and says so', async ({
    tho,
    proxiedHub,
    pushingHub,
  }) => {
    const { token, chain } = await pushingHub();
    const res = await pushRaw(
      tho.url,
      token,
      { deviceId: chain.deviceId, rows: chain.take(1) },
      { [SYNC_PROTOCOL_HEADER]: '2' },
    );
    expect(res.status).toBe(426);
    const pull = await fetch(`${tho.url}/sync/v1/pull?since=0`, {
      headers: { authorization: `Bearer ${token}`, [SYNC_PROTOCOL_HEADER]: '99' },
    });
    expect(pull.status).toBe(426);
    // A sender told 426 stops pushing and reports it instead of hammering the receiver.
    const { hub: via } = await proxiedHub({ answer: () => 426 });
    await issueTickets(via, 1);
    await expect(via.node.senders[0]!.pushOnce()).rejects.toThrow();
    expect(await via.node.senders[0]!.pushOnce()).toBe(false);
    const health = parseReply(Health, await via.request('GET', '/health'));
    expect(health.sync[0]!.lastError).toMatch(/upgrade/i);
    expect(health.sync[0]!.connected).toBe(false);
  });

  it('DESIGN-7: health shows per-upstream sync status: backlog, oldest unsent, connected, last error', async ({
    tho,
    proxiedHub,
  }) => {
    const { hub, proxy } = await proxiedHub();
    await drain(hub.node);
    await issueTickets(hub, 4);
    const firstUnsent = (
      stmt(
        hub.node.ctx.db,
        "SELECT min(occurred_at) AS t FROM journal WHERE type = 'ticket.issued'",
      ).get() as { t: number }
    ).t;
    let h = parseReply(Health, await hub.request('GET', '/health'));
    expect(h.sync).toEqual([
      {
        upstream: 'headoffice',
        connected: true,
        backlogRows: 4,
        oldestUnsentAt: firstUnsent,
        lastError: null,
      },
    ]);
    proxy.setDown(true);
    await expect(hub.node.senders[0]!.pushOnce()).rejects.toThrow();
    h = parseReply(Health, await hub.request('GET', '/health'));
    expect(h.sync[0]).toMatchObject({ connected: false, backlogRows: 4 });
    expect(h.sync[0]!.lastError).toMatch(/unreachable/);
    proxy.setDown(false);
    await drain(hub.node);
    h = parseReply(Health, await hub.request('GET', '/health'));
    expect(h.sync[0]).toMatchObject({
      connected: true,
      backlogRows: 0,
      oldestUnsentAt: null,
      lastError: null,
    });
    await expectSameJournal(tho, hub);
  });
});

describe(`reference data on ${BACKEND}`, () => {
  const service = (name: string) => ({
    name,
    nameEn: name,
    prefix: 'E',
    slaMinutes: 10,
    open: true,
    sort: 9,
  });

  it('DESIGN-4: pull serves changes after a commit-ordered version, tombstones, and a reset for an unknown version', async ({
    tho,
    pairedHub,
  }) => {
    const hub = await pairedHub();
    const token = await hubToken(hub);
    const pull = async (since: number) => {
      const res = await fetch(`${tho.url}/sync/v1/pull?since=${since}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return PullReply.parse(await res.json());
    };
    const v1 = (
      (await tho.request('PUT', '/ref/service/E', { body: service('电费') })).body as { version: number }
    ).version;
    const v2 = (
      (await tho.request('PUT', '/ref/fee/F1', { body: { name: '工本费', amountFen: 500 } })).body as {
        version: number;
      }
    ).version;
    expect(v2).toBeGreaterThan(v1);
    const all = await pull(0);
    expect(all.reset).toBe(true);
    expect(all.version).toBeGreaterThanOrEqual(v2);
    expect(all.changes.map((c) => `${c.kind}/${c.key}`)).toEqual(
      expect.arrayContaining(['service/E', 'fee/F1']),
    );
    const since1 = await pull(v1);
    expect(since1).toMatchObject({ reset: false, version: all.version });
    expect(since1.changes.map((c) => `${c.kind}/${c.key}`)).toEqual(['fee/F1']);
    expect((await pull(all.version)).changes).toEqual([]);
    const v3 = ((await tho.request('DELETE', '/ref/fee/F1')).body as { version: number }).version;
    expect(v3).toBeGreaterThan(v2);
    expect((await pull(all.version)).changes).toEqual([{ kind: 'fee', key: 'F1', version: v3, data: null }]);
    // A client ahead of head office (e.g. head office restored from backup) gets a full snapshot.
    expect((await pull(v3 + 1000)).reset).toBe(true);
    await tho.request('DELETE', '/ref/service/E');
  });

  it('DESIGN-1: a walk-in recorded after it finished keeps its own finish time, at the station and the hub', async ({
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(2);
    const clerk = await station.login('1002', 2);
    const startedAt = Date.now() - 30 * 60_000;
    const finishedAt = startedAt + 7 * 60_000;
    const before = station.node.ctx.journal.lastSeq();
    for (const finish of [startedAt - 1, Date.now() + 60_000]) {
      const bad = await station.request('POST', '/walkins', {
        token: clerk,
        body: { serviceCode: 'A', startedAt, finishedAt: finish },
      });
      expect(bad.status).toBe(400);
      expect(parseReply(ErrorReply, bad).error.code).toBe('E_VALIDATION');
    }
    expect(station.node.ctx.journal.lastSeq()).toBe(before);

    const res = await station.request('POST', '/walkins', {
      token: clerk,
      body: { serviceCode: 'A', startedAt, finishedAt },
    });
    expect(res.status).toBe(201);
    const { walkinId } = res.body as { walkinId: string };
    const listed = parseReply(WalkinList, await station.request('GET', '/walkins', { token: clerk }));
    expect(listed.walkins.find((w) => w.walkinId === walkinId)).toMatchObject({ startedAt, finishedAt });
    await drain(station.node);
    const served = stmt(hub.node.ctx.db, 'SELECT started_at, finished_at FROM tickets WHERE id = ?').get(
      walkinId,
    );
    expect(served).toEqual({ started_at: startedAt, finished_at: finishedAt });
  });

  it('DESIGN-4: a head-office edit reaches the hub on its next pull and is relayed to its station', async ({
    tho,
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(2);
    const put = await tho.request('PUT', '/ref/service/E', { body: service('电动车') });
    expect(put.status).toBe(200);
    const services = async (h: TestHall) =>
      parseReply(
        adminContract.services.reply,
        await h.request('GET', '/services', { token: h.kioskToken || (await h.login('1001')) }),
      );
    expect((await services(hub)).map((s) => s.code)).not.toContain('E');
    await pullOnce(hub.node.ctx, 'headoffice');
    expect((await services(hub)).find((s) => s.code === 'E')?.name).toBe('电动车');
    await pullOnce(station.node.ctx, 'hub');
    const stationRef = stmt(
      station.node.ctx.db,
      "SELECT data FROM ref_data WHERE kind = 'service' AND key = 'E'",
    ).get() as { data: string } | undefined;
    expect(JSON.parse(stationRef!.data)).toMatchObject({ name: '电动车' });
    // A tombstone travels the same way.
    await tho.request('DELETE', '/ref/service/E');
    await pullOnce(hub.node.ctx, 'headoffice');
    expect((await services(hub)).map((s) => s.code)).not.toContain('E');
    await pullOnce(station.node.ctx, 'hub');
    const gone = stmt(
      station.node.ctx.db,
      "SELECT data FROM ref_data WHERE kind = 'service' AND key = 'E'",
    ).get() as { data: string | null } | undefined;
    expect(gone?.data ?? null).toBeNull();
  });

  it('DESIGN-4: a station’s copy of the reference data, carried by the hub, never changes the hub’s own', async ({
    tho,
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(4, { pull: false });
    await tho.request('PUT', '/ref/fee/S1', { body: { name: '补证费', amountFen: 300 } });
    await pullOnce(station.node.ctx, 'hub');
    await drain(station.node);
    // The station's pull rows are at the hub (as records), and the hub's first pull is a reset.
    const carried = stmt(
      hub.node.ctx.db,
      "SELECT count(*) AS n FROM journal WHERE device_id = ? AND type = 'reference.updated'",
    ).get(station.node.ctx.deviceId) as { n: number };
    expect(carried.n).toBeGreaterThan(0);
    await pullOnce(hub.node.ctx, 'headoffice');
    const codes = parseReply(
      adminContract.services.reply,
      await hub.request('GET', '/services', { token: hub.kioskToken }),
    ).map((s) => s.code);
    expect(codes).toEqual(expect.arrayContaining(['A', 'B', 'C', 'D']));
    expect(await hub.login('1004', 4)).toBeTruthy();
    await expectPushedToHeadOffice(tho, hub);
  });

  it('DESIGN-4: a reset reply replaces everything: items missing from the snapshot are tombstoned', async ({
    tho,
    pairedHub,
  }) => {
    const hub = await pairedHub();
    await tho.request('PUT', '/ref/fee/R1', { body: { name: '押金', amountFen: 1000 } });
    await pullOnce(hub.node.ctx, 'headoffice');
    const has = () =>
      (
        stmt(hub.node.ctx.db, "SELECT data FROM ref_data WHERE kind = 'fee' AND key = 'R1'").get() as
          { data: string | null } | undefined
      )?.data ?? null;
    expect(has()).not.toBeNull();
    // Head office loses the item without a tombstone (restored from an older backup) and the hall is ahead.
    await tho.sql.query("DELETE FROM ref_data WHERE kind = 'fee' AND key = 'R1'");
    stmt(
      hub.node.ctx.db,
      "UPDATE local_upstreams SET pulled_version = pulled_version + 1000 WHERE name = 'headoffice'",
    ).run();
    await pullOnce(hub.node.ctx, 'headoffice');
    expect(has()).toBeNull();
    const v = stmt(
      hub.node.ctx.db,
      "SELECT pulled_version AS v FROM local_upstreams WHERE name = 'headoffice'",
    ).get() as { v: number };
    const [{ max }] = (await tho.sql.query<{ max: number }>(
      'SELECT coalesce(max(version), 0)::int AS max FROM ref_data',
    )) as [{ max: number }];
    expect(v.v).toBe(max);
  });
});

describe('a station while its hub is down', () => {
  it('DESIGN-1: queue commands fail clearly, local functions keep working, walk-ins reconcile when the hub returns', async ({
    tempDir,
    testHall,
    pulledStation,
  }) => {
    const hubDir = tempDir();
    const hub = await startTestHall({ dataDir: hubDir, sync: false });
    const station = await pulledStation(hub, 3);
    const clerk = await station.login('1003', 3);
    await hub.node.close();

    const call = await station.request('POST', '/counters/3/call-next', { token: clerk });
    expect(call.status).toBe(503);
    expect(parseReply(ErrorReply, call).error.code).toBe('E_HUB_UNREACHABLE');
    // Sign-in, health and walk-in recording are the station's own.
    expect((await station.request('GET', '/health')).status).toBe(200);
    expect(await station.login('1003', 3)).toBeTruthy();
    const walkin = await station.request('POST', '/walkins', {
      token: clerk,
      body: { serviceCode: 'C', startedAt: Date.now() - 5 * 60_000 },
    });
    expect(walkin.status).toBe(201);
    await expect(drain(station.node)).rejects.toThrow();
    const status = station.node.senders[0]!.status();
    expect(status.connected).toBe(false);
    expect(status.backlogRows).toBeGreaterThan(0);

    // The hub returns on the same data and port: the walk-in arrives and is served there.
    const back = await testHall({ dataDir: hubDir, port: hub.node.port, sync: false });
    await drain(station.node);
    const { walkinId } = walkin.body as { walkinId: string };
    const ticket = stmt(back.node.ctx.db, 'SELECT status, counter_no FROM tickets WHERE id = ?').get(
      walkinId,
    ) as { status: string; counter_no: number } | undefined;
    expect(ticket).toMatchObject({ status: 'done', counter_no: 3 });
    const seqs = hallSeqs(back, station.node.ctx.deviceId);
    expect(seqs).toEqual(Array.from({ length: station.node.ctx.journal.lastSeq() }, (_, i) => i + 1));
    expect((await station.request('POST', '/counters/3/call-next', { token: clerk })).status).not.toBe(503);
  });
});

function hallSeqs(hall: TestHall, deviceId: string): number[] {
  return (
    stmt(hall.node.ctx.db, 'SELECT device_seq FROM journal WHERE device_id = ? ORDER BY device_seq').all(
      deviceId,
    ) as { device_seq: number }[]
  ).map((r) => r.device_seq);
}
