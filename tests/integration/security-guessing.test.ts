import http from 'node:http';
import { describe, expect } from 'vitest';
import { pullOnce } from '../../hall/sync/pull.ts';
import { ManualClock } from '../../shared/runtime.ts';
import {
  CODE_LIFETIME_GUESSES,
  HO_PAIR_LIMITS,
  HUB_PAIR_MAX_FAILURES,
  MAX_LIVE_CODES,
  PAIRING_CODE_SPACE,
} from '../../shared/pairingCode.ts';
import type { TestHall } from '../support/hall.ts';
import { BACKEND, startTestHeadOffice, type TestHeadOffice } from '../support/headoffice.ts';
import { test } from '../support/fixtures.ts';
import { ErrorReply, PairingCodeReply } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

/** Issue 9, item 2: guessing PINs and pairing codes at head office and at the hub (DESIGN §5). */

const MIN = 60_000;
const CROCKFORD_GROUPED = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const errorCode = (body: unknown) => ErrorReply.safeParse(body).data?.error.code;

/** A JSON POST from a chosen loopback source address (127.0.0.0/8 is all this machine), as another client. */
function postFrom(
  source: string,
  url: string,
  body: unknown,
): Promise<{ status: number; body: unknown; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(
      url,
      {
        method: 'POST',
        localAddress: source,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as unknown) : null,
            retryAfter: res.headers['retry-after'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A wrong code of the right shape: the real one with its first character changed. */
function wrongCode(code: string, i: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const at = (alphabet.indexOf(code[0]!) + 1 + (i % 31)) % 32;
  const tail = String(i)
    .padStart(3, '0')
    .replace(/./g, (d) => alphabet[Number(d)]!);
  return `${alphabet[at]}${tail}-${code.slice(5)}`;
}

/** What a person may type for a code: lower case, spaces instead of the hyphen, O for 0, I or L for 1. */
function typedSloppily(code: string): string {
  return ` ${code.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l')} `;
}

/** Head office on a manual clock of its own (the lockout windows are minutes long), stopped after the test. */
const it = test.extend(
  'headOffice',
  ({ later }) =>
    async (): Promise<{ tho: TestHeadOffice; clock: ManualClock }> => {
      const clock = new ManualClock(Date.UTC(2026, 10, 25, 2));
      return { tho: later(await startTestHeadOffice({ clock })), clock };
    },
);

describe(`guessing at head office on ${BACKEND}`, () => {
  it(
    'security: head-office staff lock out after 5 wrong PINs, also against the right PIN (429 E_LOCKED_OUT), for 15 minutes',
    { timeout: 120_000 },
    async ({ headOffice }) => {
      const { tho, clock } = await headOffice();
      const login = (pin: string) =>
        tho.request('POST', '/auth/login', { token: null, body: { staffNo: '0001', pin } });
      for (let i = 0; i < 4; i++) expect(errorCode((await login('999999')).body)).toBe('E_BAD_CREDENTIALS');
      const fifth = await login('999999');
      expect(fifth.status).toBe(429);
      expect(errorCode(fifth.body)).toBe('E_LOCKED_OUT');
      // Locked: the right PIN is refused too, and so are more guesses, even in parallel.
      const burst = await Promise.all(Array.from({ length: 10 }, () => login('999999')));
      expect(burst.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 429));
      const right = await login('123456');
      expect(right.status).toBe(429);
      expect(errorCode(right.body)).toBe('E_LOCKED_OUT');
      // Another staff number is not affected.
      expect(
        (await tho.request('POST', '/auth/login', { token: null, body: { staffNo: '0002', pin: '123456' } }))
          .status,
      ).toBe(200);
      clock.advance(14 * MIN);
      expect((await login('123456')).status).toBe(429);
      clock.advance(1 * MIN);
      expect((await login('123456')).status).toBe(200);
      // A sign-in clears the count: four wrong PINs later it is not locked yet.
      for (let i = 0; i < 4; i++) expect((await login('999999')).status).toBe(401);
      expect((await login('123456')).status).toBe(200);
    },
  );

  it(
    'security: wrong /sync/v1/pair codes are limited per source address and in all (429 with Retry-After); even the right code then waits',
    { timeout: 120_000 },
    async ({ headOffice }) => {
      const { tho, clock } = await headOffice();
      const { pairingCode } = await tho.newHall('Target');
      const pair = (source: string, code: string, deviceId = `guesser-${source}`) =>
        postFrom(source, `${tho.url}/sync/v1/pair`, { code, deviceId, hallId: 'h' });

      // One source: its first wrong codes are answered 401, then 429 with Retry-After, right code included.
      const perSource = HO_PAIR_LIMITS.perSource.max;
      for (let i = 0; i < perSource; i++)
        expect((await pair('127.0.0.2', wrongCode(pairingCode, i))).status).toBe(401);
      let res = await pair('127.0.0.2', wrongCode(pairingCode, perSource));
      expect(res.status).toBe(429);
      expect(errorCode(res.body)).toBe('E_RATE_LIMITED');
      expect(Number(res.retryAfter)).toBeGreaterThan(0);
      expect(Number(res.retryAfter)).toBeLessThanOrEqual(HO_PAIR_LIMITS.perSource.windowMs / 1000);
      expect((await pair('127.0.0.2', pairingCode)).status).toBe(429);

      // Many sources together hit the global limit: then every source waits, the right code included.
      const global = HO_PAIR_LIMITS.global.max;
      let failures = perSource;
      let source = 3;
      while (failures < global) {
        const from = `127.0.0.${source++}`;
        for (let i = 0; i < perSource && failures < global; i++, failures++)
          expect((await pair(from, wrongCode(pairingCode, failures))).status).toBe(401);
      }
      res = await pair(`127.0.0.${source}`, wrongCode(pairingCode, 0));
      expect(res.status).toBe(429);
      expect(res.retryAfter).toBeDefined();
      expect((await pair(`127.0.1.${source}`, pairingCode)).status).toBe(429);

      // When the window has passed the right code pairs (it was never consumed by the refusals).
      clock.advance(HO_PAIR_LIMITS.global.windowMs);
      expect((await pair('127.0.0.2', pairingCode, 'the-real-hub')).status).toBe(201);
    },
  );

  it('security: wrong pairing codes sent all at once cannot slip past the limit while the first are checked', async ({
    headOffice,
  }) => {
    const { tho } = await headOffice();
    const { pairingCode } = await tho.newHall('Target');
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        postFrom('127.0.0.9', `${tho.url}/sync/v1/pair`, {
          code: wrongCode(pairingCode, i),
          deviceId: `burst-${i}`,
          hallId: 'h',
        }),
      ),
    );
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(HO_PAIR_LIMITS.perSource.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - HO_PAIR_LIMITS.perSource.max);
  });

  it('security: hall pairing codes are grouped Crockford base-32, typed any sloppy way, and guessing one is below one in a million', async ({
    headOffice,
  }) => {
    const { tho } = await headOffice();
    const codes = await Promise.all(Array.from({ length: 5 }, (_, i) => tho.newHall(`Hall ${i}`)));
    for (const { pairingCode } of codes) expect(pairingCode).toMatch(CROCKFORD_GROUPED);
    expect(new Set(codes.map((c) => c.pairingCode)).size).toBe(5);
    // 8 characters of 32: 2^40 ≈ 1.1e12 codes. Within one code's 10-minute life head office answers at
    // most CODE_LIFETIME_GUESSES wrong codes; with MAX_LIVE_CODES codes alive at once the chance that
    // any guess hits is at most guesses × live codes / space.
    expect(PAIRING_CODE_SPACE).toBe(32 ** 8);
    expect(CODE_LIFETIME_GUESSES).toBe(
      HO_PAIR_LIMITS.global.max * Math.ceil((10 * MIN) / HO_PAIR_LIMITS.global.windowMs),
    );
    expect((CODE_LIFETIME_GUESSES * MAX_LIVE_CODES) / PAIRING_CODE_SPACE).toBeLessThan(1e-6);

    const res = await tho.request('POST', '/sync/v1/pair', {
      token: null,
      body: { code: typedSloppily(codes[0]!.pairingCode), deviceId: 'sloppy-hub', hallId: 'h' },
    });
    expect(res.status).toBe(201);
    // The old six-digit shape is not a code any more.
    const old = await tho.request('POST', '/sync/v1/pair', {
      token: null,
      body: { code: '123456', deviceId: 'x', hallId: 'h' },
    });
    expect(old.status).toBe(400);
  });
});

