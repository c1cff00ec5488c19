import { describe, expect } from 'vitest';
import { ON_BEHALF_HEADER } from '../../hall/http/route.ts';
import type { TestHall } from '../support/hall.ts';
import { it, type ClockedHall } from '../support/clocked.ts';
import {
  act,
  callNext,
  expectError,
  issue,
  journalEvents,
  journalMark,
  staffOf,
  type TicketReply,
} from '../support/builders.ts';
import { Ticket } from '../../shared/queue/model.ts';
import { DeviceReply } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

/**
 * DESIGN §3 "every command carries an idempotency key so a retried request is applied once": a
 * retried queue command with the same Idempotency-Key gets the first reply back and changes nothing.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;

/** A demo hall on a manual clock at 10:00 hall time, with clerk 1001 signed in at counter 1. */
type Env = ClockedHall & { clerk: string };

const send = (hall: TestHall, token: string, url: string, key: string, body?: unknown) =>
  hall.request('POST', url, {
    token,
    headers: { 'idempotency-key': key },
    ...(body === undefined ? {} : { body }),
  });

/** A ticket called to counter 1 by clerk 1001. */
async function called(e: Env): Promise<TicketReply> {
  await issue(e.hall, 'A');
  return (await callNext(e.hall, e.clerk, 1))!;
}

/** `then` on a called ticket that `first` was applied to. */
async function calledThen(e: Env, first: string, then: string): Promise<{ url: string }> {
  const t = await called(e);
  await act(e.hall, e.clerk, t.id, first);
  return { url: `/tickets/${t.id}/${then}` };
}

/** Each queue command, set up so that it applies once; applying it twice would fail or journal twice. */
const COMMANDS: [name: string, setup: (e: Env) => Promise<{ url: string; body?: unknown }>][] = [
  [
    'call-next',
    async (e) => {
      await issue(e.hall, 'A');
      return { url: '/counters/1/call-next' };
    },
  ],
  ['recall', async (e) => ({ url: `/tickets/${(await called(e)).id}/recall` })],
  ['start', async (e) => ({ url: `/tickets/${(await called(e)).id}/start` })],
  ['finish', async (e) => ({ url: `/tickets/${(await called(e)).id}/finish`, body: {} })],
  ['no-show', async (e) => ({ url: `/tickets/${(await called(e)).id}/no-show` })],
  ['park', async (e) => ({ url: `/tickets/${(await called(e)).id}/park` })],
  ['return', (e) => calledThen(e, 'park', 'return')],
  ['cancel', async (e) => ({ url: `/tickets/${(await called(e)).id}/cancel` })],
  ['reactivate', (e) => calledThen(e, 'no-show', 'reactivate')],
  [
    'transfer',
    async (e) => ({ url: `/tickets/${(await called(e)).id}/transfer`, body: { serviceCode: 'B' } }),
  ],
  [
    'away',
    async (e) => ({ url: '/counters/1/away', body: { reason: '午餐', returnAt: e.clock.now() + 30 * MIN } }),
  ],
  [
    'back',
    async (e) => {
      const away = { reason: '午餐', returnAt: e.clock.now() + 30 * MIN };
      expect((await e.hall.request('POST', '/counters/1/away', { token: e.clerk, body: away })).status).toBe(
        200,
      );
      return { url: '/counters/1/back' };
    },
  ],
];

