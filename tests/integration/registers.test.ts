import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { z } from 'zod';
import { stmt } from '../../db/projections/index.ts';
import { ToolList } from '../../shared/api/hall/registers.ts';
import {
  ArchiveView,
  MeetingView,
  ToolLoanView,
  VisitorReply,
  VisitorView,
} from '../../shared/registers/model.ts';
import { ManualClock } from '../../shared/runtime.ts';
import { it } from '../support/clocked.ts';
import { it as itWithHeadOffice } from '../support/fixtures.ts';
import {
  expectProjectionsReplay,
  hallAlerts,
  journalEvents,
  journalSentenceAlert,
  refusedUnchanged,
  shanghai,
} from '../support/builders.ts';
import { asBeforeMigration0018, migratedCopy } from '../support/handling.ts';
import { openAlerts } from '../../db/read.ts';
import type { TestHall } from '../support/hall.ts';
import { parseReply } from '../support/http.ts';
import {
  drain,
  eventually,
  expectPushedToHeadOffice,
  setUpstreamUrl,
  startStation,
} from '../support/sync.ts';
import { retainOnSchedule } from '../../hall/registers/retention.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import type { Health } from '../../shared/api/schemas.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const PHONE = '13812345678';

const visit = (hall: TestHall, token: string, body: unknown) =>
  hall.request('POST', '/visitors', { token, body });
