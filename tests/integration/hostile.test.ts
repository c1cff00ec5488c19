import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ManualClock } from '../../shared/runtime.ts';
import { startDemoHall, type TestHall } from '../support/hall.ts';
import { test } from '../support/fixtures.ts';
import { listen } from '../support/live.ts';
import { callNext, expectError, issue, journalMark, shanghai, staffOf } from '../support/builders.ts';
import { DeviceReply, ErrorReply, QueueReply } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

/**
 * DESIGN §5: every input is parsed; bad input gets a 4xx with `{error:{code,message}}` and changes
 * nothing. Each row below is one hostile request against a real hall node; the journal is compared
 * before and after each.
 */

interface Env {
  hall: TestHall;
  clock: ManualClock;
  manager: string;
  clerk1: string;
  clerk2: string;
  /** signed in at counter 3, holding no ticket */
  clerk3: string;
  /** clerk 1004 signed in at no counter */
  clerkNoCounter: string;
  revokedKiosk: string;
  revokedDeviceId: string;
  /** waiting, nobody's */
  waiting: string;
  /** called at counter 1 by clerk 1 */
  mine: string;
  /** called at counter 2 by clerk 2 */
  theirs: string;
}

type Res = { status: number; body: unknown };
type Case = [name: string, status: number, code: string | null, send: (e: Env) => Promise<Res>];

const UUID = '0190f0c0-0000-7000-8000-000000000001';
const SQL = "'; DROP TABLE journal;--";
const post = (
  e: Env,
  url: string,
  token: string | undefined,
  body?: unknown,
  headers?: Record<string, string>,
) =>
  e.hall.request('POST', url, {
    ...(token ? { token } : {}),
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });
const awayBody = (e: Env, reason: string) => ({ reason, returnAt: e.clock.now() + 10 * 60_000 });
const deviceBody = (name: string) => ({ role: 'display', name });
/** Most hostile input is malformed: refused by the contract's schema before any handler runs. */
const invalid = (name: string, send: Case[3]): Case => [name, 400, 'E_VALIDATION', send];
/** Asks about something that does not exist: 404 with the code naming what. */
const missing = (name: string, code: string, send: Case[3]): Case => [name, 404, code, send];

