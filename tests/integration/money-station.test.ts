import { describe, expect } from 'vitest';
import { z } from 'zod';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { DeviceReply } from '../../shared/api/schemas.ts';
import { CashOverview, ReceiptReply } from '../../shared/api/hall/money.ts';
import type { EventPayload } from '../../shared/events/catalog.ts';
import { Fee } from '../../shared/money/fees.ts';
import { deviceCode } from '../../shared/money/receipt.ts';
import { addDays, businessDay } from '../../shared/time/businessDay.ts';
import { PushReply } from '../../shared/sync/protocol.ts';
import { it } from '../support/fixtures.ts';
import { expectError, journalMark } from '../support/builders.ts';
import type { TestHall } from '../support/hall.ts';
import { parseReply } from '../support/http.ts';
import { aReceiptRecorded, DUTY_MANAGER, feeInCash, paid, pay } from '../support/money.ts';
import { pushRaw, RowChain } from '../support/rows.ts';
import { drain, setUpstreamUrl } from '../support/sync.ts';

/**
 * Issue 11 at the hall's edges: a station takes money with its hub unreachable and the hub holds it
 * after the sync, a hostile station's money rows are quarantined by the origin rules, and the fee
 * schedule edited at head office is what the hall charges once pulled (R-FEE-1).
 */

/** Nothing listens there: a hub that cannot be reached. */
const UNREACHABLE = 'http://127.0.0.1:9';

const fees = async (hall: TestHall, token: string) =>
  parseReply(z.array(Fee), await hall.request('GET', '/fees', { token }));

