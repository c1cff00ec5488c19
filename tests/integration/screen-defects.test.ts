import { describe, expect } from 'vitest';
import { HallState } from '../../shared/api/schemas.ts';
import { it, type ClockedHall } from '../support/clocked.ts';
import { act, callNext, expectError, issue } from '../support/builders.ts';
import { drain } from '../support/sync.ts';
import { parseReply } from '../support/http.ts';

/** The hall-node side of issue 10's screen defects: what the screens are told. */
const MIN = 60_000;

/**
 * An A ticket (5-minute limit) that clerk 1001 called, served for `servedMin` minutes and parked for
 * `parkedMin`, and has just returned from the park: what R-SLA-1 counts from here is the test's.
 */
async function returnedFromPark(
  e: ClockedHall,
  servedMin: number,
  parkedMin: number,
): Promise<ClockedHall & { c1: string; ticketId: string }> {
  const { hall, clock, staff } = e;
  const c1 = await staff.clerk(1);
  const t = await issue(hall, 'A');
  await callNext(hall, c1, 1);
  await act(hall, c1, t.id, 'start');
  clock.advance(servedMin * MIN);
  await act(hall, c1, t.id, 'park');
  clock.advance(parkedMin * MIN);
  await act(hall, c1, t.id, 'return');
  return { ...e, c1, ticketId: t.id };
}

describe('hold time is not handling time (R-SLA-1)', () => {
  it('R-SLA-1: 2 min serving + 20 min parked finishes without an overrun reason; the hold is recorded', async ({
    aHall,
  }) => {
    const { hall, clock, c1, ticketId } = await returnedFromPark(await aHall(), 1, 20);
    await act(hall, c1, ticketId, 'start');
    clock.advance(1 * MIN);
    const done = await act(hall, c1, ticketId, 'finish');
    expect(done.overrunReason).toBeNull();
    const finished = hall.node.ctx.db
      .prepare(`SELECT payload FROM journal WHERE type = 'ticket.finished'`)
      .pluck()
      .get() as string;
    expect(JSON.parse(finished)).toMatchObject({ handlingMs: 2 * MIN, overrun: false });
  });

  it('R-SLA-1: serving past the limit is still an overrun after a park', async ({ aHall }) => {
    const { hall, clock, c1, ticketId } = await returnedFromPark(await aHall(), 3, 10);
    clock.advance(3 * MIN);
    expectError(
      await hall.request('POST', `/tickets/${ticketId}/finish`, { token: c1 }),
      422,
      'E_OVERRUN_REASON_REQUIRED',
    );
  });
});

describe('a service no open counter serves (R-DUTY-1)', () => {
  it('R-DUTY-1: the kiosk is told no counter serves it, on the buttons and on the ticket; a signed-in counter changes that', async ({
    aHall,
  }) => {
    const { hall, staff } = await aHall();
    const state = async () =>
      parseReply(HallState, await hall.request('GET', '/hall', { token: hall.kioskToken }));
    // Nobody signed in yet: no counter serves anything.
    expect((await state()).services.map((s) => s.counterOpen)).toEqual([false, false, false, false]);
    const first = await issue(hall, 'D');
    expect(first.counterOpen).toBe(false);
    await staff.clerk(1); // counter 1 serves A and C in the demo hall
    const served = (await state()).services.filter((s) => s.counterOpen).map((s) => s.code);
    const c1 = (await state()).counters.find((c) => c.counterNo === 1)!;
    expect(served.sort()).toEqual([...c1.services].sort());
    const a = await issue(hall, c1.services[0]!);
    expect(a.counterOpen).toBe(true);
  });
});

describe('who is at a counter (R-DUTY-1)', () => {
  it('R-DUTY-1: a counter signed in by a station that names staff as staff-<staffNo> shows the clerk by name', async ({
    aHall,
  }) => {
    const { hall } = await aHall();
    const db = hall.node.ctx.db;
    // What an older station's sign-in projects on the hub: its own id for the hub's clerk 1003.
    db.prepare(`UPDATE counters SET status = 'open', staff_id = 'staff-1003' WHERE counter_no = 3`).run();
    const manager = await hall.login('9001');
    const live = parseReply(HallState, await hall.request('GET', '/hall', { token: manager }));
    const c3 = live.counters.find((c) => c.counterNo === 3)!;
    const name = db.prepare(`SELECT name FROM staff WHERE staff_no = '1003'`).pluck().get();
    expect(c3.staffName).toBe(name);
  });

  it('R-DUTY-1: a clerk signed in at a station shows by name in the hub manager’s live view', async ({
    pulledStation,
    aHall,
  }) => {
    const { hall } = await aHall();
    const station = await pulledStation(hall, 2);
    await station.login('1002', 2);
    await drain(station.node);
    const manager = await hall.login('9001');
    const live = parseReply(HallState, await hall.request('GET', '/hall', { token: manager }));
    const c2 = live.counters.find((c) => c.counterNo === 2)!;
    expect(c2.staffId).not.toBeNull();
    const name = hall.node.ctx.db.prepare(`SELECT name FROM staff WHERE staff_no = '1002'`).pluck().get();
    expect(c2.staffName).toBe(name);
  });
});