const CASES: Case[] = [
  // Who is asking
  [
    'DESIGN-5: no token',
    401,
    'E_UNAUTHENTICATED',
    (e) => post(e, '/tickets', undefined, { serviceCode: 'A' }),
  ],
  [
    'DESIGN-5: a garbage token',
    401,
    'E_TOKEN_INVALID',
    (e) => post(e, '/tickets', 'garbage', { serviceCode: 'A' }),
  ],
  [
    'DESIGN-5: a Basic authorization header instead of Bearer',
    401,
    'E_UNAUTHENTICATED',
    (e) => post(e, '/tickets', undefined, { serviceCode: 'A' }, { authorization: 'Basic OTAwMToxMjM0NTY=' }),
  ],
  [
    'DESIGN-5: a 10 000-character token',
    401,
    'E_TOKEN_INVALID',
    (e) => post(e, '/tickets', 'x'.repeat(10_000), { serviceCode: 'A' }),
  ],
  [
    'DESIGN-5: a revoked kiosk token stops working at once',
    401,
    'E_TOKEN_INVALID',
    (e) => post(e, '/tickets', e.revokedKiosk, { serviceCode: 'A' }),
  ],
  [
    'DESIGN-5: an expired staff session',
    401,
    'E_TOKEN_INVALID',
    async (e) => {
      const back = e.clock.now();
      e.clock.advance(17 * 60 * 60_000); // past one 16-hour shift
      try {
        return await post(e, '/counters/1/call-next', e.clerk1);
      } finally {
        e.clock.set(back);
      }
    },
  ],
  // Roles (DESIGN §5 "role checks on every route")
  [
    'DESIGN-5: a kiosk token on a manager route (PUT /settings)',
    403,
    'E_FORBIDDEN',
    (e) => e.hall.request('PUT', '/settings', { token: e.hall.kioskToken, body: { recallCap: 1 } }),
  ],
  [
    'DESIGN-5: a kiosk token pairs a device',
    403,
    'E_FORBIDDEN',
    (e) => post(e, '/devices', e.hall.kioskToken, deviceBody('rogue')),
  ],
  [
    'DESIGN-5: a kiosk token calls the next ticket',
    403,
    'E_FORBIDDEN',
    (e) => post(e, '/counters/1/call-next', e.hall.kioskToken),
  ],
  [
    'DESIGN-5: a display token issues a ticket',
    403,
    'E_FORBIDDEN',
    (e) => post(e, '/tickets', e.hall.displayToken, { serviceCode: 'A' }),
  ],
  ['DESIGN-5: a clerk closes the hall', 403, 'E_FORBIDDEN', (e) => post(e, '/hall/close', e.clerk1)],
  [
    'DESIGN-5: a clerk revokes a device',
    403,
    'E_FORBIDDEN',
    (e) => e.hall.request('DELETE', `/devices/${e.revokedDeviceId}`, { token: e.clerk1 }),
  ],
  // Counters and tickets that are someone else's (DESIGN §6)
  [
    'DESIGN-6: a clerk calls at a counter they are not signed in at',
    403,
    'E_NOT_YOUR_COUNTER',
    (e) => post(e, '/counters/3/call-next', e.clerk1),
  ],
  [
    "DESIGN-6: a clerk finishes another counter's ticket",
    403,
    'E_NOT_YOUR_TICKET',
    (e) => post(e, `/tickets/${e.theirs}/finish`, e.clerk1),
  ],
  [
    "DESIGN-6: a clerk transfers another counter's ticket",
    403,
    'E_NOT_YOUR_TICKET',
    (e) => post(e, `/tickets/${e.theirs}/transfer`, e.clerk1, { serviceCode: 'C' }),
  ],
  [
    "DESIGN-6: a clerk no-shows another counter's ticket",
    403,
    'E_NOT_YOUR_TICKET',
    (e) => post(e, `/tickets/${e.theirs}/no-show`, e.clerk1),
  ],
  [
    'R-AWAY-1: a clerk puts up the away sign at another counter',
    403,
    'E_NOT_YOUR_COUNTER',
    (e) => post(e, '/counters/2/away', e.clerk1, awayBody(e, 'lunch')),
  ],
  // Wrong types, missing and extra fields
  invalid('DESIGN-5: a boolean counter number at sign-in', (e) =>
    post(e, '/auth/login', undefined, { staffNo: '1004', pin: '123456', counterNo: true }),
  ),
  invalid('DESIGN-5: a counter number in an array', (e) =>
    post(e, `/tickets/${e.mine}/transfer`, e.clerk1, { counterNo: [2] }),
  ),
  invalid('DESIGN-5: a counter number as a string in a body', (e) =>
    post(e, '/devices', e.manager, { role: 'counter', name: 'PC 4', counterNo: '4' }),
  ),
  invalid('DESIGN-5: serviceCode is a number', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: 1 }),
  ),
  invalid('DESIGN-5: priority is a string', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'A', priority: 'yes' }),
  ),
  invalid('DESIGN-5: serviceCode missing', (e) => post(e, '/tickets', e.hall.kioskToken, {})),
  invalid('DESIGN-5: no body at all', (e) => post(e, '/tickets', e.hall.kioskToken)),
  invalid('DESIGN-5: an extra field', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'A', status: 'called' }),
  ),
  invalid('DESIGN-5: the body is an array', (e) =>
    post(e, '/tickets', e.hall.kioskToken, [{ serviceCode: 'A' }]),
  ),
  invalid('DESIGN-5: the body is JSON null', (e) => post(e, '/tickets', e.hall.kioskToken, null)),
  [
    'DESIGN-5: a body that is not JSON',
    400,
    'E_BAD_JSON',
    (e) => post(e, '/tickets', e.hall.kioskToken, '{"serviceCode": "A",'),
  ],
  [
    'DESIGN-5: an XML body',
    415,
    'E_VALIDATION',
    (e) =>
      post(e, '/tickets', e.hall.kioskToken, '<serviceCode>A</serviceCode>', {
        'content-type': 'application/xml',
      }),
  ],
  invalid('DESIGN-5: a text/plain body', (e) =>
    post(e, '/tickets', e.hall.kioskToken, 'serviceCode=A', { 'content-type': 'text/plain' }),
  ),
  [
    'DESIGN-5: a body larger than the body limit',
    413,
    'E_BODY_TOO_LARGE',
    (e) => post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'A', pad: 'x'.repeat(300 * 1024) }),
  ],
  [
    'DESIGN-5: prototype pollution through __proto__',
    400,
    'E_BAD_JSON',
    (e) => post(e, '/tickets', e.hall.kioskToken, '{"serviceCode":"A","__proto__":{"admin":true}}'),
  ],
  invalid('DESIGN-5: JSON nested 50 000 levels deep', (e) =>
    post(e, '/tickets', e.hall.kioskToken, `${'['.repeat(50_000)}${']'.repeat(50_000)}`),
  ),
  invalid('DESIGN-5: priority 1e999 (Infinity)', (e) =>
    post(e, '/tickets', e.hall.kioskToken, '{"serviceCode":"A","priority":1e999}'),
  ),
  // Unknown things
  missing('DESIGN-6: an unknown service', 'E_UNKNOWN_SERVICE', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'Z' }),
  ),
  missing('DESIGN-6: transfer to an unknown service', 'E_UNKNOWN_SERVICE', (e) =>
    post(e, `/tickets/${e.mine}/transfer`, e.clerk1, { serviceCode: 'ZZ' }),
  ),
  [
    'DESIGN-6: transfer to both a service and a counter',
    400,
    'E_TRANSFER_TARGET',
    (e) => post(e, `/tickets/${e.mine}/transfer`, e.clerk1, { serviceCode: 'C', counterNo: 3 }),
  ],
  missing('DESIGN-6: an unknown ticket id', 'E_UNKNOWN_TICKET', (e) =>
    post(e, `/tickets/${UUID}/start`, e.clerk1),
  ),
  invalid('DESIGN-6: a ticket id that is not a UUID', (e) => post(e, '/tickets/not-a-uuid/start', e.clerk1)),
  invalid('DESIGN-6: a path-traversal ticket id', (e) =>
    post(e, '/tickets/..%2F..%2Fetc%2Fpasswd/start', e.clerk1),
  ),
  missing('DESIGN-6: revoke an unknown device', 'E_NOT_FOUND', (e) =>
    e.hall.request('DELETE', '/devices/no-such-device', { token: e.manager }),
  ),
  ['DESIGN-6: an unknown route', 404, 'E_NOT_FOUND', (e) => post(e, '/tickets/drop', e.manager)],
  invalid('DESIGN-5: a malformed percent-encoding in the path', (e) =>
    post(e, '/tickets/%ZZ/start', e.clerk1),
  ),
  [
    'DESIGN-6: a plain HTTP GET on the WebSocket address',
    426,
    'E_WEBSOCKET_REQUIRED',
    (e) => e.hall.request('GET', `/events?token=${e.hall.displayToken}`),
  ],
  [
    'DESIGN-3: start a ticket that is still waiting',
    409,
    'E_TICKET_STATE',
    (e) => post(e, `/tickets/${e.waiting}/start`, e.clerk1),
  ],
  // SQL-looking strings
  invalid('DESIGN-5: SQL in serviceCode', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: SQL }),
  ),
  invalid('DESIGN-5: SQL in staffNo', (e) =>
    post(e, '/auth/login', undefined, { staffNo: SQL, pin: '123456' }),
  ),
  invalid('DESIGN-5: SQL in a ticket id path', (e) =>
    post(e, `/tickets/${encodeURIComponent(SQL)}/finish`, e.clerk1),
  ),
  invalid('DESIGN-5: SQL in the Idempotency-Key', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'A' }, { 'idempotency-key': SQL }),
  ),
  invalid('DESIGN-5: SQL in a service code path', (e) =>
    post(e, `/services/${encodeURIComponent(SQL)}/close`, e.manager),
  ),
  // Unicode edge cases
  invalid('DESIGN-5: a lone surrogate in a device name', (e) =>
    post(e, '/devices', e.manager, '{"role":"display","name":"TV \\ud800"}'),
  ),
  invalid('DESIGN-5: an RTL override in an away reason', (e) =>
    post(e, '/counters/3/away', e.clerk3, awayBody(e, 'lunch \u202Egnol')),
  ),
  invalid('DESIGN-5: a device name of zero-width spaces only', (e) =>
    post(e, '/devices', e.manager, deviceBody('\u200B\u200B\u200B')),
  ),
  invalid('DESIGN-5: a 10 000-character device name', (e) =>
    post(e, '/devices', e.manager, deviceBody('名'.repeat(10_000))),
  ),
  invalid('DESIGN-5: a NUL in an away reason', (e) =>
    post(e, '/counters/3/away', e.clerk3, awayBody(e, 'lunch\u0000break')),
  ),
  invalid('DESIGN-5: a NUL in a staff number', (e) =>
    post(e, '/auth/login', undefined, { staffNo: '1001\u0000', pin: '123456' }),
  ),
  invalid('DESIGN-5: a 10 000-character overrun reason', (e) =>
    post(e, `/tickets/${e.mine}/finish`, e.clerk1, { overrunReason: 'x'.repeat(10_000) }),
  ),
  // Numbers
  invalid('DESIGN-5: a negative counter number', (e) => post(e, '/counters/-1/call-next', e.clerk1)),
  invalid('DESIGN-5: a huge counter number', (e) => post(e, '/counters/1e308/call-next', e.clerk1)),
  invalid('DESIGN-5: a counter number that is not a number', (e) =>
    post(e, '/counters/abc/call-next', e.clerk1),
  ),
  missing('DESIGN-5: login at an unknown counter', 'E_UNKNOWN_COUNTER', (e) =>
    post(e, '/auth/login', undefined, { staffNo: '1003', pin: '123456', counterNo: 42 }),
  ),
  invalid('R-AWAY-1: returnAt negative', (e) =>
    post(e, '/counters/3/away', e.clerk3, { reason: 'lunch', returnAt: -5 }),
  ),
  [
    'R-AWAY-1: returnAt in the past',
    400,
    'E_RETURN_AT',
    (e) => post(e, '/counters/3/away', e.clerk3, { reason: 'lunch', returnAt: e.clock.now() - 60_000 }),
  ],
  invalid('R-AWAY-1: returnAt beyond any safe integer', (e) =>
    post(e, '/counters/3/away', e.clerk3, { reason: 'lunch', returnAt: 1e300 }),
  ),
  invalid('R-AWAY-1: returnAt not an integer', (e) =>
    post(e, '/counters/3/away', e.clerk3, { reason: 'lunch', returnAt: e.clock.now() + 0.5 }),
  ),
  invalid('DESIGN-3: a negative recall cap', (e) =>
    e.hall.request('PUT', '/settings', { token: e.manager, body: { recallCap: -1 } }),
  ),
  invalid('DESIGN-2: an unknown time zone would break every business day', (e) =>
    e.hall.request('PUT', '/settings', { token: e.manager, body: { timeZone: 'Mars/Olympus_Mons' } }),
  ),
  invalid('DESIGN-3: an unknown setting', (e) =>
    e.hall.request('PUT', '/settings', { token: e.manager, body: { drop: 'journal' } }),
  ),
  // Idempotency keys
  invalid('DESIGN-3: an Idempotency-Key of 200 characters', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'A' }, { 'idempotency-key': 'k'.repeat(200) }),
  ),
  invalid('DESIGN-3: an empty Idempotency-Key', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'A' }, { 'idempotency-key': '  ' }),
  ),
  invalid('DESIGN-3: a non-ASCII Idempotency-Key', (e) =>
    post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'A' }, { 'idempotency-key': 'cl\u00e9' }),
  ),
  [
    'DESIGN-3: an Idempotency-Key reused for another service',
    422,
    'E_IDEMPOTENCY_CONFLICT',
    (e) => post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'B' }, { 'idempotency-key': 'used-key-1' }),
  ],
  invalid('DESIGN-3: a non-ASCII Idempotency-Key on call-next', (e) =>
    post(e, '/counters/3/call-next', e.clerk3, undefined, { 'idempotency-key': 'cl\u00e9' }),
  ),
  invalid('DESIGN-3: an Idempotency-Key of 200 characters on a ticket command', (e) =>
    post(e, `/tickets/${e.mine}/recall`, e.clerk1, undefined, { 'idempotency-key': 'k'.repeat(200) }),
  ),
  // Issue 9: the LAN write path (security review)
  invalid('security: a return time past the end of time (8640000000000001) is refused, not stored', (e) =>
    post(e, '/counters/3/away', e.clerk3, { reason: 'lunch', returnAt: 8640000000000001 }),
  ),
  [
    "security: R-AWAY-1 a return time after the hall's business day is refused",
    400,
    'E_RETURN_AT',
    (e) =>
      post(e, '/counters/3/away', e.clerk3, { reason: 'lunch', returnAt: e.clock.now() + 24 * 60 * 60_000 }),
  ],
  [
    'security: a clerk signed in at no counter cancels a waiting ticket',
    403,
    'E_NOT_YOUR_TICKET',
    (e) => post(e, `/tickets/${e.waiting}/cancel`, e.clerkNoCounter),
  ],
  [
    "security: a clerk at a counter that does not serve the ticket's service cancels it while it waits",
    403,
    'E_NOT_YOUR_TICKET',
    (e) => post(e, `/tickets/${e.waiting}/cancel`, e.clerk3),
  ],
  [
    "security: a clerk signed in at no counter finishes another counter's ticket",
    403,
    'E_NOT_YOUR_TICKET',
    (e) => post(e, `/tickets/${e.theirs}/finish`, e.clerkNoCounter),
  ],
  [
    'security: a display device cancels a ticket',
    403,
    'E_FORBIDDEN',
    (e) => post(e, `/tickets/${e.waiting}/cancel`, e.hall.displayToken),
  ],
  [
    'security: a kiosk puts up the away sign',
    403,
    'E_FORBIDDEN',
    (e) => post(e, '/counters/3/away', e.hall.kioskToken, awayBody(e, 'lunch')),
  ],
  ...['0x1', '1.0', '%201', '1e0', '+1', '01'].map((no) =>
    invalid(`security: counter number ${no} in the path is not counter 1`, (e) =>
      post(e, `/counters/${no}/call-next`, e.clerk1),
    ),
  ),
  invalid('security: a counter number 0x1 in the queue query', (e) =>
    e.hall.request('GET', '/queue?counter=0x1', { token: e.clerk1 }),
  ),
  [
    'security: R-HRS-1 opening hours 17:00–08:00 (open after close)',
    400,
    'E_OPENING_HOURS',
    (e) =>
      e.hall.request('PUT', '/settings', {
        token: e.manager,
        body: { openingTime: '17:00', closingTime: '08:00' },
      }),
  ],
  [
    'security: R-HRS-1 an opening time after the current closing time',
    400,
    'E_OPENING_HOURS',
    (e) => e.hall.request('PUT', '/settings', { token: e.manager, body: { openingTime: '18:00' } }),
  ],
  invalid('security: R-SLA-2 a peak period that ends before it starts', (e) =>
    e.hall.request('PUT', '/settings', {
      token: e.manager,
      body: { peakPeriods: [{ from: '11:00', to: '09:00' }] },
    }),
  ),
  [
    'security: a clerk changes the opening hours',
    403,
    'E_FORBIDDEN',
    (e) => e.hall.request('PUT', '/settings', { token: e.clerk1, body: { openingTime: '07:00' } }),
  ],
  [
    'security: R-PRI-2 the kiosk issues an internal (staff) ticket',
    403,
    'E_FORBIDDEN',
    (e) => post(e, '/tickets', e.hall.kioskToken, { serviceCode: 'A', internal: true }),
  ],
  // Sign-in and pairing
  [
    'DESIGN-5: a wrong PIN',
    401,
    'E_BAD_CREDENTIALS',
    (e) => post(e, '/auth/login', undefined, { staffNo: '1006', pin: '654321' }),
  ],
  [
    'DESIGN-5: an unknown staff number',
    401,
    'E_BAD_CREDENTIALS',
    (e) => post(e, '/auth/login', undefined, { staffNo: '99999', pin: '123456' }),
  ],
  [
    'DESIGN-5: a wrong pairing code',
    401,
    'E_PAIRING_CODE',
    (e) => post(e, '/devices/pair', undefined, { code: '0000-0000' }),
  ],
  invalid('DESIGN-5: pair a device with an unknown role', (e) =>
    post(e, '/devices', e.manager, { role: 'superuser', name: 'x' }),
  ),
];

