import { describe, expect } from 'vitest';
import { STAFF_SCREEN, seriousA11yViolations, test as it } from './browser.ts';
import { artifactShot, chooseOption } from './chromium.ts';

/**
 * Issue 12's cases as a clerk and the duty manager live them, in Debian Chromium against a demo hall
 * on a manual clock: the counter opens a complaint; once the clock passes its reply deadline the
 * manager's 逾期事项 shows it in red, and the manager reassigns it. Screenshots go to
 * tests/e2e/artifacts (git-ignored) to be looked at.
 */
const DAY = 86_400_000;
const shot = artifactShot;

describe('cases at the counter and on the duty manager’s list (issue 12)', () => {
  it('R-FR-1, R-CMP-1, R-DUTY-1: the counter opens a complaint; past its reply deadline the manager sees it overdue and reassigns it', async ({
    clerkOnClock,
    managerAt,
  }) => {
    const { hall, clock, counter: c } = await clerkOnClock('2026-11-25 10:00', STAFF_SCREEN);

    // 登记事项: a complaint with the customer's phone; its deadlines are the hall's (3 and 5 days).
    await c.getByRole('button', { name: '登记事项' }).click();
    const dialog = c.getByRole('dialog', { name: '登记事项' });
    await chooseOption(c, dialog.getByLabel('类型'), '投诉');
    await dialog.getByLabel('事项内容').fill('十月电费账单重复扣款，客户要求退还');
    await dialog.getByLabel('客户电话').fill('13812345678');
    await shot(c, 'cases-counter-open');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = c.locator('tr[data-case-no="1"]');
    await row.waitFor();
    // The list masks the phone, even for the owner.
    await expect(row.textContent()).resolves.toContain('138****5678');
    await expect(row.textContent()).resolves.toContain('11/28');
    expect(JSON.stringify(await seriousA11yViolations(c))).toBe('[]');
    await shot(c, 'cases-counter-mine');

    // Three days and an hour later the reply is overdue: the manager signs in on the new day.
    clock.advance(3 * DAY + 3_600_000);
    const m = (await managerAt(hall, STAFF_SCREEN)).page;
    await m.getByRole('tab', { name: '事项' }).click();
    const overdue = m.locator('.ant-card').filter({ hasText: '逾期事项（1）' });
    await overdue.waitFor();
    await overdue
      .locator('tr[data-case-no="1"]')
      .getByText(/已逾期/)
      .waitFor();
    await expect(overdue.textContent()).resolves.toContain('138****5678');
    expect(JSON.stringify(await seriousA11yViolations(m))).toBe('[]');
    await shot(m, 'cases-manager-overdue');

    // R-FR-1: the manager reassigns with a reason; the history names who and when.
    await overdue.getByRole('button', { name: '查看事项 #1' }).click();
    const drawer = m.locator('.ant-drawer').filter({ hasText: '事项 #1' });
    await drawer.waitFor();
    // The manager sees the full number on the case itself (to ring the customer back).
    await drawer.getByText('13812345678').waitFor();
    await chooseOption(m, drawer.getByLabel('办理'), '改派');
    await drawer.getByLabel('新负责人工号').fill('1002');
    await drawer.getByLabel('改派原因').fill('1001 本周休假，由 1002 跟进');
    await drawer.getByRole('button', { name: /记\s*录/ }).click();
    await drawer.getByText('1001 本周休假，由 1002 跟进').waitFor();
    await drawer.getByText(/→ 1002/).waitFor();
    await shot(m, 'cases-manager-reassigned');
    await m.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // The month report counts the case for its new owner and exports with the phone masked.
    await m.getByRole('button', { name: /^查\s*看$/ }).click();
    await m.getByText('未办结事项', { exact: true }).waitFor();
    const report = m.locator('.ant-card').filter({ hasText: '月度流程报表' });
    await expect(report.textContent()).resolves.toContain('（1002）');
    await expect(report.textContent()).resolves.toContain('138****5678');
    await shot(m, 'cases-manager-report');

    // The same screen in English.
    await m.getByRole('button', { name: 'English' }).click();
    await m.getByText('Overdue cases (1)').waitFor();
    await shot(m, 'cases-manager-en');
  });
});
