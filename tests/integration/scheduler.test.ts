import { vi } from 'vitest';
import type { z } from 'zod';
import { Scheduler } from '../../hall/scheduler.ts';
import type { Health } from '../../shared/api/schemas.ts';
import { systemClock } from '../../shared/runtime.ts';
import { describe, expect, it } from '../support/fixtures.ts';

type HealthT = z.infer<typeof Health>;

describe('background jobs', () => {
  it('ISSUE-10: a failing job is logged and kept until a run succeeds; it never overlaps itself', async () => {
    const logged: string[] = [];
    const scheduler = new Scheduler(systemClock, { error: (_obj, msg) => logged.push(msg) });
    let runs = 0;
    let fail = true;
    let release: (() => void) | null = null;
    scheduler.every(
      'flaky',
      10,
      () => {
        runs++;
        if (fail) return Promise.reject(new Error('disk gone'));
        // A slow run: the ticks during it are skipped, not stacked.
        return new Promise<void>((resolve) => (release = resolve));
      },
      { firstAfterMs: 0 },
    );
    await vi.waitFor(() => expect(scheduler.status()[0]?.lastError).toBe('disk gone'));
    expect(logged[0]).toMatch(/flaky failed/);
    const since = scheduler.status()[0]!.failingSince;
    expect(since).not.toBeNull();
    fail = false;
    await vi.waitFor(() => expect(release).not.toBeNull());
    const during = runs;
    await new Promise((r) => setTimeout(r, 50)); // several intervals pass while the run is held
    expect(runs).toBe(during);
    release!();
    await vi.waitFor(() => expect(scheduler.status()[0]?.lastError).toBeNull());
    expect(scheduler.status()[0]?.failingSince).toBeNull();
    scheduler.stop();
  });

  it('ISSUE-10: /health names a failing local job as a problem; a failing pull while offline is not one', async ({
    testHall,
  }) => {
    const hall = await testHall();
    hall.node.scheduler.every('probe', 60_000, () => Promise.reject(new Error('backup folder gone')), {
      firstAfterMs: 0,
    });
    hall.node.scheduler.every('pull-headoffice', 60_000, () => Promise.reject(new Error('ECONNREFUSED')), {
      firstAfterMs: 0,
      network: true,
    });
    const health = async () => (await hall.request('GET', '/health')).body as HealthT;
    await vi.waitFor(async () => expect((await health()).jobs.filter((j) => j.lastError)).toHaveLength(2));
    const h = await health();
    expect(h.ok).toBe(false);
    expect(h.problems.map((p) => p.code)).toEqual(['E_JOB']);
    expect(h.problems[0]!.message).toContain('probe');
    expect(h.problems[0]!.message).toContain('backup folder gone');
  });
});
