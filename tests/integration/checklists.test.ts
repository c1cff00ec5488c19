import { describe, expect } from 'vitest';
import { z } from 'zod';
import type { TestHall } from '../support/hall.ts';
import { it } from '../support/clocked.ts';
import { it as itWithStation } from '../support/fixtures.ts';
import { drain, setUpstreamUrl, startStation } from '../support/sync.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { ManualClock } from '../../shared/runtime.ts';
import { expectError, expectProjectionsReplay, refusedUnchanged, shanghai } from '../support/builders.ts';
import { parseReply } from '../support/http.ts';
import { asBeforeMigration0020, migratedCopy } from '../support/handling.ts';
import { CompleteReply, DueView, Followup, HistoryRow, PhotoReply } from '../../shared/checklists/model.ts';
import { TemplateView } from '../../shared/api/hall/checklists.ts';

const HOUR = 3_600_000;
const DAY = '2026-11-25';
const OPENING = `opening@${DAY}`;

const due = async (hall: TestHall, token: string, query = '') =>
  parseReply(z.array(DueView), await hall.request('GET', `/checklists/due${query}`, { token }));
const complete = (hall: TestHall, token: string, id: string, items: unknown) =>
  hall.request('POST', `/checklists/${id}/complete`, { token, body: { items } });
const completed = async (hall: TestHall, token: string, id: string, items: unknown) => {
  const res = await complete(hall, token, id, items);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(CompleteReply, res);
};