describe('hostile requests against a real hall node (DESIGN §5)', () => {
  const env = {} as Env;

  beforeAll(async () => {
    env.clock = new ManualClock(shanghai('2026-11-25 10:00'));
    env.hall = await startDemoHall({ clock: env.clock });
    const staff = staffOf(env.hall);
    env.manager = await staff.manager();
    env.clerk1 = await staff.clerk(1);
    env.clerk2 = await staff.clerk(2);
    env.clerk3 = await staff.clerk(3);
    env.clerkNoCounter = await env.hall.login('1004');
    const theirs = await issue(env.hall, 'A', { key: 'used-key-1' });
    const mine = await issue(env.hall, 'A');
    const waiting = await issue(env.hall, 'A');
    expect((await callNext(env.hall, env.clerk2, 2))?.id).toBe(theirs.id);
    expect((await callNext(env.hall, env.clerk1, 1))?.id).toBe(mine.id);
    env.theirs = theirs.id;
    env.mine = mine.id;
    env.waiting = waiting.id;
    const paired = await env.hall.request('POST', '/devices', {
      token: env.manager,
      body: { role: 'kiosk', name: 'second kiosk' },
    });
    expect(paired.status).toBe(201);
    const device = parseReply(DeviceReply, paired);
    // Proves the token worked before it was revoked, so the 401 below is the revocation.
    expect((await env.hall.request('GET', '/services', { token: device.token })).status).toBe(200);
    const revoked = await env.hall.request('DELETE', `/devices/${device.deviceId}`, { token: env.manager });
    expect(revoked.status).toBe(204);
    env.revokedKiosk = device.token;
    env.revokedDeviceId = device.deviceId;
  });

  afterAll(async () => {
    await env.hall?.stop();
  });

  it('DESIGN-5: the table holds at least 30 hostile requests', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('%s → %i, journal unchanged', async (_name, status, code, send) => {
    const before = journalMark(env.hall.node.ctx.db);
    const res = await send(env);
    expectError(res, status, code ?? undefined);
    expect(journalMark(env.hall.node.ctx.db)).toEqual(before);
  });

  it('DESIGN-5: the node still answers /health after every hostile request', async () => {
    const res = await env.hall.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, role: 'hub' });
    // …and still serves the queue it had, untouched by the requests above.
    const queue = await env.hall.request('GET', '/queue', { token: env.hall.kioskToken });
    expect(queue.status).toBe(200);
    const q = parseReply(QueueReply, queue);
    expect(q.waiting.map((t) => t.id)).toEqual([env.waiting]);
    expect(q.called.map((t) => t.id).sort()).toEqual([env.mine, env.theirs].sort());
  });

  it('DESIGN-5: the error message is in the request language (en vs zh-CN)', async () => {
    const ask = (lang: string) =>
      env.hall.request('POST', '/tickets', {
        token: env.hall.kioskToken,
        body: { serviceCode: 'Z' },
        headers: { 'accept-language': lang },
      });
    const en = await ask('en-US,en;q=0.9');
    const zh = await ask('zh-CN,zh;q=0.9');
    expectError(en, 404, 'E_UNKNOWN_SERVICE');
    expectError(zh, 404, 'E_UNKNOWN_SERVICE');
    const enMsg = parseReply(ErrorReply, en).error.message;
    const zhMsg = parseReply(ErrorReply, zh).error.message;
    expect(enMsg).toBe('No such service: Z');
    expect(zhMsg).toBe('没有此业务：Z');
    // Validation errors are translated too.
    const bad = await env.hall.request('POST', '/tickets', {
      token: env.hall.kioskToken,
      body: {},
      headers: { 'accept-language': 'en' },
    });
    expect(parseReply(ErrorReply, bad).error.message).toMatch(/^The request is not valid/);
    const badZh = await env.hall.request('POST', '/tickets', {
      token: env.hall.kioskToken,
      body: { serviceCode: 1 },
      headers: { 'accept-language': 'zh-CN' },
    });
    expectError(badZh, 400, 'E_VALIDATION');
    // The detail is Chinese as well, not zod's English ("expected string, received number").
    expect(parseReply(ErrorReply, badZh).error.message).toMatch(/^请求内容不正确：serviceCode: .*期望/);
  });
});

