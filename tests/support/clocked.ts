import { ManualClock } from '../../shared/runtime.ts';
import { shanghai, staffOf, type Staff } from './builders.ts';
import { test as base } from './fixtures.ts';
import type { TestHall } from './hall.ts';

/** A demo hall on a manual clock, with its staff signed in as a test needs them. */
export interface ClockedHall {
  hall: TestHall;
  clock: ManualClock;
  staff: Staff;
}

/**
 * The fixtures plus `aHall(at?)`: a fresh demo hall on a manual clock at `at` hall time (10:00 on
 * 2026-11-25 unless told otherwise), so a test moves time by hand instead of sleeping.
 */
export const test = base
  .extend('aHall', ({ demoHall }) => async (at = '2026-11-25 10:00'): Promise<ClockedHall> => {
    const clock = new ManualClock(shanghai(at));
    const hall = await demoHall({ clock });
    return { hall, clock, staff: staffOf(hall) };
  })
  /** `aHall(at?)` with clerk 1001 signed in at counter 1, the counter most tests work at. */
  .extend('aHallWithClerk', ({ aHall }) => async (at?: string): Promise<ClockedHall & { clerk: string }> => {
    const e = await aHall(at);
    return { ...e, clerk: await e.staff.clerk(1) };
  });

export const it = test;