describe('retried queue commands (DESIGN §3)', () => {
  it.for(COMMANDS)(
    'DESIGN-3: a retried %s with the same key returns the identical reply and journals nothing',
    async ([, setup], { aHallWithClerk }) => {
      const e = await aHallWithClerk();
      const { url, body } = await setup(e);
      const first = await send(e.hall, e.clerk, url, 'counter-1:0001', body);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const before = journalMark(e.hall.node.ctx.db);
      e.clock.advance(2 * MIN); // a later retry: a reply rebuilt from today's state would differ
      const again = await send(e.hall, e.clerk, url, 'counter-1:0001', body);
      expect(again).toEqual(first);
      expect(journalMark(e.hall.node.ctx.db)).toEqual(before);
    },
  );

  it('DESIGN-3: a retried call-next with the same key returns the same ticket and journals one call', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    const a1 = await issue(e.hall, 'A');
    await issue(e.hall, 'A');
    const first = await send(e.hall, e.clerk, '/counters/1/call-next', 'call-1');
    const retry = await send(e.hall, e.clerk, '/counters/1/call-next', 'call-1');
    expect(retry).toEqual({ status: 200, body: first.body });
    expect(parseReply(Ticket, retry).id).toBe(a1.id);
    expect(journalEvents(e.hall.node.ctx.db, 'ticket.called')).toHaveLength(1);
    // A new key is a new user action: the counter is busy with the ticket it already called.
    expectError(await send(e.hall, e.clerk, '/counters/1/call-next', 'call-2'), 409, 'E_COUNTER_BUSY');
  });

  it('DESIGN-3: a retried call-next that found nobody waiting answers 204 again, even once someone waits', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    expect((await send(e.hall, e.clerk, '/counters/1/call-next', 'empty-1')).status).toBe(204);
    await issue(e.hall, 'A');
    const before = journalMark(e.hall.node.ctx.db);
    expect(await send(e.hall, e.clerk, '/counters/1/call-next', 'empty-1')).toEqual({
      status: 204,
      body: null,
    });
    expect(journalMark(e.hall.node.ctx.db)).toEqual(before);
  });

  it('DESIGN-3: a command that failed stores nothing, so its retry with the same key is applied', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    const t = await called(e);
    await act(e.hall, e.clerk, t.id, 'park');
    expectError(await send(e.hall, e.clerk, `/tickets/${t.id}/start`, 'start-1'), 409, 'E_TICKET_STATE');
    await act(e.hall, e.clerk, t.id, 'return');
    const retry = await send(e.hall, e.clerk, `/tickets/${t.id}/start`, 'start-1');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ id: t.id, status: 'serving' });
  });

  it('DESIGN-3: concurrent duplicates of a call-next with the same key apply once and all get the same ticket', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    for (const code of ['A', 'A', 'A']) await issue(e.hall, code);
    const replies = await Promise.all(
      [1, 2, 3, 4, 5].map(() => send(e.hall, e.clerk, '/counters/1/call-next', 'race-1')),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(journalEvents(e.hall.node.ctx.db, 'ticket.called')).toHaveLength(1);
  });

  it('DESIGN-3: concurrent duplicates of a recall with the same key journal one recall', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    const t = await called(e);
    const replies = await Promise.all(
      [1, 2, 3].map(() => send(e.hall, e.clerk, `/tickets/${t.id}/recall`, 'recall-race')),
    );
    expect(replies.map((r) => parseReply(Ticket, r).recallCount)).toEqual([1, 1, 1]);
    expect(journalEvents(e.hall.node.ctx.db, 'ticket.recalled')).toHaveLength(1);
  });
});