describe('bad settings from upstream (DESIGN §5 "no request can crash the node")', () => {
  test('DESIGN-2: a pulled setting with an unknown time zone falls back to the default instead of breaking issuing', async ({
    demoHall,
  }) => {
    const hall = await demoHall();
    const ctx = hall.node.ctx;
    // As head office's reference data would deliver it (DESIGN §4 pull), bypassing the LAN API's checks.
    await ctx.commits.run('appendEvents', [
      {
        type: 'reference.updated',
        payload: { kind: 'setting', key: 'timeZone', version: 1, data: { value: 'Mars/Olympus_Mons' } },
        by: 'test',
      },
    ]);
    const t = await issue(hall, 'A');
    expect(t.number).toBe('A001');
    const staff = staffOf(hall);
    const state = await hall.request('GET', '/hall', { token: await staff.manager() });
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ settings: { timeZone: 'Asia/Shanghai' } });
  });
});

describe('hostile WebSocket clients (DESIGN §5)', () => {
  test('DESIGN-5: a client flooding /api/v1/events is cut off (1009 over 64 KiB) and the others keep their events', async ({
    demoHall,
  }) => {
    const hall = await demoHall();
    const rogue = await listen(hall.url, hall.displayToken);
    const tv = await listen(hall.url, hall.displayToken);
    rogue.send('{"type":"ticket.called"}'); // ignored, never relayed as if it came from the node
    rogue.send(Buffer.alloc(100 * 1024, 0x41));
    expect((await rogue.closed).code).toBe(1009);
    const t = await issue(hall, 'A');
    expect(await tv.next((m) => m.type === 'ticket.issued')).toMatchObject({ ticket: { id: t.id } });
    expect(tv.messages.filter((m) => m.type === 'ticket.called')).toEqual([]);
    tv.close();
    expect((await hall.request('GET', '/health')).status).toBe(200);
  });
});

