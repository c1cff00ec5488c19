import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/runtime.ts';
import { startDemoHall, type TestHall } from '../support/hall.ts';
import { journalEvents, shanghai, staffOf } from '../support/builders.ts';
import { z } from 'zod';
import { CounterState, Ticket } from '../../shared/queue/model.ts';
import { parseReply } from '../support/http.ts';

const Counters = z.array(CounterState);

/**
 * DESIGN §3: a call is an exclusive claim. Six counters call in a loop, all at once, until 500 waiting
 * tickets are gone. Every counter fires two call-next requests at the same moment each round, so the
 * claim is contested both between counters and within one counter.
 */
const TICKETS = 500;
const COUNTERS = [1, 2, 3, 4, 5, 6];

async function inParallel<T>(count: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

describe('six counters calling at once (DESIGN-3 exclusive claim)', () => {
  let hall: TestHall;
  const served = new Map<number, string[]>();
  const pairOutcomes: string[] = [];

  beforeAll(async () => {
    hall = await startDemoHall({ clock: new ManualClock(shanghai('2026-11-25 10:00')) });
    const staff = staffOf(hall);
    const tokens = await Promise.all(COUNTERS.map((n) => staff.clerk(n)));
    // Service C (enquiry) is served at every demo counter, so every counter competes for every ticket.
    const counters = parseReply(
      Counters,
      await hall.request('GET', '/counters', { token: await staff.manager() }),
    );
    expect(
      counters.filter((c) => c.services.includes('C') && c.status === 'open').map((c) => c.counterNo),
    ).toEqual(COUNTERS);
    await inParallel(TICKETS, 8, async () => {
      const res = await hall.request('POST', '/tickets', {
        token: hall.kioskToken,
        body: { serviceCode: 'C' },
      });
      expect(res.status).toBe(201);
    });

    await Promise.all(
      COUNTERS.map(async (counterNo, i) => {
        const token = tokens[i]!;
        const mine: string[] = [];
        served.set(counterNo, mine);
        for (;;) {
          const both = await Promise.all([
            hall.request('POST', `/counters/${counterNo}/call-next`, { token }),
            hall.request('POST', `/counters/${counterNo}/call-next`, { token }),
          ]);
          const statuses = both.map((r) => r.status).sort();
          pairOutcomes.push(statuses.join('+'));
          const got = both.find((r) => r.status === 200);
          if (!got) break;
          const ticket = parseReply(Ticket, got);
          expect(ticket).toMatchObject({ status: 'called', counterNo });
          mine.push(ticket.id);
          const fin = await hall.request('POST', `/tickets/${ticket.id}/finish`, { token });
          expect(fin.status, JSON.stringify(fin.body)).toBe(200);
        }
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await hall?.stop();
  });

  it('DESIGN-3: every ticket is called exactly once (journal ticket.called)', () => {
    const db = hall.node.ctx.db;
    const issued = journalEvents(db, 'ticket.issued').map((e) => e.payload.ticketId as string);
    const called = journalEvents(db, 'ticket.called').map((e) => e.payload.ticketId as string);
    expect(issued).toHaveLength(TICKETS);
    expect(called).toHaveLength(TICKETS);
    expect(new Set(called).size).toBe(TICKETS);
    expect([...called].sort()).toEqual([...issued].sort());
    // What the counters were told agrees with the journal.
    expect([...served.values()].flat().sort()).toEqual([...called].sort());
    const left = db.prepare(`SELECT count(*) FROM tickets WHERE status <> 'done'`).pluck().get();
    expect(left).toBe(0);
  });

  it('DESIGN-3: no counter ever holds two called tickets', () => {
    // Replayed from the journal in commit order: a counter's next call comes only after its finish.
    const held = new Map<number, string>();
    for (const e of journalEvents(hall.node.ctx.db, 'ticket.called', 'ticket.finished')) {
      const counterNo = e.payload.counterNo as number;
      const ticketId = e.payload.ticketId as string;
      if (e.type === 'ticket.called') {
        expect(
          held.get(counterNo),
          `counter ${counterNo} called ${ticketId} while holding one`,
        ).toBeUndefined();
        held.set(counterNo, ticketId);
      } else {
        expect(held.get(counterNo)).toBe(ticketId);
        held.delete(counterNo);
      }
    }
    expect(held.size).toBe(0);
    // Two simultaneous call-next at one counter: one claim and one "counter busy", or two "none waiting".
    expect(new Set(pairOutcomes)).toEqual(new Set(['200+409', '204+204']));
    expect(pairOutcomes.filter((o) => o === '200+409')).toHaveLength(TICKETS);
    // The claim was really contested: more than one counter served.
    expect([...served.values()].filter((ids) => ids.length > 0).length).toBeGreaterThan(1);
  });

  it('DESIGN-2: ticket numbers are unique and gapless per prefix per business day', () => {
    const issued = journalEvents(hall.node.ctx.db, 'ticket.issued').map((e) => e.payload);
    const keys = issued.map((p) => `${p.businessDay as string}/${p.number as string}`);
    expect(new Set(keys).size).toBe(TICKETS);
    const numbers = issued.map((p) => p.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: TICKETS }, (_, i) => `C${String(i + 1).padStart(3, '0')}`));
  });
});
