import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/runtime.ts';
import { startDemoHall, type TestHall } from '../support/hall.ts';
import { act, callNext, expectError, issue, journalMark, shanghai, staffOf } from '../support/builders.ts';

/**
 * Issue 9, the security review of the hall node's LAN write path: what the hostile table
 * (hostile.test.ts) cannot say in one request.
 */
let hall: TestHall | null = null;
const clock = new ManualClock(shanghai('2026-11-25 10:00'));

async function demoHall(): Promise<TestHall> {
  clock.set(shanghai('2026-11-25 10:00'));
  hall = await startDemoHall({ clock });
  return hall;
}

afterEach(async () => {
  await hall?.stop();
  hall = null;
});

describe('security: who may act on a ticket no counter holds (DESIGN §6)', () => {
  it('security: a clerk at a counter that serves the service cancels a waiting ticket; a manager cancels any', async () => {
    const h = await demoHall();
    const staff = staffOf(h);
    const a = await issue(h, 'A');
    const b = await issue(h, 'B');
    // Counter 1 serves A and C.
    expect((await act(h, await staff.clerk(1), a.id, 'cancel')).status).toBe('cancelled');
    const before = journalMark(h.node.ctx.db);
    expectError(await h.request('POST', `/tickets/${b.id}/cancel`, { token: await staff.clerk(1) }), 403);
    expect(journalMark(h.node.ctx.db)).toEqual(before);
    expect((await act(h, await staff.manager(), b.id, 'cancel')).status).toBe('cancelled');
  });

  it('security: a clerk who signed in at no counter cannot act on the ticket they held before', async () => {
    const h = await demoHall();
    const a = await issue(h, 'A');
    const atCounter = await h.login('1001', 1);
    expect((await callNext(h, atCounter, 1))?.id).toBe(a.id);
    // The same clerk signs in again without a counter (a second session, e.g. the manager screen).
    const nowhere = await h.login('1001');
    const before = journalMark(h.node.ctx.db);
    expectError(await h.request('POST', `/tickets/${a.id}/finish`, { token: nowhere }), 403);
    expect(journalMark(h.node.ctx.db)).toEqual(before);
  });
});

describe('security: R-AWAY-1 return times', () => {
  it('security: R-AWAY-1 a return time later the same business day is accepted and shown', async () => {
    const h = await demoHall();
    const clerk = await staffOf(h).clerk(3);
    const returnAt = shanghai('2026-11-25 23:30');
    const res = await h.request('POST', '/counters/3/away', {
      token: clerk,
      body: { reason: '午餐', returnAt },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as { returnAt: number }).returnAt).toBe(returnAt);
  });
});
