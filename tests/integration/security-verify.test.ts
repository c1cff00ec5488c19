import { describe, expect } from 'vitest';
import * as read from '../../db/read.ts';
import { verifyJournal } from '../../db/verify.ts';
import { startDemoHall, type TestHall } from '../support/hall.ts';
import { test, type Stoppable } from '../support/fixtures.ts';
import { pushRaw, RowChain, withJournalGuardsLifted } from '../support/rows.ts';
import { PushReply } from '../../shared/sync/protocol.ts';
import { DeviceReply, Health } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

/** Issue 9, integrity beyond one node: `verify` checks every device and knows what it quarantined. */

/** A demo hub whose journal holds a paired counter station's rows, one of them quarantined. */
const it = test.extend(
  'hubWithStationRows',
  ({ later }) =>
    () =>
      hubWithStationRows(later),
);

async function hubWithStationRows(
  later: <T extends Stoppable>(x: T) => T,
): Promise<{ hub: TestHall; stationId: string }> {
  const hub = later(await startDemoHall());
  const db = hub.node.ctx.db;
  const manager = await hub.login('9001');
  const paired = await hub.request('POST', '/devices', {
    token: manager,
    body: { role: 'counter', name: 'Counter 6', counterNo: 6 },
  });
  const { deviceId, token } = parseReply(DeviceReply, paired);
  const clerk = read.staffByNo(db, '1006')!;
  const chain = new RowChain(deviceId, hub.node.ctx.hallId);
  const rows = [
    chain.next({
      type: 'counter.signed_in',
      payload: { counterNo: 6, staffId: clerk.id },
      recorded_by: clerk.id,
    }),
    // Quarantined by the origin rule: a station may not write the queue.
    chain.next({ type: 'counter.back', payload: { counterNo: 6 }, recorded_by: clerk.id }),
    chain.next({
      type: 'counter.signed_out',
      payload: { counterNo: 6, staffId: clerk.id },
      recorded_by: clerk.id,
    }),
  ];
  const res = await pushRaw(hub.url, token, { deviceId, rows });
  expect(parseReply(PushReply, res).rejected).toHaveLength(1);
  return { hub, stationId: deviceId };
}

describe('security: verify (issue 9)', () => {
  it('security: a sequence number the hub quarantined is known, not a gap: the whole journal verifies', async ({
    hubWithStationRows,
  }) => {
    const { hub, stationId } = await hubWithStationRows();
    const report = verifyJournal(hub.node.ctx.db);
    expect(report.breaks).toEqual([]);
    expect(report.devices.find((d) => d.deviceId === stationId)).toMatchObject({
      rows: 2,
      quarantined: 1,
      breaks: 0,
    });
  });

  it('security: verify reports a break in every device, not only the first', async ({
    hubWithStationRows,
  }) => {
    const { hub, stationId } = await hubWithStationRows();
    const db = hub.node.ctx.db;
    const hubId = hub.node.ctx.deviceId;
    withJournalGuardsLifted(db, () => {
      db.prepare(
        `UPDATE journal SET payload = json_set(payload, '$.name', 'forged') WHERE device_id = ? AND device_seq = 2`,
      ).run(hubId);
      db.prepare(
        `UPDATE journal SET payload = json_set(payload, '$.counterNo', 5) WHERE device_id = ? AND device_seq = 3`,
      ).run(stationId);
    });
    const report = verifyJournal(db);
    expect(report.breaks.map((b) => [b.device_id, b.device_seq])).toEqual(
      [
        [hubId, 2],
        [stationId, 3],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('security: a node started on a broken chain says so on /health (ok:false, E_CHAIN) in both languages', async ({
    demoHall,
    testHall,
  }) => {
    const hub = await demoHall();
    const { dataDir } = hub;
    const db = hub.node.ctx.db;
    await hub.node.chainChecked;
    expect((await hub.request('GET', '/health')).body).toMatchObject({ ok: true, problems: [] });
    const deviceId = hub.node.ctx.deviceId;
    withJournalGuardsLifted(db, () =>
      db
        .prepare(
          `UPDATE journal SET payload = json_set(payload, '$.name', 'forged') WHERE device_id = ? AND device_seq = 3`,
        )
        .run(deviceId),
    );
    await hub.node.close();
    const again = await testHall({ dataDir, demo: false });
    await again.node.chainChecked;
    const health = parseReply(
      Health,
      await again.request('GET', '/health', { headers: { 'accept-language': 'en' } }),
    );
    expect(health.ok).toBe(false);
    expect(health.problems).toEqual([
      expect.objectContaining({
        code: 'E_CHAIN',
        message: expect.stringMatching(new RegExp(`chain is broken.*${deviceId} seq 3`)) as unknown,
      }),
    ]);
    const zh = parseReply(Health, await again.request('GET', '/health'));
    expect(zh.problems[0]!.message).toMatch(/哈希链断裂/);
  });
});
