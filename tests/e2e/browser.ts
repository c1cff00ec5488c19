import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { ManualClock } from '../../shared/runtime.ts';
import { stmt } from '../../db/projections/index.ts';
import { startTestHall, type TestHall } from '../support/hall.ts';
import { startedPerFile } from '../support/fixtures.ts';
import { test as base } from '../support/clocked.ts';
import {
  callNext,
  clerkSignIn,
  launchBrowser,
  openSurface,
  seriousA11yViolations,
  signIn,
} from './chromium.ts';

export {
  CHROMIUM,
  SCREENSHOTS,
  WAIT_MS,
  launchBrowser,
  openSurface,
  screenshot,
  settled,
  waitWithoutGesture,
  seriousA11yViolations,
  signIn,
  clerkSignIn,
  callNext,
  currentNumber,
} from './chromium.ts';

/** The ratings a hall holds, oldest first: what was pressed, where from, at which counter. */
export const ratingsAt = (hall: TestHall) =>
  stmt(hall.node.ctx.db, 'SELECT outcome, source, counter_no FROM ratings ORDER BY recorded_at').all();

/** The hall's TV. */
export const TV = { width: 1920, height: 1080 };
/** The kiosk's portrait touch screen. */
export const PORTRAIT_KIOSK = { width: 1080, height: 1920 };
/** A staff PC's screen (counter, manager), as the screenshots show it. */
export const STAFF_SCREEN = { width: 1366, height: 900 };
type Viewport = { width: number; height: number };

export const displayUrl = (hall: TestHall): string => `${hall.url}/display#token=${hall.displayToken}`;

/** The fixtures of tests/support/fixtures.ts and clocked.ts, and Chromium. */
export const test = base
  /** Debian's Chromium, one per test file. */
  .extend(
    'browser',
    { scope: 'file' },
    startedPerFile(() => launchBrowser()),
  )
  /** Opens a surface at a URL in a browser context of its own; every one is closed after the test. */
  .extend(
    'open',
    ({ browser, defer }) =>
      async (url: string, viewport?: { width: number; height: number }) => {
        const surface = await openSurface(browser, url, viewport);
        defer(() => surface.context.close());
        return surface;
      },
  )
  /** The hall's kiosk, on its portrait touch screen unless told otherwise. */
  .extend(
    'kioskAt',
    ({ open }) =>
      (hall: TestHall, viewport = PORTRAIT_KIOSK) =>
        open(`${hall.url}/kiosk#token=${hall.kioskToken}`, viewport),
  )
  /** The hall's display on its TV, once it shows the counters' board. */
  .extend('displayAt', ({ open }) => async (hall: TestHall) => {
    const display = await open(displayUrl(hall), TV);
    await display.page.locator('.counter-list').waitFor();
    return display;
  })
  /** A counter's screen, nobody signed in. */
  .extend(
    'counterAt',
    ({ open }) =>
      (hall: TestHall, counterNo: number, viewport?: Viewport) =>
        open(`${hall.url}/counter?counter=${counterNo}`, viewport),
  )
  /** A counter's screen with its demo clerk (staff 100N at counter N) signed in. */
  .extend('clerkAt', ({ counterAt }) => async (hall: TestHall, counterNo: number, viewport?: Viewport) => {
    const counter = await counterAt(hall, counterNo, viewport);
    await clerkSignIn(counter.page, `100${counterNo}`);
    return counter;
  })
  /** The manager's screen with the demo duty manager (9001) signed in. */
  .extend('managerAt', ({ open }) => async (hall: TestHall, viewport?: Viewport) => {
    const manager = await open(`${hall.url}/manager`, viewport);
    await signIn(manager.page, '9001');
    return manager;
  })
  /**
   * `clerkOnClock(at, viewport?)`: a demo hall on a manual clock at `at` hall time (aHall), with counter
   * 1's screen open and its demo clerk 1001 signed in there, as a day at the counter starts.
   */
  .extend('clerkOnClock', ({ aHall, clerkAt }) => async (at: string, viewport?: Viewport) => {
    const clocked = await aHall(at);
    return { ...clocked, counter: (await clerkAt(clocked.hall, 1, viewport)).page };
  })
  /** The hall the file's tests share, where the file starts one (withHallPerFile). */
  .extend('fileHall', { scope: 'file' }, async (): Promise<TestHall | null> => null)
  /** The test's hall: the file's, or else one of the test's own (its own queue). */
  .extend('hall', async ({ fileHall, testHall }) => fileHall ?? (await testHall()))
  /** The hall's kiosk, display and manager screens, as kioskAt, displayAt and managerAt open them. */
  .extend('kiosk', ({ hall, kioskAt }) => kioskAt(hall))
  .extend('display', ({ hall, displayAt }) => displayAt(hall))
  .extend('manager', ({ hall, managerAt }) => managerAt(hall));

/** These fixtures, and one hall on `clock` for the whole file: its tests follow one another through it. */
export function withHallPerFile(clock: ManualClock) {
  return test.extend(
    'fileHall',
    { scope: 'file' },
    startedPerFile(() => startTestHall({ clock })),
  );
}

/**
 * R-AWAY-1: the clerk signed in on `counter` puts up the away sign through `node` (the one serving the
 * counter); the customer screen shows it, axe-clean.
 */
export async function awaySignShown(
  node: TestHall,
  screens: { counter: Page; customer: Page },
  counterNo: number,
  away: { reason: string; returnAt: number },
): Promise<void> {
  const token: string | null = await screens.counter.evaluate(
    "localStorage.getItem('servicehall.token.counter')",
  );
  const res = await node.request('POST', `/counters/${counterNo}/away`, { token: token!, body: away });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await screens.customer.locator('main[data-state="away"] .away-sign').waitFor();
  expect(await seriousA11yViolations(screens.customer)).toEqual([]);
}

/** A ticket issued at `hub`'s kiosk, called and started at the counter on `counter`; its number. */
export async function calledAndStarted(hub: TestHall, counter: Page, serviceCode: string): Promise<string> {
  const issued = await hub.request('POST', '/tickets', { token: hub.kioskToken, body: { serviceCode } });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const { number } = issued.body as { number: string };
  await counter.getByText(number).first().waitFor();
  await callNext(counter);
  await counter.getByLabel('当前号码').filter({ hasText: number }).waitFor();
  await counter.getByRole('button', { name: /开始办理/ }).click();
  await counter.locator('[data-sla]').waitFor();
  return number;
}
