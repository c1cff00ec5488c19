import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callingOrder, eligibleFor, pickNext, type Queued } from '../../shared/queue/ordering.ts';

const RULES = { maxWaitGuardMinutes: 30, consecutivePriorityCap: 2 };
const T0 = Date.UTC(2026, 10, 24, 2, 0);
const MIN = 60_000;

let n = 0;
function aTicket(over: Partial<Queued> = {}): Queued {
  n += 1;
  const issuedAt = over.issuedAt ?? T0 + n;
  return {
    id: `t${n}`,
    number: `A${String(n).padStart(3, '0')}`,
    serviceCode: 'A',
    priority: false,
    internal: false,
    issuedAt,
    queuedAt: issuedAt,
    head: false,
    targetCounterNo: null,
    ...over,
  };
}

const arbTicket = fc.record({
  priority: fc.boolean(),
  internal: fc.boolean(),
  head: fc.boolean(),
  ageMinutes: fc.integer({ min: 0, max: 90 }),
});

describe('queue ordering (DESIGN §3)', () => {
  it('DESIGN-3: FIFO — the oldest normal ticket is called first, never the newest', () => {
    const a = aTicket({ issuedAt: T0 });
    const b = aTicket({ issuedAt: T0 + MIN });
    const c = aTicket({ issuedAt: T0 + 2 * MIN });
    expect(callingOrder([c, a, b], RULES, T0 + 3 * MIN, 0).map((t) => t.id)).toEqual([a.id, b.id, c.id]);
  });

  it('R-PRI-1: a priority ticket goes before older normal tickets', () => {
    const normal = aTicket({ issuedAt: T0 });
    const priority = aTicket({ issuedAt: T0 + MIN, priority: true });
    expect(pickNext([normal, priority], RULES, T0 + 2 * MIN, 0)?.ticket.id).toBe(priority.id);
  });

  it('R-PRI-1: after two priority calls a waiting normal ticket is next', () => {
    const normal = aTicket({ issuedAt: T0 });
    const p = [1, 2, 3].map((i) => aTicket({ issuedAt: T0 + i * MIN, priority: true }));
    const order = callingOrder([normal, ...p], RULES, T0 + 5 * MIN, 0);
    expect(order.map((t) => t.id)).toEqual([p[0]!.id, p[1]!.id, normal.id, p[2]!.id]);
  });

  it('R-PRI-1: the streak carried from earlier calls counts towards the cap', () => {
    const normal = aTicket({ issuedAt: T0 });
    const priority = aTicket({ issuedAt: T0 + MIN, priority: true });
    expect(pickNext([normal, priority], RULES, T0 + 2 * MIN, 2)?.why).toBe('cap-normal');
    expect(pickNext([normal, priority], { ...RULES, consecutivePriorityCap: 3 }, T0 + 2 * MIN, 2)?.why).toBe(
      'priority',
    );
  });

  it('DESIGN-3: a ticket waiting past the max-wait guard goes first, even before priority', () => {
    const old = aTicket({ issuedAt: T0 });
    const priority = aTicket({ issuedAt: T0 + 20 * MIN, priority: true });
    const now = T0 + 31 * MIN;
    expect(pickNext([priority, old], RULES, now, 0)).toMatchObject({
      ticket: { id: old.id },
      why: 'max-wait',
    });
    expect(pickNext([priority, old], RULES, T0 + 29 * MIN, 0)?.ticket.id).toBe(priority.id);
  });

  it('DESIGN-3: a transfer to the head goes before the ordinary queue', () => {
    const waiting = aTicket({ issuedAt: T0 });
    const moved = aTicket({ issuedAt: T0 + 5 * MIN, head: true, queuedAt: T0 + 6 * MIN });
    expect(pickNext([waiting, moved], RULES, T0 + 7 * MIN, 0)?.ticket.id).toBe(moved.id);
  });

  it('R-PRI-2: external customers before internal staff requests', () => {
    const internal = aTicket({ issuedAt: T0, internal: true });
    const external = aTicket({ issuedAt: T0 + MIN });
    expect(callingOrder([internal, external], RULES, T0 + 2 * MIN, 0).map((t) => t.id)).toEqual([
      external.id,
      internal.id,
    ]);
  });

  it('DESIGN-3: a counter sees its services and the tickets aimed at it, not those aimed elsewhere', () => {
    const a = aTicket({ serviceCode: 'A' });
    const b = aTicket({ serviceCode: 'B' });
    const mine = aTicket({ serviceCode: 'B', targetCounterNo: 1 });
    const theirs = aTicket({ serviceCode: 'A', targetCounterNo: 2 });
    expect(eligibleFor([a, b, mine, theirs], { counterNo: 1, services: ['A'] }).map((t) => t.id)).toEqual([
      a.id,
      mine.id,
    ]);
  });

  it('DESIGN-3 (property): calling order is a permutation; each pick is what pickNext would choose', () => {
    /** The definition: pick, remove, pick again. callingOrder must agree with it exactly. */
    const pickedOneByOne = (tickets: Queued[], rules: typeof RULES, now: number, streak: number) => {
      const remaining = [...tickets];
      const order: Queued[] = [];
      for (
        let pick = pickNext(remaining, rules, now, streak);
        pick;
        pick = pickNext(remaining, rules, now, streak)
      ) {
        order.push(pick.ticket);
        streak = pick.streak;
        remaining.splice(remaining.indexOf(pick.ticket), 1);
      }
      return order;
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbTicket, fc.integer({ min: 0, max: 60 })), { maxLength: 25 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (specs, streak, cap) => {
          const now = T0 + 100 * MIN;
          const rules = { ...RULES, consecutivePriorityCap: cap };
          // Requeued tickets (transfer, reactivation) wait from a later time than they were issued.
          const tickets = specs.map(([s, requeuedAfter]) =>
            aTicket({
              ...s,
              issuedAt: now - s.ageMinutes * MIN,
              queuedAt: now - s.ageMinutes * MIN + Math.min(requeuedAfter, s.ageMinutes) * MIN,
            }),
          );
          const order = callingOrder(tickets, rules, now, streak);
          expect(new Set(order.map((t) => t.id))).toEqual(new Set(tickets.map((t) => t.id)));
          expect(order.map((t) => t.id)).toEqual(
            pickedOneByOne(tickets, rules, now, streak).map((t) => t.id),
          );
        },
      ),
    );
  });

  it('R-PRI-1 (property): with normal tickets waiting, never more than cap priority calls in a row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (flags, cap) => {
          const now = T0 + 10 * MIN;
          const tickets = flags.map((priority, i) => aTicket({ priority, issuedAt: T0 + i * 1000 }));
          const order = callingOrder(tickets, { ...RULES, consecutivePriorityCap: cap }, now, 0);
          let run = 0;
          order.forEach((t, i) => {
            run = t.priority ? run + 1 : 0;
            const normalsLeft = order.slice(i + 1).some((x) => !x.priority);
            if (normalsLeft) expect(run).toBeLessThanOrEqual(cap);
          });
        },
      ),
    );
  });

  it('DESIGN-3 (property): within one class (priority, no guard, no head) tickets leave oldest first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 25 })), { maxLength: 20 }),
        (specs) => {
          const now = T0 + 30 * MIN;
          const tickets = specs.map(([priority, age]) =>
            aTicket({ priority, issuedAt: now - age * MIN, queuedAt: now - age * MIN }),
          );
          const order = callingOrder(tickets, RULES, now, 0);
          for (const cls of [true, false]) {
            const times = order.filter((t) => t.priority === cls).map((t) => t.queuedAt);
            expect(times).toEqual([...times].sort((x, y) => x - y));
          }
        },
      ),
    );
  });

  it('DESIGN-3 (property): an overdue ticket is always picked before any ticket within the guard', () => {
    fc.assert(
      fc.property(fc.array(arbTicket, { minLength: 1, maxLength: 20 }), (specs) => {
        const now = T0 + 100 * MIN;
        const tickets = specs.map((s) =>
          aTicket({ ...s, issuedAt: now - s.ageMinutes * MIN, queuedAt: now - s.ageMinutes * MIN }),
        );
        const pick = pickNext(tickets, RULES, now, 0)!;
        const anyOverdue = tickets.some((t) => now - t.issuedAt > 30 * MIN);
        expect(now - pick.ticket.issuedAt > 30 * MIN).toBe(anyOverdue);
      }),
    );
  });
});