const pass = (...codes: string[]) => codes.map((code) => ({ code, result: 'pass' }));
const OPENING_ITEMS = ['furniture', 'ac', 'pcs', 'register', 'printers', 'kiosk', 'leaflets', 'fees'];
const DISINFECTION = [
  ...pass('counter_tops', 'chairs', 'appliances', 'kiosk', 'topup', 'work_area'),
  { code: 'agent', result: 'pass', value: '84 消毒液' },
];

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('checklists (issue 13)', () => {
  it('R-OPEN-1, R-OPEN-2: the opening check (leaflets and published fees among its items) is due at the counter; a failed item opens a fault follow-up the manager resolves', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk(`${DAY} 07:00`);
    const mine = await due(hall, c1);
    const opening = mine.find((d) => d.occurrenceId === OPENING)!;
    expect(opening).toMatchObject({ status: 'due', opening: true, rule: 'R-OPEN-1' });
    expect(opening.items.map((i) => i.code)).toEqual([...OPENING_ITEMS, 'photo']);
    // R-OPEN-2: leaflets stocked and current, fees and processes on display, checked every morning.
    expect(opening.items.filter((i) => i.code === 'leaflets' || i.code === 'fees')).toHaveLength(2);
    // The fire check is the manager's: not on the counter's list (and not due today, the 25th).
    expect(mine.some((d) => d.templateCode === 'fire' || d.templateCode === 'drill')).toBe(false);

    const items = [
      ...pass(...OPENING_ITEMS.filter((c) => c !== 'ac')),
      { code: 'ac', result: 'fail', note: '2 号空调不制冷' },
    ];
    const reply = await completed(hall, c1, OPENING, items);
    expect(reply).toMatchObject({ status: 'done', failed: ['ac'] });
    expect(reply.followups).toHaveLength(1);

    const manager = await staff.manager();
    const open = parseReply(
      z.array(Followup),
      await hall.request('GET', '/checklists/followups', { token: manager }),
    );
    expect(open).toEqual([
      expect.objectContaining({
        id: reply.followups[0],
        itemCode: 'ac',
        note: '2 号空调不制冷',
        openedBy: '1001',
        resolvedAt: null,
      }),
    ]);
    // A clerk may not resolve it; the manager does, saying how.
    const resolve = (token: string, note: string) =>
      hall.request('POST', `/checklists/followups/${reply.followups[0]}/resolve`, { token, body: { note } });
    await refusedUnchanged(hall, () => resolve(c1, 'x'), 403, 'E_FORBIDDEN');
    const res = await resolve(manager, '已报修，维修单 W-1125');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(parseReply(z.array(Followup), res)[0]).toMatchObject({
      resolvedBy: '9001',
      resolution: '已报修，维修单 W-1125',
    });
    await refusedUnchanged(hall, () => resolve(manager, 'again'), 409, 'E_FOLLOWUP_RESOLVED');

    // Done once: a second completion is refused (a completed checklist is never edited).
    await refusedUnchanged(
      hall,
      () => complete(hall, c1, OPENING, pass(...OPENING_ITEMS)),
      409,
      'E_CHECKLIST_DONE',
    );
    expect((await due(hall, c1)).find((d) => d.occurrenceId === OPENING)).toMatchObject({
      status: 'done',
      completedBy: '1001',
    });
  });

  it('R-DIS-1, R-HLTH-1: bad items are refused with a reason and change nothing; a reading outside its limits fails the item', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk: c1 } = await aHallWithClerk(`${DAY} 08:30`);
    const id = `disinfection@${DAY}`;
    // A required item left out; a text item with no text; an item the template does not have; a value on pass/fail.
    await refusedUnchanged(
      hall,
      () => complete(hall, c1, id, DISINFECTION.slice(1)),
      422,
      'E_CHECKLIST_ITEMS',
    );
    await refusedUnchanged(
      hall,
      () => complete(hall, c1, id, [...DISINFECTION.slice(0, 6), { code: 'agent', result: 'pass' }]),
      422,
      'E_CHECKLIST_ITEMS',
    );
    await refusedUnchanged(
      hall,
      () => complete(hall, c1, id, [...DISINFECTION, { code: 'nope', result: 'pass' }]),
      422,
      'E_CHECKLIST_ITEMS',
    );
    await refusedUnchanged(
      hall,
      () =>
        complete(hall, c1, id, [
          ...DISINFECTION.slice(1),
          { code: 'counter_tops', result: 'pass', value: 3 },
        ]),
      422,
      'E_CHECKLIST_ITEMS',
    );
    await refusedUnchanged(hall, () => complete(hall, c1, id, [{ code: 'chairs', result: 'maybe' }]), 400);
    await refusedUnchanged(
      hall,
      () => complete(hall, c1, `disinfection@2026-13-01`, DISINFECTION),
      404,
      'E_UNKNOWN_CHECKLIST',
    );
    await refusedUnchanged(
      hall,
      () => complete(hall, c1, `nothing@${DAY}`, DISINFECTION),
      404,
      'E_UNKNOWN_CHECKLIST',
    );
    await completed(hall, c1, id, DISINFECTION);

    // R-HLTH-1: a temperature must be a number; 38.2 °C is outside 35–37.3 and fails whatever was pressed.
    const health = `health@${DAY}`;
    await refusedUnchanged(
      hall,
      () =>
        complete(hall, c1, health, [
          { code: 'temperature', result: 'pass', value: '三十八' },
          ...pass('symptoms'),
        ]),
      422,
      'E_CHECKLIST_ITEMS',
    );
    const r = await completed(hall, c1, health, [
      { code: 'temperature', result: 'pass', value: 38.2 },
      ...pass('symptoms'),
    ]);
    expect(r.failed).toEqual(['temperature']);
    expect(r.followups).toHaveLength(1);
  });

  it('R-OPEN-1: a missed window is recorded once and for ever; a late completion is late, never on time', async ({
    aHallWithClerk,
  }) => {
    const { hall, clock, clerk: c1 } = await aHallWithClerk(`${DAY} 07:00`);
    clock.advance(2 * HOUR);
    const ctx = hall.node.ctx;
    const missedRows = () =>
      ctx.db.prepare('SELECT occurrence_id FROM checklist_missed ORDER BY 1').pluck().all() as string[];
    // 09:00: the opening check (due 08:00) and the health record (due 09:00) were missed; the job
    // (which may also run by itself meanwhile) records each once.
    await ctx.commits.run('markMissed');
    expect(missedRows()).toEqual([`health@${DAY}`, OPENING]);
    expect((await ctx.commits.run('markMissed')).value).toBe(0);
    expect((await due(hall, c1)).find((d) => d.occurrenceId === OPENING)).toMatchObject({
      status: 'overdue',
      missed: true,
    });
    const r = await completed(hall, c1, OPENING, pass(...OPENING_ITEMS));
    expect(r.status).toBe('late');
    expect((await due(hall, c1)).find((d) => d.occurrenceId === OPENING)).toMatchObject({
      status: 'late',
      missed: true,
    });
    expect(missedRows()).toEqual([`health@${DAY}`, OPENING]);
    // The projections rebuild from the journal to the same state.
    expectProjectionsReplay(ctx.db);
  });

  it('R-DIS-1: a completed checklist is corrected by an amendment with a reason; the history per item and its CSV show both', async ({
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk(`${DAY} 09:00`);
    const id = `disinfection@${DAY}`;
    await completed(hall, c1, id, DISINFECTION);
    const amend = (body: unknown) =>
      hall.request('POST', `/checklists/${id}/amendments`, { token: c1, body });
    await refusedUnchanged(hall, () => amend({ items: [{ code: 'chairs', result: 'fail' }] }), 400);
    await refusedUnchanged(
      hall,
      () => amend({ reason: '  ', items: [{ code: 'chairs', result: 'fail' }] }),
      400,
    );
    await refusedUnchanged(
      hall,
      () =>
        hall.request('POST', `/checklists/health@${DAY}/amendments`, {
          token: c1,
          body: { reason: 'x', items: pass('symptoms') },
        }),
      409,
      'E_CHECKLIST_NOT_DONE',
    );
    const res = await amend({
      reason: '3 号座椅漏擦，已补做',
      items: [{ code: 'chairs', result: 'fail', note: '漏擦' }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(parseReply(CompleteReply, res).failed).toEqual(['chairs']);

    const manager = await staff.manager();
    const rows = parseReply(
      z.array(HistoryRow),
      await hall.request('GET', '/checklists/history?template=disinfection&item=chairs', { token: manager }),
    );
    expect(rows.map((r) => [r.result, r.amended])).toEqual([
      ['pass', false],
      ['fail', true],
    ]);
    expectError(await hall.request('GET', '/checklists/history', { token: c1 }), 403, 'E_FORBIDDEN');
    const csv = await fetch(`${hall.url}/api/v1/checklists/history.csv?template=disinfection`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('day,template,status');
    expect(text).toContain(`${DAY},disinfection,done`);
    expect(text).toContain('漏擦');
  });

  it('R-DRILL-1: a countersign needs a manager’s PIN, and not of who did it', async ({
    aHall,
    aHallWithClerk,
  }) => {
    const { hall, staff, clerk: c1 } = await aHallWithClerk(`${DAY} 09:00`);
    const id = `disinfection@${DAY}`;
    const sign = (approver: unknown) =>
      hall.request('POST', `/checklists/${id}/countersign`, { token: c1, body: { approver } });
    await refusedUnchanged(hall, () => sign({ staffNo: '9001', pin: '123456' }), 409, 'E_CHECKLIST_NOT_DONE');
    await completed(hall, c1, id, DISINFECTION);
    await refusedUnchanged(hall, () => sign({ staffNo: '1002', pin: '123456' }), 403, 'E_APPROVER');
    await refusedUnchanged(hall, () => sign({ staffNo: '9001', pin: '000000' }), 401, 'E_BAD_CREDENTIALS');
    const res = await sign({ staffNo: '9001', pin: '123456' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(parseReply(DueView, res).countersignedBy).toBe('9001');

    // The manager's own drill (15 Dec): they cannot countersign it themselves.
    const manager = await staff.manager();
    const { hall: h2, staff: s2 } = await aHall('2026-12-15 10:00');
    const m2 = await s2.manager();
    await completed(h2, m2, 'drill@2026-12-15', [
      { code: 'kind', result: 'pass', value: '消防' },
      { code: 'people', result: 'pass', value: 6 },
      ...pass('done'),
    ]);
    await refusedUnchanged(
      h2,
      () =>
        h2.request('POST', '/checklists/drill@2026-12-15/countersign', {
          token: m2,
          body: { approver: { staffNo: '9001', pin: '123456' } },
        }),
      403,
      'E_APPROVER',
    );
    expect(manager).toBeTruthy();
  });

  it('issue 13: a photo must be an image within the size limit; it is stored with its SHA-256 and an item refers to it', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk: c1 } = await aHallWithClerk(`${DAY} 07:00`);
    const upload = (data: Buffer) =>
      hall.request('POST', '/checklists/photos', {
        token: c1,
        body: { dataBase64: data.toString('base64') },
      });
    await refusedUnchanged(
      hall,
      () => upload(Buffer.from('%PDF-1.7 not a photo at all')),
      415,
      'E_NOT_AN_IMAGE',
    );
    await refusedUnchanged(
      hall,
      () => upload(Buffer.concat([PNG, Buffer.alloc(170 * 1024)])),
      413,
      'E_PHOTO_TOO_LARGE',
    );
    const res = await upload(PNG);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const photo = parseReply(PhotoReply, res);
    expect(photo).toMatchObject({ mime: 'image/png', bytes: PNG.length });
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    // An item naming a photo never uploaded is refused.
    await refusedUnchanged(
      hall,
      () =>
        complete(hall, c1, OPENING, [
          ...pass(...OPENING_ITEMS),
          { code: 'photo', result: 'pass', photoSha256: 'b'.repeat(64) },
        ]),
      422,
      'E_CHECKLIST_ITEMS',
    );
    await completed(hall, c1, OPENING, [
      ...pass(...OPENING_ITEMS),
      { code: 'photo', result: 'pass', photoSha256: photo.sha256 },
    ]);
  });

  it('R-OPEN-1, R-CLOSE-1: the hall opens only with the opening check done or a manager’s logged override; it closes only with two staff or an override', async ({
    aHall,
  }) => {
    const { hall, staff } = await aHall(`${DAY} 07:10`);
    const manager = await staff.manager();
    const ctx = hall.node.ctx;
    const overrides = () => ctx.db.prepare('SELECT action, rule, reason FROM hall_overrides').all();
    // Only the manager signed in: closing is refused (严禁一人在岗), then allowed by an override with a reason.
    await refusedUnchanged(
      hall,
      () => hall.request('POST', '/hall/close', { token: manager }),
      409,
      'E_TWO_STAFF',
    );
    await refusedUnchanged(
      hall,
      () => hall.request('POST', '/hall/close', { token: manager, body: { override: { reason: '' } } }),
      400,
    );
    const closed = await hall.request('POST', '/hall/close', {
      token: manager,
      body: { override: { reason: '仅演示' } },
    });
    expect(closed.body).toMatchObject({ open: false });
    expect(overrides()).toEqual([{ action: 'close', rule: 'R-CLOSE-1', reason: '仅演示' }]);

    // The opening check is not done: opening is refused until it is.
    await refusedUnchanged(
      hall,
      () => hall.request('POST', '/hall/open', { token: manager }),
      409,
      'E_OPENING_CHECK',
    );
    const c1 = await staff.clerk(1);
    await completed(hall, c1, OPENING, pass(...OPENING_ITEMS));
    expect((await hall.request('POST', '/hall/open', { token: manager })).body).toMatchObject({ open: true });
    expect(overrides()).toHaveLength(1);

    // With the clerk at counter 1 and the manager there are two: closing needs no override.
    expect((await hall.request('POST', '/hall/close', { token: manager })).body).toMatchObject({
      open: false,
    });
  });

  it('R-OPEN-1: a manager overrides a missing opening check with a reason, and the override is logged', async ({
    aHall,
  }) => {
    const { hall, staff } = await aHall(`${DAY} 07:10`);
    const manager = await staff.manager();
    await staff.clerk(1);
    await hall.request('POST', '/hall/close', { token: manager });
    const res = await hall.request('POST', '/hall/open', {
      token: manager,
      body: { override: { reason: '停电后恢复，检查稍后补做' } },
    });
    expect(res.body).toMatchObject({ open: true });
    const rows = hall.node.ctx.db
      .prepare("SELECT payload FROM journal WHERE type = 'hall.overridden'")
      .all() as { payload: string }[];
    expect(rows.map((r) => JSON.parse(r.payload))).toEqual([
      expect.objectContaining({ action: 'open', rule: 'R-OPEN-1', reason: '停电后恢复，检查稍后补做' }),
    ]);
  });

  it('issue 13: a hall adds its own template (journaled); head office’s stay head office’s', async ({
    aHall,
  }) => {
    const { hall, staff } = await aHall(`${DAY} 09:00`);
    const manager = await staff.manager();
    const c1 = await staff.clerk(1);
    const body = {
      name: '饮水机检查',
      recurrence: 'FREQ=WEEKLY;BYDAY=WE',
      startTime: '08:00',
      dueTime: '17:00',
      items: [{ code: 'water', label: '饮水机水量充足', kind: 'pass_fail' }],
    };
    const put = (code: string, token: string, template: unknown) =>
      hall.request('PUT', `/checklists/templates/${code}`, { token, body: template });
    await refusedUnchanged(hall, () => put('water', c1, body), 403, 'E_FORBIDDEN');
    await refusedUnchanged(hall, () => put('opening', manager, body), 409, 'E_TEMPLATE_FROM_HO');
    await refusedUnchanged(hall, () => put('water', manager, { ...body, recurrence: 'EVERY DAY' }), 400);
    await refusedUnchanged(hall, () => put('water', manager, { ...body, dueTime: '07:00' }), 400);
    const res = await put('water', manager, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(parseReply(TemplateView, res)).toMatchObject({ code: 'water', source: 'hall', lateAllowed: true });
    // 25 Nov 2026 is a Wednesday: it is due today at the counter.
    expect((await due(hall, c1)).find((d) => d.templateCode === 'water')).toMatchObject({
      status: 'due',
      day: DAY,
    });
  });
});

/** A demo hub and its counter stations on one manual clock at `at` hall time, each having pulled once. */
const withStations = itWithStation.extend(
  'hallWithStations',
  ({ demoHall, later }) =>
    async (at: string, ...counters: number[]) => {
      const clock = new ManualClock(shanghai(at));
      const hub = await demoHall({ clock });
      const stations: TestHall[] = [];
      for (const no of counters) {
        const station = later(await startStation(hub, no, { sync: false, clock }));
        await pullOnce(station.node.ctx, 'hub');
        stations.push(station);
      }
      return { hub, stations, clock };
    },
);
const HUB_DOWN = 'http://127.0.0.1:9';
const quarantined = (hall: TestHall) =>
  (hall.node.ctx.db.prepare('SELECT count(*) AS n FROM local_quarantine').get() as { n: number }).n;
const missedOn = (hall: TestHall) =>
  hall.node.ctx.db.prepare('SELECT occurrence_id FROM checklist_missed ORDER BY 1').pluck().all() as string[];

describe('checklists on a station, local-first (issue 13, DESIGN §4)', () => {
  withStations(
    'R-OPEN-1, R-DIS-1: with the hub down a station records the opening check (a failed item, a photo) and a late disinfection in its own journal; once synced the manager sees them done and late, the fault follow-up and the photo, and an on-time completion is not missed',
    async ({ hallWithStations }) => {
      const { hub, stations, clock } = await hallWithStations(`${DAY} 07:00`, 2);
      const station = stations[0]!;
      const hubUrl = hub.url;
      setUpstreamUrl(station.node, 'hub', HUB_DOWN);
      const clerk = await station.login('1002', 2);
      // Its templates are the reference data it pulled; the hub is not asked.
      const before = await due(station, clerk);
      expect(before.find((d) => d.occurrenceId === OPENING)).toMatchObject({ status: 'due' });
      // A photo near the size limit: its row must still travel to the hub (row bounds).
      const big = Buffer.concat([PNG, Buffer.alloc(150 * 1024, 7)]);
      const up = await station.request('POST', '/checklists/photos', {
        token: clerk,
        body: { dataBase64: big.toString('base64') },
      });
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      const photo = parseReply(PhotoReply, up);
      const done = await completed(station, clerk, OPENING, [
        ...pass(...OPENING_ITEMS.filter((c) => c !== 'ac')),
        { code: 'ac', result: 'fail', note: '空调不制冷' },
        { code: 'photo', result: 'pass', photoSha256: photo.sha256 },
      ]);
      expect(done).toMatchObject({ status: 'done', failed: ['ac'] });
      expect((await due(station, clerk)).find((d) => d.occurrenceId === OPENING)).toMatchObject({
        status: 'done',
        completedBy: '1002',
      });
      // 12:30: the hub, which knows nothing yet, marks the morning's windows missed.
      clock.advance(5.5 * HOUR);
      await hub.node.ctx.commits.run('markMissed');
      expect(missedOn(hub)).toEqual([`disinfection@${DAY}`, `health@${DAY}`, OPENING]);
      const late = await completed(station, clerk, `disinfection@${DAY}`, DISINFECTION);
      expect(late.status).toBe('late');
      expect(hub.node.ctx.db.prepare('SELECT count(*) AS n FROM checklist_records').get()).toEqual({ n: 0 });

      setUpstreamUrl(station.node, 'hub', hubUrl);
      await drain(station.node);
      expect(quarantined(hub)).toBe(0);
      const manager = await hub.login('9001');
      const all = await due(hub, manager, '?scope=all');
      // On time is on time however late it syncs; late stays late and missed for ever.
      expect(all.find((d) => d.occurrenceId === OPENING)).toMatchObject({
        status: 'done',
        missed: false,
        completedBy: '1002',
      });
      expect(all.find((d) => d.occurrenceId === `disinfection@${DAY}`)).toMatchObject({
        status: 'late',
        missed: true,
      });
      expect(missedOn(hub)).toEqual([`disinfection@${DAY}`, `health@${DAY}`]);
      const followups = parseReply(
        z.array(Followup),
        await hub.request('GET', '/checklists/followups', { token: manager }),
      );
      expect(followups).toEqual([
        expect.objectContaining({ itemCode: 'ac', openedBy: '1002', resolvedAt: null }),
      ]);
      expect(
        hub.node.ctx.db.prepare('SELECT bytes FROM checklist_photos WHERE sha256 = ?').get(photo.sha256),
      ).toEqual({ bytes: big.length });
      // The hall opens on the station's opening check, with no override.
      expect((await hub.request('POST', '/hall/open', { token: manager })).body).toMatchObject({
        open: true,
      });
      // The station's counter now sees the hub's view laid over its own.
      expect((await due(station, clerk)).find((d) => d.occurrenceId === `health@${DAY}`)).toMatchObject({
        missed: true,
      });
      expectProjectionsReplay(hub.node.ctx.db);
    },
  );

  withStations(
    'R-DIS-1: two counters offline complete the same disinfection: the first by completion time stands on every node whatever order they sync in; the other is kept and shown, with its follow-up',
    async ({ hallWithStations }) => {
      const { hub, stations, clock } = await hallWithStations(`${DAY} 07:00`, 2, 3);
      const [two, three] = stations as [TestHall, TestHall];
      for (const s of stations) setUpstreamUrl(s.node, 'hub', HUB_DOWN);
      const id = `disinfection@${DAY}`;
      const failing = (code: string) =>
        DISINFECTION.map((i) => (i.code === code ? { code, result: 'fail', note: `${code} 未消毒` } : i));
      clock.advance(10 * 60_000);
      await completed(three, await three.login('1003', 3), id, failing('chairs'));
      clock.advance(10 * 60_000);
      const c2 = await two.login('1002', 2);
      await completed(two, c2, id, failing('kiosk'));
      // The later one reaches the hub first.
      for (const s of [two, three]) {
        setUpstreamUrl(s.node, 'hub', hub.url);
        await drain(s.node);
      }
      expect(quarantined(hub)).toBe(0);
      const manager = await hub.login('9001');
      const row = (await due(hub, manager, '?scope=all')).find((d) => d.occurrenceId === id)!;
      expect(row).toMatchObject({
        status: 'done',
        completedBy: '1003',
        completedAt: shanghai(`${DAY} 07:10`),
      });
      expect(row.alsoCompletedBy).toEqual([
        { staffNo: '1002', completedAt: shanghai(`${DAY} 07:20`), late: false },
      ]);
      const history = parseReply(
        z.array(HistoryRow),
        await hub.request('GET', `/checklists/history?template=disinfection&item=chairs`, { token: manager }),
      );
      expect(history.map((h) => [h.staffNo, h.result, h.duplicate])).toEqual([
        ['1003', 'fail', false],
        ['1002', 'pass', true],
      ]);
      const followups = parseReply(
        z.array(Followup),
        await hub.request('GET', '/checklists/followups', { token: manager }),
      );
      expect(followups.map((f) => [f.itemCode, f.openedBy])).toEqual([
        ['chairs', '1003'],
        ['kiosk', '1002'],
      ]);
      // Counter 2 sees counter 3's completion standing, its own beside it.
      const seen = (await due(two, c2)).find((d) => d.occurrenceId === id)!;
      expect([seen.completedBy, seen.alsoCompletedBy.map((a) => a.staffNo)]).toEqual(['1003', ['1002']]);
      expectProjectionsReplay(hub.node.ctx.db);
    },
  );

  withStations(
    'R-OPEN-1: with the hub reachable a station refuses to complete or amend a checklist another node already completed (409, nothing written) and shows who did it',
    async ({ hallWithStations }) => {
      const { hub, stations } = await hallWithStations(`${DAY} 07:30`, 2);
      const station = stations[0]!;
      await completed(hub, await hub.login('1001', 1), OPENING, pass(...OPENING_ITEMS));
      const clerk = await station.login('1002', 2);
      expect((await due(station, clerk)).find((d) => d.occurrenceId === OPENING)).toMatchObject({
        status: 'done',
        completedBy: '1001',
      });
      await refusedUnchanged(
        station,
        () => complete(station, clerk, OPENING, pass(...OPENING_ITEMS)),
        409,
        'E_CHECKLIST_DONE',
      );
      // Nor does it amend a completion it does not hold: that is corrected where it was done.
      await refusedUnchanged(
        station,
        () =>
          station.request('POST', `/checklists/${OPENING}/amendments`, {
            token: clerk,
            body: { reason: '补记', items: pass('ac') },
          }),
        409,
        'E_CHECKLIST_ELSEWHERE',
      );
      // The manager's side stays on the hub: a station forwards it, with its clerk vouched for as a clerk.
      expectError(
        await station.request('POST', '/checklists/followups/none/resolve', {
          token: clerk,
          body: { note: 'x' },
        }),
        403,
        'E_FORBIDDEN',
      );
    },
  );

  withStations(
    'issue 13: the station’s checklist routes refuse a foreign device and a screen token, and change nothing',
    async ({ hallWithStations }) => {
      const { hub, stations } = await hallWithStations(`${DAY} 07:30`, 2);
      const station = stations[0]!;
      const clerk = await station.login('1002', 2);
      const screen = await station.request('POST', '/counters/2/screens', {
        token: clerk,
        body: { kind: 'pad' },
      });
      expect(screen.status, JSON.stringify(screen.body)).toBe(201);
      const paired = await station.request('POST', '/screens/pair', {
        body: { code: (screen.body as { code: string }).code },
      });
      const padToken = (paired.body as { token: string }).token;
      expect(padToken).toEqual(expect.any(String));
      const tries = (token: string) => [
        () => station.request('GET', '/checklists/due', { token }),
        () => complete(station, token, OPENING, pass(...OPENING_ITEMS)),
        () =>
          station.request('POST', `/checklists/${OPENING}/amendments`, {
            token,
            body: { reason: 'x', items: pass('ac') },
          }),
        () =>
          station.request('POST', '/checklists/photos', {
            token,
            body: { dataBase64: PNG.toString('base64') },
          }),
      ];
      // The hub's kiosk is a device of the hall, but no device of this station: its token means nothing here.
      for (const send of tries(hub.kioskToken)) await refusedUnchanged(station, send, 401);
      for (const send of tries(padToken)) await refusedUnchanged(station, send, 403, 'E_FORBIDDEN');
    },
  );
});

describe('migration 0020 (issue 13)', () => {
  it('DESIGN-2: a database made before migration 0020 keeps its checklist records: each completion becomes the one that stands, with its results, and rebuilds the same', async ({
    aHallWithClerk,
  }) => {
    const { hall, clerk: c1 } = await aHallWithClerk(`${DAY} 07:00`);
    await completed(hall, c1, OPENING, [
      ...pass(...OPENING_ITEMS.filter((c) => c !== 'ac')),
      { code: 'ac', result: 'fail', note: '2 号空调不制冷' },
    ]);
    const res = await hall.request('POST', `/checklists/${OPENING}/amendments`, {
      token: c1,
      body: { reason: '已修好', items: pass('ac') },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await migratedCopy(hall, asBeforeMigration0020, (migrated) => {
      const record = migrated.prepare('SELECT journal_id, staff_id FROM checklist_records').get() as {
        journal_id: string;
        staff_id: string;
      };
      expect(migrated.prepare('SELECT journal_id, staff_id, late FROM checklist_completions').all()).toEqual([
        { ...record, late: 0 },
      ]);
      expect(
        migrated
          .prepare(
            'SELECT amendment_id IS NULL AS completion, completion_id, count(*) AS n FROM checklist_results GROUP BY 1, 2 ORDER BY 1',
          )
          .all(),
      ).toEqual([
        { completion: 0, completion_id: null, n: 1 },
        { completion: 1, completion_id: record.journal_id, n: OPENING_ITEMS.length },
      ]);
      expectProjectionsReplay(migrated);
    });
  });
});
