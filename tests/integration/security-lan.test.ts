import { describe, expect } from 'vitest';
import { it } from '../support/clocked.ts';
import http from 'node:http';
import WebSocket from 'ws';
import { asBeforeMigration0011, migratedCopy } from '../support/handling.ts';
import { listen } from '../support/live.ts';
import { startStation } from '../support/sync.ts';
import { startTestHeadOffice } from '../support/headoffice.ts';
import {
  act,
  callNext,
  changesNothing,
  expectError,
  expectProjectionsReplay,
  issue,
  refusedUnchanged,
  shanghai,
} from '../support/builders.ts';
import { CounterState, Ticket } from '../../shared/queue/model.ts';
import { parseReply } from '../support/http.ts';

/**
 * Issue 9, the security review of the hall node's LAN write path: what the hostile table
 * (hostile.test.ts) cannot say in one request.
 */
describe('security: who may act on a ticket no counter holds (DESIGN §6)', () => {
  it('security: a clerk at a counter that serves the service cancels a waiting ticket; a manager cancels any', async ({
    aHallWithClerk,
  }) => {
    const { hall: h, staff, clerk } = await aHallWithClerk();
    const a = await issue(h, 'A');
    const b = await issue(h, 'B');
    // Counter 1 serves A and C.
    expect((await act(h, clerk, a.id, 'cancel')).status).toBe('cancelled');
    await refusedUnchanged(h, () => h.request('POST', `/tickets/${b.id}/cancel`, { token: clerk }), 403);
    expect((await act(h, await staff.manager(), b.id, 'cancel')).status).toBe('cancelled');
  });

  it('security: a clerk who signed in at no counter cannot act on the ticket they held before', async ({
    aHall,
  }) => {
    const { hall: h } = await aHall();
    const a = await issue(h, 'A');
    const atCounter = await h.login('1001', 1);
    expect((await callNext(h, atCounter, 1))?.id).toBe(a.id);
    // The same clerk signs in again without a counter (a second session, e.g. the manager screen).
    const nowhere = await h.login('1001');
    await refusedUnchanged(h, () => h.request('POST', `/tickets/${a.id}/finish`, { token: nowhere }), 403);
  });
});

