/** Debian Chromium for the e2e tests and scripts/screenshots.ts: plain functions, no vitest. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/** Debian's Chromium, with the flags this machine needs (no network beyond loopback, no GPU). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-results/e2e');
/** Screenshots and PDFs kept to be looked at (git-ignored). */
export const ARTIFACTS = path.resolve('tests/e2e/artifacts');

/**
 * Waits until nothing a person can see is moving (antd's dialogs, drawers and messages): halfway
 * through its fade a toast's text is pale, which a screenshot shows and axe reports as a contrast
 * failure. On a busy machine a 0.3 s animation can take seconds. An element whose motion class stays
 * once it is out of sight (a closed dropdown at opacity 0, no size) shows nothing and is not waited
 * for: one such left-over held the cases e2e for its whole 60 s budget in a clean run.
 */
export async function stillScreen(page: Page): Promise<void> {
  await page.waitForFunction(`[...document.querySelectorAll(
      '[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]',
    )].every((el) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.opacity === '0';
    })`);
}

/**
 * Picks an option of an antd Select by its text, and waits until the select shows it. On a busy machine
 * a click can land while the dropdown is still moving in and choose nothing; then it opens it again.
 */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  const shown = select
    .locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]')
    .filter({ hasText: option });
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await stillScreen(page);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click();
    try {
      await shown.waitFor({ timeout: 15_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * At a counter with its drawer open: opens 收款 and types the receipt both money e2e tests take (R-CASH-1),
 * two meter tests (F01, ¥40) and a ¥123.45 bill, paid with ¥200 in cash (¥163.45 due, ¥36.55 change).
 * Returns the dialog, not yet confirmed.
 */
export async function typeMeterTestsAndBill(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /^收\s*款$/ }).click();
  const pay = page.getByRole('dialog', { name: '收款' });
  await pay.getByRole('button', { name: '+ 添加收费项目' }).click();
  await chooseOption(page, pay.getByLabel('收费项目 1'), 'F01 电能表校验费');
  await pay.getByLabel('第 1 项数量').fill('2');
  await pay.getByRole('button', { name: /添加账单缴费/ }).click();
  await pay.getByLabel('第 1 笔缴费户号').fill('E-1002003');
  await pay.getByLabel('第 1 笔缴费金额').fill('123.45');
  await pay.getByLabel('第 1 种支付金额').fill('200');
  return pay;
}

/** A full-page screenshot in ARTIFACTS once nothing on the page is moving. */
export async function artifactShot(page: Page, name: string): Promise<void> {
  await stillScreen(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
/**
 * How long any one wait on a page may take (locator waits and actions; expect.poll has the same budget
 * in vitest.config.ts): a state that comes in a second alone can take tens of seconds on a busy two-core
 * machine. Tests wait on state, never on time, so a wait that passes returns as soon as it can.
 */
export const WAIT_MS = 60_000;

/** Chromium as a hall TV runs it; `unattendedAudio: false` is a TV set up by hand, without the flag. */
export async function launchBrowser({ unattendedAudio = true } = {}): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
      // The display announces calls unattended (DESIGN §3): no click unlocks audio on a hall TV.
      `--autoplay-policy=${unattendedAudio ? 'no-user-gesture-required' : 'document-user-activation-required'}`,
    ],
  });
}

/** A browser context per device, as in a real hall: each has its own storage and token. */
export async function openSurface(
  browser: Browser,
  url: string,
  viewport = { width: 1366, height: 768 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/** Waits until the page has settled: none of its animations (antd's dialogs opening, ink bars) still running. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running'),
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Waits until `selector` matches in the page without giving the page a user gesture. Playwright runs
 * every locator query and evaluation as one (CDP callFunctionOn with userGesture: true), and a gesture
 * is exactly what lets a blocked AudioContext start: a test of the blocked-sound notice that polled
 * with locators unblocked the sound it was waiting to see blocked, whenever its first poll came before
 * the self-test. This asks the page itself, through a CDP session, with no gesture.
 */
export async function waitWithoutGesture(page: Page, selector: string, timeoutMs = WAIT_MS): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const seen = cdp.send('Runtime.evaluate', {
      expression: `new Promise((resolve) => {
        const seen = () => document.querySelector(${JSON.stringify(selector)}) !== null && (resolve(true), true);
        if (!seen()) new MutationObserver(seen).observe(document, { subtree: true, childList: true });
      })`,
      awaitPromise: true,
      userGesture: false,
    });
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${selector} did not appear within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const { exceptionDetails } = await Promise.race([seen, late]);
    if (exceptionDetails) throw new Error(`waiting for ${selector}: ${exceptionDetails.text}`);
  } finally {
    clearTimeout(timer);
    await cdp.detach();
  }
}

/** axe-core: the violations a public screen must not have (serious or critical). */
export async function seriousA11yViolations(
  page: Page,
): Promise<{ id: string; impact: string; targets: string[] }[]> {
  await stillScreen(page);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Fills a staff sign-in form and submits it (every demo PIN is 123456). */
export async function signIn(page: Page, staffNo: string): Promise<void> {
  await page.getByLabel('工号').fill(staffNo);
  await page.getByLabel('密码').fill('123456');
  await page.keyboard.press('Enter');
}

/** Signs a clerk in at a counter screen and waits for the workspace. */
export async function clerkSignIn(page: Page, staffNo: string): Promise<void> {
  await signIn(page, staffNo);
  await page.getByText('当前号票').waitFor();
}

/** Presses a counter screen's 叫号 (call next). */
export async function callNext(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /叫\s*号/ })
    .first()
    .click();
}

/** The ticket number a counter screen is serving or calling. */
export function currentNumber(page: Page): Promise<string | null> {
  return page.getByLabel('当前号码').textContent();
}
