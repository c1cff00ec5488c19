import { test as base } from '../support/fixtures.ts';
import { launchBrowser, openSurface } from './chromium.ts';

export {
  CHROMIUM,
  SCREENSHOTS,
  WAIT_MS,
  launchBrowser,
  openSurface,
  screenshot,
  waitWithoutGesture,
  seriousA11yViolations,
  signIn,
  clerkSignIn,
} from './chromium.ts';

/** The fixtures of tests/support/fixtures.ts, and Chromium. */
export const test = base
  /** Debian's Chromium, one per test file. */
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await launchBrowser();
    onCleanup(() => browser.close());
    return browser;
  })
  /** Opens a surface at a URL in a browser context of its own; every one is closed after the test. */
  .extend(
    'open',
    ({ browser, defer }) =>
      async (url: string, viewport?: { width: number; height: number }) => {
        const surface = await openSurface(browser, url, viewport);
        defer(() => surface.context.close());
        return surface;
      },
  );