describe('security: R-AWAY-1 return times', () => {
  it('security: R-AWAY-1 a return time later the same business day is accepted and shown', async ({
    aHall,
  }) => {
    const { hall: h, staff } = await aHall();
    const clerk = await staff.clerk(3);
    const returnAt = shanghai('2026-11-25 23:30');
    const res = await h.request('POST', '/counters/3/away', {
      token: clerk,
      body: { reason: '午餐', returnAt },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(parseReply(CounterState, res).returnAt).toBe(returnAt);
  });
});

describe('security: every time a person enters has a sane range', () => {
  it('security: a walk-in that started in 1970 (or two days ago) is refused at the station and changes nothing', async ({
    aHall,
  }) => {
    const { hall: hub, clock } = await aHall();
    const station = await startStation(hub, 1, { clock });
    try {
      const clerk = await station.login('1001', 1);
      await changesNothing(station, async () => {
        for (const startedAt of [1, shanghai('2026-11-23 10:00')]) {
          const res = await station.request('POST', '/walkins', {
            token: clerk,
            body: { serviceCode: 'A', startedAt },
          });
          expectError(res, 400, 'E_TIME_RANGE');
        }
        const late = await station.request('POST', '/walkins', {
          token: clerk,
          body: { serviceCode: 'A', startedAt: shanghai('2026-11-25 09:50'), finishedAt: 8640000000000001 },
        });
        expectError(late, 400);
        // A device token of another node (the hub's kiosk) is nobody here.
        const foreign = await station.request('POST', '/walkins', {
          token: hub.kioskToken,
          body: { serviceCode: 'A', startedAt: shanghai('2026-11-25 09:50') },
        });
        expectError(foreign, 401);
      });
      const ok = await station.request('POST', '/walkins', {
        token: clerk,
        body: { serviceCode: 'A', startedAt: shanghai('2026-11-25 09:50') },
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    } finally {
      await station.stop();
    }
  });
});

describe('security: idempotency keys belong to whoever sent them (DESIGN §3)', () => {
  it("security: a clerk reusing a kiosk's Idempotency-Key gets a ticket of their own, and the projection still rebuilds exactly", async ({
    aHallWithClerk,
  }) => {
    const { hall: h, clerk } = await aHallWithClerk();
    const kiosk = await issue(h, 'A', { key: 'shared-key-1' });
    const mine = await issue(h, 'A', { key: 'shared-key-1', token: clerk });
    expect(mine.id).not.toBe(kiosk.id);
    // Each sender's retry still gets its own ticket back.
    expect((await issue(h, 'A', { key: 'shared-key-1' })).id).toBe(kiosk.id);
    expect((await issue(h, 'A', { key: 'shared-key-1', token: clerk })).id).toBe(mine.id);
    expectProjectionsReplay(h.node.ctx.db);
  });

  it('security: migration 0011 gives the keys of a database made before it their senders, as a rebuild would', async ({
    aHall,
  }) => {
    const { hall: h, staff } = await aHall();
    await issue(h, 'A', { key: 'old-key-1' });
    await issue(h, 'B', { key: 'old-key-2', token: await staff.clerk(3) });
    await migratedCopy(h, asBeforeMigration0011, (migrated) => {
      const keys = () => migrated.prepare('SELECT * FROM idempotency ORDER BY 1, 2').all();
      const afterMigration = keys();
      expect(afterMigration).toHaveLength(2);
      expect(afterMigration).toEqual(h.node.ctx.db.prepare('SELECT * FROM idempotency ORDER BY 1, 2').all());
      expectProjectionsReplay(migrated);
    });
  });

  it('security: two clerks sending the same Idempotency-Key to their own counters each get their own call', async ({
    aHall,
  }) => {
    const { hall: h, staff } = await aHall();
    const first = await issue(h, 'A');
    const second = await issue(h, 'A');
    const call = async (token: string, no: number) =>
      h.request('POST', `/counters/${no}/call-next`, { token, headers: { 'idempotency-key': 'call-1' } });
    const one = await call(await staff.clerk(1), 1);
    const two = await call(await staff.clerk(2), 2);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    expect(two.status, JSON.stringify(two.body)).toBe(200);
    expect(parseReply(Ticket, one).id).toBe(first.id);
    expect(parseReply(Ticket, two).id).toBe(second.id);
    // A retry by clerk 1 is still a replay of clerk 1's call.
    const again = await call(await staff.clerk(1), 1);
    expect(parseReply(Ticket, again).id).toBe(first.id);
  });
});

describe('security: signing out ends the live connection too (DESIGN §5)', () => {
  it("security: logout closes that session's WebSockets with 4401; other sessions and screens keep theirs", async ({
    aHallWithClerk,
  }) => {
    const { hall: h, staff, clerk } = await aHallWithClerk();
    const other = await staff.clerk(2);
    const mine = await listen(h.url, clerk);
    const theirs = await listen(h.url, other);
    const display = await listen(h.url, h.displayToken);
    const res = await h.request('POST', '/auth/logout', { token: clerk });
    expect(res.status).toBe(204);
    expect(await mine.closed).toMatchObject({ code: 4401 });
    // The others still get events.
    await issue(h, 'A');
    await theirs.next((m) => m.type === 'ticket.issued');
    await display.next((m) => m.type === 'ticket.issued');
    theirs.close();
    display.close();
  });
});

/** One raw request with a chosen Host header (fetch sets its own). */
function withHost(
  base: string,
  host: string,
  method: string,
  target: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const url = new URL(base);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        headers: {
          host,
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: a page
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('security: DNS rebinding — the node answers only to its own names (DESIGN §5)', () => {
  it('security: a request naming another host is refused with 421 {error} and changes nothing; the API, pages and WebSocket alike', async ({
    aHall,
  }) => {
    const { hall: h } = await aHall();
    const port = new URL(h.url).port;
    const evil = `rebind.attacker.example:${port}`;
    await refusedUnchanged(
      h,
      () =>
        withHost(h.url, evil, 'POST', '/api/v1/tickets', { token: h.kioskToken, body: { serviceCode: 'A' } }),
      421,
      'E_HOST',
    );
    expectError(await withHost(h.url, evil, 'GET', '/api/v1/health'), 421, 'E_HOST');
    expectError(await withHost(h.url, evil, 'GET', '/kiosk'), 421, 'E_HOST');
    const socket = new WebSocket(`${h.url.replace(/^http/, 'ws')}/api/v1/events?token=${h.displayToken}`, {
      headers: { host: evil },
    });
    const refused = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (req, res) => {
        resolve(res.statusCode ?? 0);
        req.destroy(); // with this listener, ending the refused upgrade is the client's job
      });
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(421);
  });

  it('security: localhost, 127.0.0.1, [::1] and the names given with allowHosts are answered', async ({
    demoHall,
  }) => {
    const hall = await demoHall({ allowHosts: ['hall-7.example'] });
    const port = new URL(hall.url).port;
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'hall-7.example', 'HALL-7.example.']) {
      const res = await withHost(hall.url, `${host}:${port}`, 'GET', '/api/v1/health');
      expect(res.status, `${host}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    expect((await withHost(hall.url, 'hall-8.example', 'GET', '/api/v1/health')).status).toBe(421);
  });
});

describe('security: head office answers only to its own names too', () => {
  it('security: head office refuses a foreign Host with 421 and answers localhost and its allowHosts names', async ({
    later,
  }) => {
    const ho = later(await startTestHeadOffice({ allowHosts: ['ho.example'] }));
    const port = new URL(ho.url).port;
    expectError(await withHost(ho.url, `evil.example:${port}`, 'GET', '/api/v1/health'), 421, 'E_HOST');
    expectError(await withHost(ho.url, 'evil.example', 'GET', '/console'), 421, 'E_HOST');
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'ho.example']) {
      expect((await withHost(ho.url, host, 'GET', '/api/v1/health')).status, host).not.toBe(421);
    }
  });
});

describe('security: a station serves nothing of the hub anonymously (DESIGN §5)', () => {
  it('security: GET /api/v1/hall on a station without a token is 401, with a token it is the hub’s', async ({
    later,
    aHall,
  }) => {
    const { hall: hub } = await aHall();
    const station = later(await startStation(hub, 1));
    expectError(await station.request('GET', '/hall'), 401, 'E_UNAUTHENTICATED');
    const clerk = await station.login('1001', 1);
    expect((await station.request('GET', '/hall', { token: clerk })).status).toBe(200);
  });
});
