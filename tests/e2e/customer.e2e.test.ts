import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../shared/runtime.ts';
import type { TestHall } from '../support/hall.ts';
import { awaySignShown, calledAndStarted, ratingsAt, seriousA11yViolations, test as it } from './browser.ts';

/**
 * Issue 12 in Chromium: a counter, its customer screen and a rating pad at once. The customer screen
 * is shot in each state (tests/e2e/artifacts, git-ignored) to be looked at.
 */
const ARTIFACTS = path.resolve('tests/e2e/artifacts');
const SECOND_SCREEN = { width: 1280, height: 800 };

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A one-time screen code minted with the signed-in clerk's own session, as 打开客户屏 does. */
async function screenCode(hall: TestHall, counter: Page, kind: 'customer' | 'pad'): Promise<string> {
  const token: string | null = await counter.evaluate("localStorage.getItem('servicehall.token.counter')");
  const res = await hall.request('POST', '/counters/5/screens', { token: token!, body: { kind } });
  return (res.body as { code: string }).code;
}

describe('the customer screen and the rating pad (issue 12)', () => {
  it('R-SCR-1, R-FR-3, R-FR-4, R-CASH-1, R-AWAY-1, R-EVAL-1: served with the customer screen in each state, rated on the pad, by keypad, and not rated in time', async ({
    demoHall,
    clerkAt,
    open,
  }) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const clock = new ManualClock(Date.now());
    const hall = await demoHall({ clock });
    const counter = await clerkAt(hall, 5);
    const c = counter.page;
    const customer = (
      await open(`${hall.url}/customer?pair=${await screenCode(hall, c, 'customer')}`, SECOND_SCREEN)
    ).page;
    const pad = (
      await open(`${hall.url}/pad?pair=${await screenCode(hall, c, 'pad')}`, { width: 1024, height: 768 })
    ).page;

    // Idle: the clerk, their initials in place of a photo, the hall's notice.
    await customer.locator('main[data-state="idle"] .clerk-name').waitFor();
    await customer.locator('.clerk-photo-note').waitFor();
    expect(await seriousA11yViolations(customer)).toEqual([]);
    await shot(customer, 'customer-idle');
    await pad.locator('main[data-state="idle"]').waitFor();
    expect(await pad.locator('.rating-button:disabled').count()).toBe(4);
    expect(await seriousA11yViolations(pad)).toEqual([]);
    await shot(pad, 'pad-idle');

    // Serving a new connection (B): steps, the materials with one missing, the acceptance notice.
    await calledAndStarted(hall, c, 'B');
    await customer.locator('main[data-state="serving"] .steps').waitFor();
    await c.getByRole('checkbox', { name: /房屋产权证明/ }).check();
    await customer.locator('.material.missing').waitFor();
    await c.getByRole('button', { name: /受理并出具受理通知书/ }).click();
    await customer.locator('.acceptance .promised').waitFor();
    expect(await seriousA11yViolations(customer)).toEqual([]);
    await shot(customer, 'customer-serving');

    // R-CASH-1: the payment dialog's figures on the customer screen.
    await c.getByRole('button', { name: /^收\s*款$/ }).click();
    await customer.locator('.cash-board [data-amount="due"]').waitFor();
    await shot(customer, 'customer-cash');
    await c.keyboard.press('Escape');
    await customer.locator('.cash-board').waitFor({ state: 'detached' });

    // R-EVAL-1: finishing invites the rating; the pad lights up; the clerk sees only "rated".
    await c.getByRole('button', { name: /^办\s*结$/ }).click();
    await customer.locator('main[data-state="rating"] .rating-button').first().waitFor();
    expect(await seriousA11yViolations(customer)).toEqual([]);
    await shot(customer, 'customer-rating');
    await pad.locator('main[data-state="rating"] .rating-button:enabled').first().waitFor();
    await shot(pad, 'pad-rating');
    await pad.locator('[data-level="satisfied"]').click();
    await pad.locator('main[data-state="thanks"]').waitFor();
    await shot(pad, 'pad-thanks');
    await c.getByTestId('rating-state').filter({ hasText: '已评价' }).waitFor();
    expect(await c.getByTestId('rating-state').textContent()).not.toContain('满意');
    await customer.locator('main[data-state="idle"]').waitFor();
    expect(ratingsAt(hall)).toMatchObject([{ outcome: 'satisfied', source: 'pad' }]);

    // A keypad press on the customer window: key 1 is 非常满意, only while a request is open.
    await calledAndStarted(hall, c, 'A');
    await c.getByRole('button', { name: /^办\s*结$/ }).click();
    await customer.locator('main[data-state="rating"]').waitFor();
    await customer.keyboard.press('1');
    await customer.locator('main[data-state="thanks"]').waitFor();
    await shot(customer, 'customer-thanks');
    expect(ratingsAt(hall)).toMatchObject([
      { outcome: 'satisfied', source: 'pad' },
      { outcome: 'very_satisfied', source: 'keypad' },
    ]);

    // Not rated in time: no_rating, never satisfied.
    await calledAndStarted(hall, c, 'C');
    await c.getByRole('button', { name: /^办\s*结$/ }).click();
    await customer.locator('main[data-state="rating"]').waitFor();
    clock.advance(31_000);
    await c.getByTestId('rating-state').filter({ hasText: '未评价' }).waitFor();
    expect(ratingsAt(hall).at(-1)).toMatchObject({ outcome: 'no_rating', source: 'timeout' });

    // R-AWAY-1: the away sign with reason and return time.
    await awaySignShown(hall, { counter: c, customer }, 5, {
      reason: '临时离开',
      returnAt: clock.now() + 10 * 60_000,
    });
    await shot(customer, 'customer-away');
  });
});
