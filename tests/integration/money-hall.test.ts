import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { z } from 'zod';
import { stmt } from '../../db/projections/index.ts';
import { HallStation, ReceiptReply } from '../../shared/api/hall/money.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { ErrorReply } from '../../shared/api/schemas.ts';
import { HallZReport } from '../../shared/money/hallZReport.ts';
import { deviceCode } from '../../shared/money/receipt.ts';
import { ZReport } from '../../shared/money/zreport.ts';
import { addDays, dayBounds } from '../../shared/time/businessDay.ts';
import * as read from '../../db/read.ts';
import { expectError, expectProjectionsReplay, refusedUnchanged } from '../support/builders.ts';
import { it } from '../support/fixtures.ts';
import type { TestHall } from '../support/hall.ts';
import { parseReply } from '../support/http.ts';
import { COUNTING_ERROR } from '../support/money.ts';
import { drain } from '../support/sync.ts';
import { asBeforeMigration0022, migratedCopy } from '../support/handling.ts';

/**
 * Issue 11, "day close per clerk, then per hall": the hub closes the hall's day once every device that
 * took money has closed its own and that close has reached the hub; the hall Z-report sums theirs.
 */

const MANAGER = { staffNo: '9001', pin: '123456' };

const pay = async (hall: TestHall, token: string, body: unknown) => {
  const res = await hall.request('POST', '/receipts', { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(ReceiptReply, res);
};

/** A device's own day close by a duty manager signed in at `counterNo` (a station closes only there). */
const closeDevice = async (hall: TestHall, day: string, counterNo?: number) => {
  const token = await hall.login('9001', counterNo);
  const res = await hall.request('POST', `/days/${day}/close`, {
    token,
    body: { approver: MANAGER, reasonCode: COUNTING_ERROR },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(ZReport, res);
};

const hallClose = (hub: TestHall, token: string, day: string) =>
  hub.request('POST', `/hall-days/${day}/close`, { token, body: { approver: MANAGER } });

/** The hall close refused with `code`, changing nothing; its message, which names the devices. */
const refusedClose = async (hub: TestHall, token: string, day: string, code: string) => {
  let message = '';
  await refusedUnchanged(
    hub,
    async () => {
      const res = await hallClose(hub, token, day);
      message = parseReply(ErrorReply, res).error.message;
      return res;
    },
    409,
    code,
  );
  return message;
};

describe('the hall day close on the hub (issue 11, R-CASH-2)', () => {
  it('R-CASH-2: refused naming the station while its day is open or its close has not synced; then the hall Z-report sums the hub’s and the station’s; a second close is 409', async ({
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(2);
    const stationClerk = await station.login('1002', 2);
    const s1 = await pay(station, stationClerk, {
      lines: [{ feeCode: 'F02', qty: 1 }],
      payments: [{ method: 'cash', amountFen: 10_000 }],
    });
    await pay(station, stationClerk, {
      lines: [{ kind: 'bill', account: 'E-1002003', amountFen: 12_340 }],
      payments: [{ method: 'wechat', amountFen: 12_340, reference: 'WX-1' }],
    });
    const hubClerk = await hub.login('1001', 1);
    await pay(hub, hubClerk, {
      lines: [{ feeCode: 'F05', qty: 3 }],
      payments: [{ method: 'card', amountFen: 600, reference: 'POS-1' }],
    });
    const day = s1.day;
    await drain(station.node);

    const manager = await hub.login('9001');
    const stationCode = deviceCode(station.node.ctx.deviceId);
    const hubCode = deviceCode(hub.node.ctx.deviceId);
    const refusedNaming = async (named: string[], unnamed: string[]) => {
      const message = await refusedClose(hub, manager, day, 'E_HALL_DEVICES_OPEN');
      for (const code of named) expect(message).toContain(code);
      for (const code of unnamed) expect(message).not.toContain(code);
    };
    // Neither has closed: both are named.
    await refusedNaming([stationCode, hubCode], []);
    const hubReport = await closeDevice(hub, day);
    await refusedNaming([stationCode], [hubCode]);
    // The station closes, but its close has not reached the hub yet.
    const stationReport = await closeDevice(station, day, 2);
    await refusedNaming([stationCode], [hubCode]);
    await drain(station.node);

    // A clerk may not close the hall's day; a future day is not ended.
    await refusedUnchanged(hub, () => hallClose(hub, hubClerk, day), 403);
    await refusedUnchanged(hub, () => hallClose(hub, manager, addDays(day, 1)), 409, 'E_DAY_NOT_ENDED');
    expectError(
      await hub.request('GET', `/hall-days/${day}/z-report`, { token: manager }),
      409,
      'E_HALL_DAY_OPEN',
    );

    const res = await hallClose(hub, manager, day);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const report = parseReply(HallZReport, res);
    const both = [hubReport, stationReport];
    const total = (f: (r: ZReport) => number) => f(hubReport) + f(stationReport);
    expect(report).toMatchObject({
      day,
      count: 3,
      totalsFen: {
        // F02 is ¥50, paid with ¥100 and ¥50 given back: cash counts net of change.
        gross: 5_000 + 12_340 + 600,
        net: 5_000 + 12_340 + 600,
        byMethod: { cash: 5_000, wechat: 12_340, card: 600, alipay: 0, cheque: 0 },
        byFee: { F02: 5_000, BILL: 12_340, F05: 600 },
      },
      grandTotalFen: total((r) => r.grandTotalFen),
      voids: { count: 0, totalFen: 0, numbers: [] },
      overShortFen: total((r) => r.overShortFen),
      depositsFen: 0,
    });
    expect(report.totalsFen.byClerk).toEqual({
      ...hubReport.totalsFen.byClerk,
      ...stationReport.totalsFen.byClerk,
    });
    expect(report.devices.map((d) => [d.deviceCode, d.first, d.last, d.chainHash]).sort()).toEqual(
      both.map((r) => [r.deviceCode, r.first, r.last, r.chainHash]).sort(),
    );
    const written = stmt(hub.node.ctx.db, "SELECT count(*) AS n FROM journal WHERE type = 'hall_day.closed'");
    expect(written.get()).toEqual({ n: 1 });

    // Sealed: read back as written; closed once.
    expect(
      parseReply(HallZReport, await hub.request('GET', `/hall-days/${day}/z-report`, { token: manager })),
    ).toEqual(report);
    await refusedUnchanged(hub, () => hallClose(hub, manager, day), 409, 'E_HALL_DAY_CLOSED');
    expect(written.get()).toEqual({ n: 1 });

    // DESIGN-2: a hub database made before migration 0022 (hall closes read from the journal) keeps
    // its sealed close in the new table, as written, and rebuilds the same.
    await migratedCopy(hub, asBeforeMigration0022, (migrated) => {
      const kept = migrated.prepare('SELECT hub_id, day, report FROM hall_day_closes').all() as {
        report: string;
      }[];
      expect(kept).toEqual([{ hub_id: hub.node.ctx.deviceId, day, report: expect.any(String) }]);
      expect(HallZReport.parse(JSON.parse(kept[0]!.report))).toEqual(report);
      expectProjectionsReplay(migrated);
    });
  });

  const stationsOf = async (hub: TestHall, token: string, day: string) =>
    parseReply(z.array(HallStation), await hub.request('GET', `/hall-days/${day}/stations`, { token }));

  it('R-CASH-2: money a station took that never reached the hub holds the hall close, naming the station, until the station has synced and closed its day', async ({
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(2);
    const stationId = station.node.ctx.deviceId;
    const manager = await hub.login('9001');
    // The station takes money with its link to the hub down: the hub knows nothing of it.
    const paid = await pay(station, await station.login('1002', 2), {
      lines: [{ feeCode: 'F02', qty: 1 }],
      payments: [{ method: 'cash', amountFen: 10_000 }],
    });
    const day = paid.day;
    // Its last word (its pull when it was paired) came before it took the money, and before the day ended.
    expect(await stationsOf(hub, manager, day)).toEqual([
      expect.objectContaining({ deviceId: stationId, name: 'Counter 2', confirmed: false, dayClosed: false }),
    ]);
    // Before, the hub closed this day as a day without money; now it names the station.
    expect(await refusedClose(hub, manager, day, 'E_HALL_STATIONS_UNCONFIRMED')).toContain(
      deviceCode(stationId),
    );
    // A device that is not one of the hall's stations cannot be named as not counted.
    await refusedUnchanged(
      hub,
      () =>
        hub.request('POST', `/hall-days/${day}/close`, {
          token: manager,
          body: { approver: MANAGER, uncounted: [randomUUID()] },
        }),
      404,
      'E_NOT_FOUND',
    );
    // Back online: its receipt reaches the hub, which now waits for the station's own close.
    await drain(station.node);
    await refusedUnchanged(hub, () => hallClose(hub, manager, day), 409, 'E_HALL_DEVICES_OPEN');
    await closeDevice(station, day, 2);
    await drain(station.node);
    // Its close is here, and a closed day takes nothing more: confirmed, and counted.
    expect(await stationsOf(hub, manager, day)).toEqual([
      expect.objectContaining({ deviceId: stationId, confirmed: true, dayClosed: true }),
    ]);
    const res = await hallClose(hub, manager, day);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const report = parseReply(HallZReport, res);
    expect(report.totalsFen.net).toBe(5_000);
    expect(report.devices.map((d) => d.deviceCode)).toEqual([deviceCode(stationId)]);
    expect(report.uncounted).toBeUndefined();
  });

  it('R-CASH-2: a station that took no money is confirmed by a word it sent after the day ended; one out of contact is left out only on the approving manager’s word, and the hall Z-report lists it', async ({
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(2);
    const stationId = station.node.ctx.deviceId;
    const manager = await hub.login('9001');
    const paid = await pay(hub, await hub.login('1001', 1), {
      lines: [{ feeCode: 'F05', qty: 3 }],
      payments: [{ method: 'card', amountFen: 600, reference: 'POS-1' }],
    });
    const day = paid.day;
    await closeDevice(hub, day);
    // Everything pushed, then said so in its next pull: the hub holds all of it, but the day is not
    // over, so the station could still take money after this word.
    await drain(station.node);
    await pullOnce(station.node.ctx, 'hub');
    const [open] = await stationsOf(hub, manager, day);
    expect(open).toMatchObject({ deviceId: stationId, confirmed: false, dayClosed: false, pending: 0 });
    await refusedUnchanged(hub, () => hallClose(hub, manager, day), 409, 'E_HALL_STATIONS_UNCONFIRMED');
    // Its next word comes after the day's end (as a pull after midnight would): confirmed.
    const dayEnd = dayBounds(day, read.settings(hub.node.ctx.db).timeZone).to;
    const reportedAt = stmt(
      hub.node.ctx.db,
      'UPDATE local_station_reports SET reported_at = ? WHERE device_id = ?',
    );
    reportedAt.run(dayEnd + 1_000, stationId);
    expect(await stationsOf(hub, manager, day)).toEqual([
      expect.objectContaining({ deviceId: stationId, confirmed: true, dayClosed: false, pending: 0 }),
    ]);
    // Switched off before the day ended instead: the manager vouches that it took no money, and the
    // report says which station was left out and when it was last heard from.
    reportedAt.run(open!.lastHeardAt, stationId);
    const res = await hub.request('POST', `/hall-days/${day}/close`, {
      token: manager,
      body: { approver: MANAGER, uncounted: [stationId] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const report = parseReply(HallZReport, res);
    expect(report.uncounted).toEqual([
      { deviceCode: deviceCode(stationId), name: 'Counter 2', lastHeardAt: open!.lastHeardAt },
    ]);
    expect(report.totalsFen.net).toBe(600);
    expect(
      parseReply(HallZReport, await hub.request('GET', `/hall-days/${day}/z-report`, { token: manager })),
    ).toEqual(report);
  });
});
