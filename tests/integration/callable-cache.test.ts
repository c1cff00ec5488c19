import { describe, expect } from 'vitest';
import fc from 'fast-check';
import * as read from '../../db/read.ts';
import { rebuildProjections } from '../../db/rebuild.ts';
import { CALLABLE } from '../../shared/queue/model.ts';
import { ManualClock } from '../../shared/runtime.ts';
import type { Principal } from '../../hall/context.ts';
import { TICKET_COMMANDS, type TicketCommand } from '../../hall/queue/service.ts';
import type { TestHall } from '../support/hall.ts';
import { test } from '../support/fixtures.ts';
import { shanghai } from '../support/builders.ts';

/**
 * The callable tickets are kept in memory (db/projections/callable.ts) and must always equal what the
 * tickets table says, whatever happened: commands in batches, failed commands rolled back inside a
 * batch, transactions rolled back outside the writer, a rebuild.
 */

/** A demo hall on a manual clock at 10:00 hall time, and its manager as the writer's principal. */
const it = test.extend(
  'aHall',
  ({ demoHall }) =>
    () =>
      aHall(demoHall),
);

async function aHall(demoHall: (opts: { clock: ManualClock }) => Promise<TestHall>) {
  const clock = new ManualClock(shanghai('2026-11-25 10:00'));
  const hall = await demoHall({ clock });
  const { db } = hall.node.ctx;
  const row = db.prepare(`SELECT id, staff_no, name FROM staff WHERE role = 'manager' LIMIT 1`).get() as {
    id: string;
    staff_no: string;
    name: string;
  };
  const manager: Principal = {
    kind: 'staff',
    staffId: row.id,
    staffNo: row.staff_no,
    name: row.name,
    role: 'manager',
    counterNo: null,
  };
  return { hall, clock, manager };
}

/** What SQL says is callable, in the cache's order. */
function fromSql(hall: TestHall) {
  const statuses = CALLABLE.map((s) => `'${s}'`).join(', ');
  return hall.node.ctx.db
    .prepare(
      `SELECT id, service_code AS serviceCode, queued_at AS queuedAt, head, target_counter_no AS targetCounterNo
       FROM tickets WHERE status IN (${statuses}) ORDER BY issued_at, id`,
    )
    .all()
    .map((r) => {
      const t = r as {
        id: string;
        serviceCode: string;
        queuedAt: number;
        head: number;
        targetCounterNo: null;
      };
      return { ...t, head: t.head === 1 };
    });
}

function fromCache(hall: TestHall) {
  return read
    .callableTickets(hall.node.ctx.db, ['A', 'B', 'C', 'D'], null)
    .map(({ id, serviceCode, queuedAt, head, targetCounterNo }) => ({
      id,
      serviceCode,
      queuedAt,
      head,
      targetCounterNo,
    }));
}

type Step =
  | { kind: 'issue'; service: string }
  | { kind: 'call'; counterNo: number }
  | { kind: 'act'; pick: number; action: TicketCommand['action'] }
  | { kind: 'transfer'; pick: number; service: string }
  | { kind: 'unknownService' };

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('issue' as const), service: fc.constantFrom('A', 'B', 'C', 'D') }),
  fc.record({ kind: fc.constant('call' as const), counterNo: fc.integer({ min: 1, max: 6 }) }),
  fc.record({
    kind: fc.constant('act' as const),
    pick: fc.nat(),
    action: fc.constantFrom(...TICKET_COMMANDS),
  }),
  fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat(), service: fc.constantFrom('A', 'C') }),
  fc.constant({ kind: 'unknownService' as const }),
);

describe('the in-memory callable tickets (DESIGN-3)', () => {
  it('DESIGN-3 (property): equal the tickets table after every batch, with failed commands among them', async ({
    aHall,
  }) => {
    const { hall, clock, manager } = await aHall();
    const { ctx } = hall.node;
    const all = () => ctx.db.prepare('SELECT id FROM tickets ORDER BY issued_at').pluck().all() as string[];
    const run = (step: Step) => {
      switch (step.kind) {
        case 'issue':
          return ctx.commits.run('issueTicket', manager, {
            serviceCode: step.service,
            priority: false,
            internal: false,
            idempotencyKey: null,
            channel: 'staff',
          });
        case 'unknownService':
          return ctx.commits.run('issueTicket', manager, {
            serviceCode: 'NOPE',
            priority: false,
            internal: false,
            idempotencyKey: null,
            channel: 'staff',
          });
        case 'call':
          return ctx.commits.run('callNext', manager, step.counterNo);
        case 'act': {
          const ids = all();
          return ctx.commits.run('actOnTicket', manager, ids[step.pick % Math.max(1, ids.length)] ?? 'none', {
            action: step.action,
          });
        }
        case 'transfer': {
          const ids = all();
          return ctx.commits.run(
            'transferTicket',
            manager,
            ids[step.pick % Math.max(1, ids.length)] ?? 'none',
            {
              serviceCode: step.service,
            },
          );
        }
      }
    };
    // Counters need someone at them to call; a manager may call anywhere once they are open.
    for (const n of [1, 2, 3, 4, 5, 6])
      ctx.db.prepare(`UPDATE counters SET status = 'open' WHERE counter_no = ?`).run(n);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(arbStep, { minLength: 1, maxLength: 6 }), { maxLength: 8 }),
        async (batches) => {
          for (const batch of batches) {
            // Sent together, so the writer applies them in one transaction, each in its own savepoint.
            await Promise.allSettled(batch.map(run));
            clock.advance(7_000);
            expect(fromCache(hall)).toEqual(fromSql(hall));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('DESIGN-3: a transaction rolled back outside the writer leaves no ticket behind in the cache', async ({
    aHall,
  }) => {
    const { hall, manager } = await aHall();
    const { ctx } = hall.node;
    await ctx.commits.run('issueTicket', manager, {
      serviceCode: 'A',
      priority: false,
      internal: false,
      idempotencyKey: null,
      channel: 'staff',
    });
    expect(fromCache(hall)).toHaveLength(1);
    const phantom = ctx.db.transaction(() => {
      ctx.journal.append(
        'ticket.issued',
        {
          ticketId: ctx.ids.next(),
          number: 'A900',
          serviceCode: 'A',
          priority: false,
          internal: false,
          businessDay: '2026-11-25',
          seq: 900,
          idempotencyKey: null,
          channel: 'staff',
        },
        manager.staffId,
      );
      expect(fromCache(hall)).toHaveLength(2); // seen inside its own transaction
      throw new Error('undo');
    });
    expect(phantom).toThrow('undo');
    expect(fromCache(hall)).toEqual(fromSql(hall));
    expect(fromCache(hall)).toHaveLength(1);
  });

  it('DESIGN-2: after a rebuild the cache equals the rebuilt tickets table', async ({ aHall }) => {
    const { hall, manager } = await aHall();
    const { ctx } = hall.node;
    for (const serviceCode of ['A', 'B', 'A'])
      await ctx.commits.run('issueTicket', manager, {
        serviceCode,
        priority: false,
        internal: false,
        idempotencyKey: null,
        channel: 'staff',
      });
    expect(fromCache(hall)).toHaveLength(3);
    rebuildProjections(ctx.db);
    expect(fromCache(hall)).toEqual(fromSql(hall));
  });
});
