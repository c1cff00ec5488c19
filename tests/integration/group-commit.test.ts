import { describe, expect } from 'vitest';
import type { JournalRow } from '../../shared/journal/row.ts';
import { test } from '../support/fixtures.ts';
import { counterBacks } from '../support/rows.ts';

/** A demo hall whose commits are recorded: one entry per durable transaction, with its rows. */
const it = test.extend('aHall', ({ testHall }) => async () => {
  const hall = await testHall();
  const commits: JournalRow[][] = [];
  hall.node.ctx.commits.onCommit((rows) => commits.push(rows));
  return { hall, ctx: hall.node.ctx, commits };
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('group commit (DESIGN-2 journal written before the reply)', () => {
  it('DESIGN-2: commands arriving over a few event-loop turns share one transaction', async ({ aHall }) => {
    const { ctx, commits } = await aHall();
    // As HTTP delivers them: one request parsed per turn.
    const replies: Promise<unknown>[] = [];
    for (let i = 0; i < 3; i++) {
      replies.push(ctx.commits.run('appendEvents', counterBacks(1, 1)));
      await nextTurn();
    }
    await Promise.all(replies);
    expect(commits.map((rows) => rows.length)).toEqual([3]);
  });

  it('DESIGN-2: a lone command is not held back past one empty turn', async ({ aHall }) => {
    const { ctx, commits } = await aHall();
    let turns = 0;
    let counting = true;
    const count = async () => {
      while (counting) {
        await nextTurn();
        turns++;
      }
    };
    const counter = count();
    await ctx.commits.run('appendEvents', counterBacks(1, 1));
    counting = false;
    await counter;
    expect(commits).toHaveLength(1);
    expect(turns).toBeLessThanOrEqual(3);
  });

  it('DESIGN-2: a failing command in a batch is answered with its error and undoes nothing else', async ({
    aHall,
  }) => {
    const { ctx, commits } = await aHall();
    const before = ctx.journal.lastSeq();
    const outcomes = await Promise.allSettled([
      ctx.commits.run('appendEvents', counterBacks(1, 2)),
      // A counter the hall does not have: the payload is refused by the event schema.
      ctx.commits.run('appendEvents', counterBacks(0, 1)),
      ctx.commits.run('appendEvents', counterBacks(2, 1)),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(commits.map((rows) => rows.length)).toEqual([3]);
    expect(ctx.journal.lastSeq()).toBe(before + 3);
  });
});