describe('random bodies on every route (DESIGN §5 "no request can crash the node")', () => {
  test('DESIGN-5: random and field-shaped hostile bodies on every route as manager and as clerk: never a 5xx, always {error:{code,message}} on 4xx', async ({
    demoHall,
  }) => {
    const hall = await demoHall();
    const staff = staffOf(hall);
    const clerk = await staff.clerk(1);
    const t = await issue(hall, 'A');
    type Op = {
      requestBody?: {
        content: { 'application/json': { schema: { properties?: Record<string, unknown> } } };
      };
    };
    const doc = (await (await fetch(`${hall.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, Op>>;
    };
    const routes = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), p] as const))
      .filter(([m, p]) => m !== 'GET' && !p.endsWith('/events'));
    expect(routes.length).toBeGreaterThan(20);
    const value = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.integer(),
      fc.double(),
      fc.constantFrom('A', 'Z', '', '1', '0', -1, 2 ** 53, 1e308, null, true, SQL, '\ud800', '\u202e'),
    );
    for (const [method, template] of routes) {
      // Random JSON, and objects with the route's own field names holding hostile values.
      const props = Object.keys(
        doc.paths[template]![method.toLowerCase()]?.requestBody?.content['application/json'].schema
          .properties ?? {},
      );
      const shaped =
        props.length > 0
          ? fc.sample(fc.record(Object.fromEntries(props.map((k) => [k, value])), { requiredKeys: [] }), {
              numRuns: 20,
              seed: 8361,
            })
          : [];
      const bodies = [...fc.sample(fc.jsonValue(), { numRuns: 20, seed: 8360 }), ...shaped];
      const url = template
        .replace('/api/v1', '')
        .replace('{id}', t.id)
        .replace('{no}', '1')
        .replace('{code}', 'A');
      for (const body of bodies) {
        for (const token of [await staff.manager(), clerk]) {
          const res = await hall.request(method, url, { token, body: JSON.stringify(body) });
          expect(
            res.status,
            `${method} ${url} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`,
          ).toBeLessThan(500);
          if (res.status >= 400) expectError(res, res.status);
        }
      }
    }
    expect((await hall.request('GET', '/health')).status).toBe(200);
  });
});