describe('guessing at the hub', () => {
  async function managerCode(hall: TestHall, name: string): Promise<string> {
    const res = await hall.request('POST', '/devices/pairing-codes', {
      token: await hall.login('9001'),
      body: { role: 'display', name },
    });
    expect(res.status).toBe(201);
    return parseReply(PairingCodeReply, res).code;
  }

  it('security: the hub’s device pairing codes are grouped Crockford base-32, typed any sloppy way, and guessing one is below one in a million', async ({
    demoHall,
  }) => {
    const hall = await demoHall();
    const code = await managerCode(hall, 'TV 2');
    expect(code).toMatch(CROCKFORD_GROUPED);
    // The hub answers at most HUB_PAIR_MAX_FAILURES wrong codes per 10-minute window.
    expect((HUB_PAIR_MAX_FAILURES * MAX_LIVE_CODES) / PAIRING_CODE_SPACE).toBeLessThan(1e-6);
    const res = await hall.request('POST', '/devices/pair', { body: { code: typedSloppily(code) } });
    expect(res.status).toBe(201);
    expect((await hall.request('POST', '/devices/pair', { body: { code: '123456' } })).status).toBe(400);
  });

  it('security: once the hub stops answering pairing guesses it says when to come back (429 with Retry-After)', async ({
    demoHall,
  }) => {
    const hall = await demoHall();
    const code = await managerCode(hall, 'TV 3');
    for (let i = 0; i < HUB_PAIR_MAX_FAILURES; i++) {
      const res = await postFrom('127.0.0.1', `${hall.url}/api/v1/devices/pair`, {
        code: wrongCode(code, i),
      });
      expect(res.status).toBe(401);
    }
    const res = await postFrom('127.0.0.1', `${hall.url}/api/v1/devices/pair`, { code });
    expect(res.status).toBe(429);
    expect(Number(res.retryAfter)).toBeGreaterThan(0);
    expect(Number(res.retryAfter)).toBeLessThanOrEqual(600);
  });

  it('security: a staff number locked at the hub is locked at its stations too', async ({
    hubWithStation,
  }) => {
    const { hub, station } = await hubWithStation(1, { paired: false });
    const wrong = (hall: TestHall) =>
      hall.request('POST', '/auth/login', { body: { staffNo: '1001', pin: '999999' } });
    for (let i = 0; i < 4; i++) expect((await wrong(hub)).status).toBe(401);
    expect((await wrong(hub)).status).toBe(429);
    // The station learns it from the hub with its next pull, and refuses the right PIN.
    await pullOnce(station.node.ctx, 'hub');
    const res = await station.request('POST', '/auth/login', {
      body: { staffNo: '1001', pin: '123456', counterNo: 1 },
    });
    expect(res.status).toBe(429);
    expect(errorCode(res.body)).toBe('E_LOCKED_OUT');
    // Others still sign in there.
    expect(
      (await station.request('POST', '/auth/login', { body: { staffNo: '1002', pin: '123456' } })).status,
    ).toBe(200);
  });
});