describe('the documented contract (DESIGN §6)', () => {
  it('DESIGN-6: openapi.json documents the optional Idempotency-Key header on every queue command', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    const doc = (await (await fetch(`${e.hall.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { parameters: { name: string; in: string; required: boolean }[] }>
      >;
    };
    const urls = [
      '/api/v1/tickets',
      '/api/v1/counters/{no}/call-next',
      '/api/v1/counters/{no}/away',
      '/api/v1/counters/{no}/back',
      ...COMMANDS.filter(([n]) => !['call-next', 'away', 'back'].includes(n)).map(
        ([n]) => `/api/v1/tickets/{id}/${n}`,
      ),
    ];
    for (const url of urls) {
      expect(doc.paths[url]?.post?.parameters, url).toContainEqual(
        expect.objectContaining({ name: 'idempotency-key', in: 'header', required: false }),
      );
    }
  });
});

describe('reusing a key for something else (DESIGN §3)', () => {
  it('DESIGN-3: the same key on another route or another ticket is refused with 422 and changes nothing', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    const t = await called(e);
    const other = await issue(e.hall, 'B');
    expect((await send(e.hall, e.clerk, `/tickets/${t.id}/recall`, 'k-1')).status).toBe(200);
    const before = journalMark(e.hall.node.ctx.db);
    expectError(await send(e.hall, e.clerk, `/tickets/${t.id}/start`, 'k-1'), 422, 'E_IDEMPOTENCY_CONFLICT');
    expectError(
      await send(e.hall, e.clerk, `/tickets/${other.id}/recall`, 'k-1'),
      422,
      'E_IDEMPOTENCY_CONFLICT',
    );
    expect(journalMark(e.hall.node.ctx.db)).toEqual(before);
  });

  it('DESIGN-3: the same key with another body is refused with 422', async ({ aHallWithClerk }) => {
    const e = await aHallWithClerk();
    const returnAt = e.clock.now() + 30 * MIN;
    const ok = await send(e.hall, e.clerk, '/counters/1/away', 'away-1', { reason: '午餐', returnAt });
    expect(ok.status).toBe(200);
    const res = await send(e.hall, e.clerk, '/counters/1/away', 'away-1', { reason: '培训', returnAt });
    expectError(res, 422, 'E_IDEMPOTENCY_CONFLICT');
  });

  it('DESIGN-3: the same key and request from someone else is never replayed to them: it is their own command', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    const t = await called(e);
    const body = { serviceCode: 'B' };
    const first = await send(e.hall, e.clerk, `/tickets/${t.id}/transfer`, 'move-1', body);
    expect(first.status).toBe(200);
    const before = journalMark(e.hall.node.ctx.db);
    const manager = await e.staff.manager();
    // Keys are per sender (issue 9): the manager's request runs on its own, and the ticket was
    // already transferred, so it is refused rather than answered with the clerk's reply.
    const res = await send(e.hall, manager, `/tickets/${t.id}/transfer`, 'move-1', body);
    expectError(res, 409, 'E_TICKET_STATE');
    expect(res.body).not.toEqual(first.body);
    expect(journalMark(e.hall.node.ctx.db)).toEqual(before);
  });
});

describe('how long a key is kept (DESIGN §3)', () => {
  it('DESIGN-3: a key survives a restart of the node on the same data directory', async ({
    aHall,
    testHall,
  }) => {
    const { hall: first, clock, staff } = await aHall();
    const dataDir = first.dataDir;
    await issue(first, 'A');
    const clerk = await staff.clerk(1);
    const reply = await send(first, clerk, '/counters/1/call-next', 'before-restart');
    expect(reply.status).toBe(200);
    await first.node.close(); // not stop(): that would delete the data directory
    const hall = await testHall({ clock, dataDir });
    const before = journalMark(hall.node.ctx.db);
    const again = await send(hall, await staffOf(hall).clerk(1), '/counters/1/call-next', 'before-restart');
    expect(again).toEqual(reply);
    expect(journalMark(hall.node.ctx.db)).toEqual(before);
  });

  it('DESIGN-3: after 24 hours a key is forgotten, and the next write clears it from the table', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    await issue(e.hall, 'A');
    const first = await send(e.hall, e.clerk, '/counters/1/call-next', 'old-key');
    expect(first.status).toBe(200);
    const stored = () =>
      e.hall.node.ctx.db.prepare('SELECT key FROM local_command_replies ORDER BY key').pluck().all();
    expect(stored()).toEqual(['old-key']);
    e.clock.advance(25 * HOUR);
    const clerk = await e.hall.login('1001', 1); // the shift's session has ended
    // Applied again, not replayed: the counter still holds the ticket it called yesterday.
    expectError(await send(e.hall, clerk, '/counters/1/call-next', 'old-key'), 409, 'E_COUNTER_BUSY');
    const id = parseReply(Ticket, first).id;
    expect((await send(e.hall, clerk, `/tickets/${id}/cancel`, 'new-key')).status).toBe(200);
    expect(stored()).toEqual(['new-key']);
  });
});

describe('a counter PC forwarding for its clerks (DESIGN §5)', () => {
  async function counterDevice(e: Env, counterNo: number): Promise<string> {
    const res = await e.hall.request('POST', '/devices', {
      token: await e.staff.manager(),
      body: { role: 'counter', name: `Counter ${counterNo}`, counterNo },
    });
    expect(res.status).toBe(201);
    return parseReply(DeviceReply, res).token;
  }
  const onBehalf = (staffNo: string, counterNo: number) => ({
    [ON_BEHALF_HEADER]: JSON.stringify({ staffNo, counterNo }),
  });

  it('DESIGN-5: a counter PC acting for a manager gets only the clerk role at the hub', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    const device = await counterDevice(e, 1);
    const settings = await e.hall.request('PUT', '/settings', {
      token: device,
      headers: onBehalf('9001', 1),
      body: { recallCap: 1 },
    });
    expectError(settings, 403, 'E_FORBIDDEN');
    const close = await e.hall.request('POST', '/hall/close', {
      token: device,
      headers: onBehalf('9001', 1),
    });
    expectError(close, 403, 'E_FORBIDDEN');
    // A manager may act on any counter's ticket; vouched for by a counter PC, not on counter 2's.
    await issue(e.hall, 'A');
    const theirs = (await callNext(e.hall, await e.staff.clerk(2), 2))!;
    const cancel = await e.hall.request('POST', `/tickets/${theirs.id}/cancel`, {
      token: device,
      headers: onBehalf('9001', 1),
    });
    expectError(cancel, 403, 'E_NOT_YOUR_TICKET');
    // The same manager signed in at the hub directly still may.
    const direct = await e.hall.request('POST', `/tickets/${theirs.id}/cancel`, {
      token: await e.staff.manager(),
    });
    expect(direct.status).toBe(200);
  });

  it('DESIGN-5: a counter PC still forwards its clerk’s commands, recorded as that clerk, with their key', async ({
    aHallWithClerk,
  }) => {
    const e = await aHallWithClerk();
    const device = await counterDevice(e, 1);
    await issue(e.hall, 'A');
    const headers = { ...onBehalf('1001', 1), 'idempotency-key': 'station-1:call-1' };
    const first = await e.hall.request('POST', '/counters/1/call-next', { token: device, headers });
    expect(first.status).toBe(200);
    const again = await e.hall.request('POST', '/counters/1/call-next', { token: device, headers });
    expect(again).toEqual(first);
    const calls = journalEvents(e.hall.node.ctx.db, 'ticket.called');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.payload.staffId).toBe(calls[0]!.recorded_by);
    expect(calls[0]!.recorded_by).not.toMatch(/^device:/);
  });
});