async function visited(hall: TestHall, token: string, body: unknown) {
  const res = await visit(hall, token, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(VisitorReply, res);
}
const visitors = async (hall: TestHall, token: string) =>
  parseReply(z.array(VisitorView), await hall.request('GET', '/visitors', { token }));
const tools = async (hall: TestHall, token: string) =>
  parseReply(ToolList, await hall.request('GET', '/tools', { token }));
const retain = (hall: TestHall, token: string, recordType: string) =>
  hall.request('POST', '/retention/run', { token, body: { recordType } });
const count = (hall: TestHall, table: string) =>
  (stmt(hall.node.ctx.db, `SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the visitor register (R-VIS-1)', () => {
  it('R-VIS-1: a visitor above 37.3 °C is turned away, recorded, and the contact person alerted on the manager screen; the phone is masked', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk } = await aHallWithClerk();
    const manager = await staff.manager();
    expect(await visited(hall, clerk, { name: '张三', phone: PHONE, temperatureC: 36.6 })).toMatchObject({
      admitted: true,
    });
    // At the limit still admitted; above it turned away.
    expect((await visited(hall, clerk, { temperatureC: 37.3 })).admitted).toBe(true);
    const away = await visited(hall, clerk, { name: '李四', temperatureC: 38.04 });
    expect(away.admitted).toBe(false);
    const list = await visitors(hall, clerk);
    expect(list.map((v) => [v.name, v.phone, v.temperatureC, v.admitted])).toEqual([
      ['张三', '138****5678', 36.6, true],
      [null, null, 37.3, true],
      ['李四', null, 38, false],
    ]);
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'visitor_turned_away')).toEqual([
      expect.objectContaining({
        ref: away.id,
        counterNo: 1,
        facts: { temperatureC: 38, limitC: 37.3, contact: '值班主任' },
      }),
    ]);
    // The duty manager has seen it: off the list, and the timer does not raise it again.
    const alertId = (await hallAlerts(hall, manager)).find((a) => a.kind === 'visitor_turned_away')!.id;
    await refusedUnchanged(
      hall,
      () => hall.request('POST', `/alerts/${alertId}/acknowledge`, { token: clerk }),
      403,
    );
    expect((await hall.request('POST', `/alerts/${alertId}/acknowledge`, { token: manager })).status).toBe(
      200,
    );
    await hall.node.ctx.commits.run('raiseRecordAlerts');
    expect((await hallAlerts(hall, manager)).filter((a) => a.kind === 'visitor_turned_away')).toEqual([]);
    await refusedUnchanged(
      hall,
      () => hall.request('POST', `/alerts/${alertId}/acknowledge`, { token: manager }),
      404,
      'E_UNKNOWN_ALERT',
    );
    expectProjectionsReplay(hall.node.ctx.db);
  });

  it('R-VIS-1: the limit is a setting', async ({ aHall }) => {
    const { hall, staff } = await aHall();
    const manager = await staff.manager();
    const put = await hall.request('PUT', '/settings', {
      token: manager,
      body: { visitorTemperatureLimitC: 37.0 },
    });
    expect(put.status).toBe(200);
    expect((await visited(hall, manager, { temperatureC: 37.2 })).admitted).toBe(false);
  });

  it('R-VIS-1: a temperature out of a thermometer’s range, a missing temperature or a bad phone is refused and nothing changes', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk } = await aHallWithClerk();
    await refusedUnchanged(hall, () => visit(hall, clerk, { temperatureC: 29.9 }), 422, 'E_TEMPERATURE');
    await refusedUnchanged(hall, () => visit(hall, clerk, { temperatureC: 45.1 }), 422, 'E_TEMPERATURE');
    await refusedUnchanged(hall, () => visit(hall, clerk, { name: '王五' }), 400);
    await refusedUnchanged(hall, () => visit(hall, clerk, { temperatureC: '37' }), 400);
    await refusedUnchanged(hall, () => visit(hall, clerk, { temperatureC: 36.5, phone: 'call me' }), 400);
    await refusedUnchanged(hall, () => visit(hall, hall.kioskToken, { temperatureC: 36.5 }), 403);
  });

  itWithHeadOffice(
    'R-VIS-1: a station registers a visitor turned away with its hub unreachable; once synced the hub alerts the contact person',
    async ({ hubWithStation }) => {
      const { hub, station } = await hubWithStation(2);
      setUpstreamUrl(station.node, 'hub', 'http://127.0.0.1:9');
      const clerk = await station.login('1002', 2);
      const away = await visited(station, clerk, { temperatureC: 38.5 });
      expect(away.admitted).toBe(false);
      expect(count(station, 'alerts')).toBe(0);
      setUpstreamUrl(station.node, 'hub', hub.url);
      await drain(station.node);
      await hub.node.ctx.commits.run('raiseRecordAlerts');
      const manager = await hub.login('9001');
      expect((await hallAlerts(hub, manager)).map((a) => [a.kind, a.ref, a.counterNo])).toEqual([
        ['visitor_turned_away', away.id, 2],
      ]);
    },
  );
});

describe('the tool register (R-TOOL-1)', () => {
  it('R-TOOL-1: a tool lent, its due time passed, returned; the day-end count of tools out and overdue', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, clerk } = await aHallWithClerk();
    const lend = (body: unknown) => hall.request('POST', '/tools', { token: clerk, body });
    const now = clock.now();
    const ladder = parseReply(
      ToolLoanView,
      await lend({ tool: '绝缘梯', borrower: '1003', dueAt: now + 60 * MINUTE }),
    );
    const meter = parseReply(
      ToolLoanView,
      await lend({ tool: '钳形表', borrower: '外协 王工', dueAt: now + 5 * 60 * MINUTE }),
    );
    expect(ladder.lentByStaffNo).toBe('1001');
    expect((await tools(hall, clerk)).count).toEqual({ out: 2, overdue: 0 });
    clock.advance(61 * MINUTE);
    const list = await tools(hall, clerk);
    expect(list.count).toEqual({ out: 2, overdue: 1 });
    expect(list.loans.find((l) => l.id === ladder.id)?.overdue).toBe(true);
    const back = await hall.request('POST', `/tools/${ladder.id}/return`, { token: clerk });
    expect(back.status).toBe(200);
    expect(parseReply(ToolLoanView, back).returnedAt).toBe(clock.now());
    expect((await tools(hall, clerk)).count).toEqual({ out: 1, overdue: 0 });
    expect((await tools(hall, clerk)).loans.map((l) => [l.tool, l.returnedAt !== null])).toEqual([
      ['钳形表', false],
      ['绝缘梯', true],
    ]);
    await refusedUnchanged(
      hall,
      () => hall.request('POST', `/tools/${ladder.id}/return`, { token: clerk }),
      409,
      'E_TOOL_RETURNED',
    );
    await refusedUnchanged(
      hall,
      () => hall.request('POST', '/tools/nothing-lent/return', { token: clerk }),
      404,
      'E_UNKNOWN_LOAN',
    );
    await refusedUnchanged(hall, () => lend({ tool: '扳手', borrower: '1002', dueAt: now }), 400);
    await refusedUnchanged(hall, () => lend({ tool: '', borrower: '1002', dueAt: now + DAY }), 400);
    expect(meter.returnedAt).toBeNull();
  });
});

describe('meetings and training (R-ASSESS-4)', () => {
  it('R-ASSESS-4: a morning meeting and a training with test scores are recorded by a manager and listed; bad entries change nothing', async ({
    aHall,
  }) => {
    const { hall, staff } = await aHall();
    const manager = await staff.manager();
    const clerk = await staff.clerk(1);
    const record = (token: string, body: unknown) => hall.request('POST', '/meetings', { token, body });
    const morning = {
      kind: 'morning',
      day: '2026-11-25',
      minutes: 15,
      topics: '昨日投诉复盘；今日停电公告',
      attendees: ['1001', '1002'],
    };
    expect((await record(manager, morning)).status).toBe(201);
    const training = {
      ...morning,
      kind: 'training',
      minutes: 90,
      topics: '新版电价政策',
      scores: [
        { staffNo: '1001', score: 92 },
        { staffNo: '1002', score: 85.5 },
      ],
    };
    expect((await record(manager, training)).status).toBe(201);
    const list = parseReply(z.array(MeetingView), await hall.request('GET', '/meetings', { token: manager }));
    expect(list.map((m) => [m.kind, m.attendees.length, m.scores.length])).toEqual(
      expect.arrayContaining([
        ['morning', 2, 0],
        ['training', 2, 2],
      ]),
    );
    await refusedUnchanged(hall, () => record(clerk, morning), 403);
    await refusedUnchanged(
      hall,
      () => record(manager, { ...morning, attendees: ['1001', '7777'] }),
      404,
      'E_UNKNOWN_STAFF',
    );
    await refusedUnchanged(
      hall,
      () => record(manager, { ...training, scores: [{ staffNo: '1003', score: 70 }] }),
      400,
    );
    await refusedUnchanged(
      hall,
      () => record(manager, { ...training, scores: [{ staffNo: '1001', score: 101 }] }),
      400,
    );
    await refusedUnchanged(hall, () => record(manager, { ...morning, attendees: [] }), 400);
  });
});

describe('retention (R-REC-1)', () => {
  itWithHeadOffice(
    'R-REC-1: records past their retention go to an archive file with its SHA-256 and only then leave the node’s tables; the journal and head office keep them',
    async ({ pairedHubOnClock, tho }) => {
      const { hub, clock } = await pairedHubOnClock();
      const clerk = await hub.login('1001', 1);
      await visited(hub, clerk, { name: '张三', phone: PHONE, temperatureC: 36.6 });
      await visited(hub, clerk, { temperatureC: 38.2 });
      clock.advance(100 * DAY);
      await visited(hub, await hub.login('1001', 1), { temperatureC: 36.4 });
      // 181 days on: the first two are past the 180-day setting, the third is not.
      clock.advance(81 * DAY);
      // Sessions end long before that: the manager signs in again.
      const manager = await hub.login('9001');
      const res = await retain(hub, manager, 'visitors');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const archive = parseReply(ArchiveView, res);
      expect(archive.count).toBe(2);
      const file = path.join(hub.dataDir, archive.file);
      expect(existsSync(file)).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(createHash('sha256').update(text).digest('hex')).toBe(archive.sha256);
      const lines = text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines[0]).toMatchObject({ recordType: 'visitors', count: 2 });
      expect(lines.slice(1).map((l) => [l.name, l.phone, l.temperature_c])).toEqual([
        ['张三', '138****5678', 36.6],
        [null, null, 38.2],
      ]);
      // Removed from the tables, still in the journal; rebuild reproduces the same tables.
      expect(count(hub, 'visitors')).toBe(1);
      expect(journalEvents(hub.node.ctx.db, 'visitor.registered')).toHaveLength(3);
      expectProjectionsReplay(hub.node.ctx.db);
      expect(count(hub, 'visitors')).toBe(1);
      const listed = parseReply(
        z.array(ArchiveView),
        await hub.request('GET', '/retention/archives', { token: manager }),
      );
      expect(listed).toEqual([archive]);
      // Head office keeps its copy: its journal holds every row, the archived visitors too.
      await expectPushedToHeadOffice(tho, hub);
      // A clerk may not archive; an unknown record type is refused.
      const other = await hub.login('1002', 2);
      await refusedUnchanged(hub, () => retain(hub, other, 'visitors'), 403);
      await refusedUnchanged(hub, () => retain(hub, manager, 'receipts'), 400);
    },
  );

  it('R-REC-1: a tool still out and a handover not yet signed stay, whatever their age', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, clerk } = await aHallWithClerk();
    const lent = parseReply(
      ToolLoanView,
      await hall.request('POST', '/tools', {
        token: clerk,
        body: { tool: '梯子', borrower: '1002', dueAt: clock.now() + DAY },
      }),
    );
    expect(
      (
        await hall.request('POST', '/handovers', {
          token: clerk,
          body: { items: [{ kind: 'keys', text: '钥匙' }] },
        })
      ).status,
    ).toBe(201);
    clock.advance(4_000 * DAY);
    const manager = await hall.login('9001');
    for (const type of ['tools', 'handovers'])
      expect(parseReply(ArchiveView, await retain(hall, manager, type)).count, type).toBe(0);
    expect(count(hall, 'tool_loans')).toBe(1);
    expect(count(hall, 'handovers')).toBe(1);
    expect(
      (await hall.request('POST', `/tools/${lent.id}/return`, { token: await hall.login('1001', 1) })).status,
    ).toBe(200);
    clock.advance(366 * DAY);
    expect(parseReply(ArchiveView, await retain(hall, await hall.login('9001'), 'tools')).count).toBe(1);
    expect(count(hall, 'tool_loans')).toBe(0);
  });
});

/**
 * `hallAged181Days()`: a hall that registered one visitor and stopped 181 days ago; its data directory,
 * and `restart()`, which starts it again today with its timers running.
 */
const itAged = it.extend('hallAged181Days', ({ testHall, tempDir }) => async () => {
  const dir = tempDir();
  const clock = new ManualClock(shanghai('2026-11-25 10:00'));
  const first = await testHall({ dataDir: dir, clock });
  await visited(first, await first.login('1001', 1), { temperatureC: 36.6 });
  await first.stop();
  clock.advance(181 * DAY);
  return { dir, restart: () => testHall({ dataDir: dir, clock, timers: true }) };
});

describe('retention on a schedule (R-REC-1)', () => {
  const job = (hall: TestHall, name: string) => hall.node.scheduler.status().find((j) => j.name === name);

  itAged(
    'R-REC-1: the node archives and removes records past their retention by itself at start (and daily), as the manual path does',
    async ({ hallAged181Days }) => {
      const { dir, restart } = await hallAged181Days();
      const hall = await restart();
      await eventually(() => count(hall, 'archives') === 1, 'the retention job archived the visitor');
      expect(count(hall, 'visitors')).toBe(0);
      const [row] = journalEvents(hall.node.ctx.db, 'records.archived');
      // Signed by the node itself: nobody pressed anything.
      expect(row!.recorded_by).toBe(`device:${hall.node.ctx.deviceId}`);
      expect(row!.payload).toMatchObject({ recordType: 'visitors', count: 1 });
      const text = readFileSync(path.join(dir, row!.payload.file as string), 'utf8');
      expect(createHash('sha256').update(text).digest('hex')).toBe(row!.payload.sha256);
      await eventually(() => job(hall, 'retention')?.lastOkAt != null, 'the job reported success');
      const manager = await hall.login('9001');
      const [listed] = parseReply(
        z.array(ArchiveView),
        await hall.request('GET', '/retention/archives', { token: manager }),
      );
      expect(listed).toMatchObject({ recordType: 'visitors', count: 1, staffNo: '' });
      // Nothing more is past retention: the next run writes no empty archive.
      expect(await retainOnSchedule(hall.node.ctx)).toBe(0);
      expect(count(hall, 'archives')).toBe(1);
    },
  );

  itAged(
    'R-REC-1: when the archive file cannot be written the job removes nothing and /health names the failure',
    async ({ hallAged181Days }) => {
      const { dir, restart } = await hallAged181Days();
      // A file where the archive folder should be: the archive cannot be written.
      writeFileSync(path.join(dir, 'archive'), 'not a folder');
      const hall = await restart();
      await eventually(() => job(hall, 'retention')?.lastError != null, 'the retention job failed');
      expect(count(hall, 'visitors')).toBe(1);
      expect(count(hall, 'archives')).toBe(0);
      expect(journalEvents(hall.node.ctx.db, 'records.archived')).toHaveLength(0);
      const health = (await hall.request('GET', '/health')).body as z.infer<typeof Health>;
      expect(health.ok).toBe(false);
      expect(health.problems.find((p) => p.code === 'E_JOB')?.message).toContain('retention');
    },
  );

  it('R-REC-1: a station archives its own records on its schedule; its node-signed archive row passes the hub’s origin rule and leaves the hub’s copy alone', async ({
    demoHall,
    later,
  }) => {
    const hub = await demoHall();
    const clock = new ManualClock(Date.now());
    const station = later(await startStation(hub, 2, { sync: false, clock }));
    await pullOnce(station.node.ctx, 'hub');
    const visitor = await visited(station, await station.login('1002', 2), { temperatureC: 36.5 });
    await drain(station.node);
    clock.advance(181 * DAY);
    expect(await retainOnSchedule(station.node.ctx)).toBe(1);
    expect(count(station, 'visitors')).toBe(0);
    await drain(station.node);
    expect(count(hub, 'local_quarantine')).toBe(0);
    expect(
      journalEvents(hub.node.ctx.db, 'records.archived').map((r) => [r.device_id, r.recorded_by]),
    ).toEqual([[station.node.ctx.deviceId, `device:${station.node.ctx.deviceId}`]]);
    expect(stmt(hub.node.ctx.db, 'SELECT id FROM visitors').all()).toEqual([{ id: visitor.id }]);
  });

  it('R-REC-1: the retention job is scheduled on a station as on the hub; the hub’s hall jobs are not', async ({
    demoHall,
    later,
  }) => {
    const hub = await demoHall();
    const station = later(await startStation(hub, 3, { sync: false, timers: true }));
    const names = station.node.scheduler.status().map((j) => j.name);
    expect(names).toContain('retention');
    expect(names).not.toContain('checklist-missed');
  });
});

describe('migration 0018 (issue 13)', () => {
  it('DESIGN-2: a database made before migration 0018 gains the handover book and registers, its alerts kept as they were', async ({
    aHall,
  }) => {
    const { hall } = await aHall();
    journalSentenceAlert(hall, 1, '1 号窗口暂离已 20 分钟（上限 15 分钟）：会议');
    await migratedCopy(hall, asBeforeMigration0018, (migrated) => {
      expect(openAlerts(migrated)).toEqual([
        expect.objectContaining({ id: 'old-alert-1', ref: null, facts: null }),
      ]);
      for (const table of ['handovers', 'handover_items', 'visitors', 'tool_loans', 'meetings', 'archives'])
        expect(migrated.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
      expectProjectionsReplay(migrated);
    });
  });
});