describe('money on a station (issue 11, DESIGN §4)', () => {
  it('R-CASH-2, DESIGN-4: a station takes receipts, a void and a count with its hub unreachable; after the sync the hub holds them and lists its drawer', async ({
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(2);
    setUpstreamUrl(station.node, 'hub', UNREACHABLE);
    // The station signs its clerk in and countersigns the manager on its own (it holds the PIN hashes).
    const clerk = await station.login('1002', 2);
    expect(
      (await station.request('POST', '/drawer/open', { token: clerk, body: { floatFen: 20_000 } })).status,
    ).toBe(201);
    const taken = [];
    for (const body of [
      feeInCash('F02', 10_000),
      {
        lines: [{ kind: 'bill', account: 'E-1002003', amountFen: 12_340 }],
        payments: [
          { method: 'alipay', amountFen: 10_000, reference: 'ALI-778899' },
          { method: 'cash', amountFen: 5_000 },
        ],
      },
      {
        lines: [{ feeCode: 'F05', qty: 3 }],
        payments: [{ method: 'card', amountFen: 600, reference: 'POS-1' }],
      },
    ]) {
      const res = await pay(station, clerk, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      taken.push(parseReply(ReceiptReply, res));
    }
    const code = deviceCode(station.node.ctx.deviceId);
    expect(taken.map((r) => r.number)).toEqual([1, 2, 3].map((n) => `${code}-${String(n).padStart(6, '0')}`));
    const voided = await station.request('POST', `/receipts/${taken[2]!.id}/void`, {
      token: clerk,
      body: { reason: '重复收费', approver: DUTY_MANAGER },
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(201);
    // Float ¥200 + ¥50 (¥50 change given) + ¥23.40 (¥26.60 change) − nothing for the card receipt voided.
    const expectedFen = 20_000 + 5_000 + 2_340;
    const count = await station.request('POST', '/drawer/counts', {
      token: clerk,
      body: {
        kind: 'spot',
        counts: { '10000': 2, '5000': 1, '2000': 1, '100': 3, '10': 4 },
        witness: DUTY_MANAGER,
        clerkPin: '123456',
      },
    });
    expect(count.body).toMatchObject({ expectedFen, differenceFen: 0 });

    // Nothing reached the hub while it was unreachable.
    const sender = station.node.senders[0]!;
    expect(await sender.pushOnce().catch(() => false)).toBe(false);
    expect(sender.status().backlogRows).toBeGreaterThan(0);
    const hdb = hub.node.ctx.db;
    const stationReceipts = () =>
      stmt(hdb, 'SELECT number FROM receipts WHERE device_id = ? ORDER BY seq')
        .pluck()
        .all(station.node.ctx.deviceId);
    expect(stationReceipts()).toEqual([]);

    // The hub comes back: the station's rows go up and pass the origin rules.
    setUpstreamUrl(station.node, 'hub', hub.url);
    await drain(station.node);
    expect(sender.status().backlogRows).toBe(0);
    expect(stmt(hdb, 'SELECT count(*) AS n FROM local_quarantine').get()).toEqual({ n: 0 });
    expect(stationReceipts()).toEqual(taken.map((r) => r.number));
    const manager = await hub.login('9001');
    const cash = parseReply(CashOverview, await hub.request('GET', '/cash', { token: manager }));
    const drawer = cash.drawers.find((d) => d.deviceCode === code);
    expect(drawer).toMatchObject({
      counterNo: 2,
      staffId: read.staffByNo(hdb, '1002')!.id,
      floatFen: 20_000,
      expectedFen,
      receipts: 3,
      lastCount: { kind: 'spot', differenceFen: 0 },
    });
  });

  it('R-CASH-2, DESIGN-5: a hostile station’s receipts for another counter, by a clerk not signed in there, or naming someone else are quarantined by the hub, naming the origin rule', async ({
    demoHall,
  }) => {
    const hub = await demoHall();
    const db = hub.node.ctx.db;
    const manager = await hub.login('9001');
    const paired = await hub.request('POST', '/devices', {
      token: manager,
      body: { role: 'counter', name: 'Counter 6', counterNo: 6 },
    });
    const device = parseReply(DeviceReply, paired);
    const clerk = read.staffByNo(db, '1006')!.id;
    const other = read.staffByNo(db, '1001')!.id;
    const chain = new RowChain(device.deviceId, hub.node.ctx.hallId);
    let seq = 0;
    const receipt = (over: Partial<EventPayload<'receipt.recorded'>>, by: string) => {
      seq++;
      const payload = aReceiptRecorded(1_000, {
        receiptId: crypto.randomUUID(),
        seq,
        number: `ROGUE-${seq}`,
        day: '2026-01-05',
        counterNo: 6,
        staffId: clerk,
        drawerId: 'rogue-drawer',
        ...over,
      });
      return chain.next({ type: 'receipt.recorded', payload, recorded_by: by });
    };
    const rows = [
      chain.next({
        type: 'counter.signed_in',
        payload: { counterNo: 6, staffId: clerk },
        recorded_by: clerk,
      }), // 1
      receipt({ counterNo: 1 }, clerk), // 2: another counter's money
      receipt({ staffId: other }, other), // 3: signed by a clerk with no session on this station
      receipt({ staffId: other }, clerk), // 4: names someone else than its signer
      receipt({}, clerk), // 5: its own counter, its own clerk
    ];
    const before = journalMark(db);
    const res = await pushRaw(hub.url, device.token, { deviceId: device.deviceId, rows });
    expect(res.status).toBe(200);
    const reply = parseReply(PushReply, res);
    expect(reply.ackedSeq).toBe(5);
    expect(reply.rejected.map((r) => r.seq)).toEqual([2, 3, 4]);
    const reasons = reply.rejected.map((r) => r.reason);
    expect(reasons[0]).toMatch(/^origin rule .*only for its own counter 6/);
    expect(reasons[1]).toMatch(/^origin rule .*has no session on station/);
    expect(reasons[2]).toMatch(/^origin rule .*names staff .* but is signed by/);
    expect(journalMark(db).count).toBe(before.count + 2);
    // Only the honest receipt is in the hub's money; the rogue ones are held in quarantine, not dropped.
    expect(stmt(db, 'SELECT number FROM receipts WHERE device_id = ?').pluck().all(device.deviceId)).toEqual([
      'ROGUE-4',
    ]);
    expect(stmt(db, 'SELECT device_seq FROM local_quarantine ORDER BY device_seq').pluck().all()).toEqual([
      2, 3, 4,
    ]);
  });
});

describe('the fee schedule from head office (issue 11, R-FEE-1)', () => {
  it('R-FEE-1: a price edited in the console is charged once the hub pulls it, and relayed to its station; a future entry waits for its day; an item removed cannot be charged', async ({
    tho,
    pairedHubOnClock,
    pulledStation,
  }) => {
    const { hub, clock } = await pairedHubOnClock();
    const today = businessDay(clock.now(), 'Asia/Shanghai');
    const put = async (key: string, body: unknown) =>
      expect((await tho.request('PUT', `/ref/fee/${key}`, { body })).status).toBe(200);
    // F03 and F04 only: head office is this file's, and the station test charges F02 and F05.
    const card = { name: 'IC 卡补卡费', nameEn: 'Replacement prepaid card', unit: '张' };
    await put('F03', { ...card, amountFen: 1_500 });
    // A price rise from tomorrow: a later entry for the same code.
    await put('F03-next', { ...card, code: 'F03', amountFen: 1_800, validFrom: addDays(today, 1) });
    expect((await tho.request('DELETE', '/ref/fee/F04')).status).toBe(200);
    const clerk = await hub.login('1001', 1);
    expect((await fees(hub, clerk)).find((f) => f.code === 'F03')?.priceFen).toBe(1_000);

    await pullOnce(hub.node.ctx, 'headoffice');
    const pulled = await fees(hub, clerk);
    expect(pulled.find((f) => f.code === 'F03')).toMatchObject({ priceFen: 1_500, validFrom: null });
    expect(pulled.map((f) => f.code)).not.toContain('F04');
    expect(await paid(hub, clerk, feeInCash('F03', 5_000, 2))).toMatchObject({
      totalFen: 3_000,
      changeFen: 2_000,
    });
    // R-FEE-1 (also tests/integration/money.test.ts): an item not on the schedule is refused.
    expectError(await pay(hub, clerk, feeInCash('F04', 15_000)), 422, 'E_FEE_UNKNOWN');

    // The hub relays the schedule to its station.
    const station = await pulledStation(hub, 3);
    const atStation = await fees(station, await station.login('1003', 3));
    expect(atStation.find((f) => f.code === 'F03')?.priceFen).toBe(1_500);

    // Tomorrow the later entry is in force.
    clock.advance(24 * 3_600_000);
    const tomorrow = await fees(hub, await hub.login('1001', 1));
    expect(tomorrow.find((f) => f.code === 'F03')).toMatchObject({
      priceFen: 1_800,
      validFrom: addDays(today, 1),
    });
  });
});
