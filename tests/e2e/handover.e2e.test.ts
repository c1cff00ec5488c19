import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { ManualClock } from '../../shared/runtime.ts';
import { shanghai } from '../support/builders.ts';
import { clerkSignIn, seriousA11yViolations, signIn, test as it } from './browser.ts';
import { ARTIFACTS, artifactShot } from './chromium.ts';

/**
 * Issue 13's handover book and visitor register as the hall lives them, in Debian Chromium against a
 * demo hall on a manual clock: clerk 1001 hands over cash and work orders at counter 1, cannot sign it
 * himself, 1002 signs in there and signs it item by item (one disputed); a visitor at 38.2 °C is turned
 * away; the duty manager sees both. Screenshots go to tests/e2e/artifacts (git-ignored) to be looked at.
 */
const shot = artifactShot;
const VIEW = { width: 1366, height: 1000 };

/** An antd modal's primary button, whose two-character label antd spaces out. */
const okButton = (dialog: Locator, label: string) =>
  dialog.getByRole('button', { name: new RegExp(`^${[...label].join('\\s*')}$`) });

/** The counter's own session token, as the screen keeps it. */
const sessionToken = (page: Page) =>
  page.evaluate<string>("JSON.parse(localStorage.getItem('servicehall.counter.session') ?? '{}').token");

describe('the handover book and the visitor register in Chromium (issue 13)', () => {
  it('R-HAND-1, R-HAND-2, R-VIS-1: a handover with cash and work orders is signed by the incoming clerk item by item, the writer cannot sign it, and a visitor above 37.3 °C is turned away', async ({
    demoHall,
    open,
  }) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const clock = new ManualClock(shanghai('2026-11-25 16:30'));
    const hall = await demoHall({ clock });
    const counter = await open(`${hall.url}/counter?counter=1`, VIEW);
    const c = counter.page;
    await clerkSignIn(c, '1001');

    // 写交接班: cash by denomination, an installation and a repair work order.
    const card = c.locator('[data-card="handover"]');
    await card.getByRole('button', { name: '写交接班' }).click();
    const write = c.getByRole('dialog', { name: '写交接班（交班人）' });
    await write.getByRole('button', { name: '＋现金' }).click();
    await write.getByLabel('第 1 项说明').fill('当班现金（含备用金）');
    await write.getByLabel('第 1 项 ¥100 数量').fill('3');
    await write.getByLabel('第 1 项 ¥10 数量').fill('4');
    await write.getByRole('button', { name: '＋新装工单' }).click();
    await write.getByLabel('第 2 项说明').fill('新装工单 XZ-1125-07，待现场勘查');
    await write.getByRole('button', { name: '＋报修工单' }).click();
    await write.getByLabel('第 3 项说明').fill('报修工单 BX-3318，已派工未回单');
    await shot(c, 'issue13-handover-write');
    await okButton(write, '提交交接').click();
    await write.waitFor({ state: 'detached' });

    // The writer's own handover shows as not signable, and the node refuses it too (403).
    await card.locator('[data-mine]').waitFor();
    await expect(card.getByRole('button', { name: '逐项签收' }).count()).resolves.toBe(0);
    await card.getByText('¥340.00').waitFor();
    const handovers = (await hall.request('GET', '/handovers', { token: await hall.login('9001') })).body as {
      id: string;
    }[];
    const ownToken = await sessionToken(c);
    const self = await hall.request('POST', `/handovers/${handovers[0]!.id}/accept`, {
      token: ownToken,
      body: { items: [0, 1, 2].map((index) => ({ index, confirmed: true })), pin: '123456' },
    });
    expect(self.status).toBe(403);
    expect((self.body as { error: { code: string } }).error.code).toBe('E_HANDOVER_SELF');
    expect(JSON.stringify(await seriousA11yViolations(c))).toBe('[]');
    await shot(c, 'issue13-handover-own-not-signable');

    // The incoming clerk signs in at the same counter and signs item by item.
    await c.getByRole('button', { name: '退出登录' }).click();
    await clerkSignIn(c, '1002');
    await card.getByText('1001', { exact: false }).first().waitFor();
    await card.getByRole('button', { name: '逐项签收' }).click();
    const accept = c.getByRole('dialog', { name: /签收 1 号窗口/ });
    const item = (n: number) => accept.locator(`[data-item="${n}"]`);
    await item(1).getByText('核对无误').click();
    await accept.getByLabel('第 1 项 ¥100 数量').fill('3');
    await accept.getByLabel('第 1 项 ¥10 数量').fill('4');
    await item(2).getByText('核对无误').click();
    await item(3).getByText('有异议').click();
    await accept.getByLabel('第 3 项异议说明').fill('回单未见，已电话催办');
    await accept.getByLabel('接班人密码签名').fill('123456');
    await shot(c, 'issue13-handover-accept');
    await okButton(accept, '签名确认').click();
    await accept.waitFor({ state: 'detached' });
    await card.getByText('本窗口没有待签收的交接').waitFor();
    await card.getByText('将自动转入下次交接：1 项').waitFor();
    await shot(c, 'issue13-handover-signed');

    // 登记: a visitor at 38.2 °C is turned away, in big clear words.
    const registers = c.locator('[data-card="registers"]');
    await registers.getByLabel('体温').fill('38.2');
    await registers.getByLabel('姓名（可不填）').fill('王先生');
    await registers.getByLabel('电话（可不填）').fill('13900001111');
    await registers.getByRole('button', { name: /登\s*记/ }).click();
    const away = registers.locator('[data-visitor="turned-away"]');
    await away.waitFor();
    await expect(away.textContent()).resolves.toContain('请劝离');
    await expect(away.textContent()).resolves.toContain('38.2 °C 超过 37.3 °C');
    expect(JSON.stringify(await seriousA11yViolations(c))).toBe('[]');
    await away.scrollIntoViewIfNeeded();
    await shot(c, 'issue13-visitor-turned-away');

    // 工具借用 (R-TOOL-1): a ladder goes out for two hours; the count shows it.
    await registers.getByRole('tab', { name: '工具借用' }).click();
    await registers.getByLabel('工具', { exact: true }).fill('绝缘梯');
    await registers.getByLabel('借用人').fill('1003 赵工');
    await registers.getByRole('button', { name: /借\s*出/ }).click();
    await registers.locator('[data-tools-count]').getByText('借出 1 件，逾期 0 件').waitFor();
    await registers.getByRole('cell', { name: '绝缘梯' }).waitFor();
    await shot(c, 'issue13-counter-tools');

    // The duty manager: the visitor alert at once, the disputed item once the hub's timer has run.
    await hall.node.ctx.commits.run('raiseRecordAlerts');
    const manager = await open(`${hall.url}/manager`, VIEW);
    const m = manager.page;
    await signIn(m, '9001');
    await m.locator('[data-alert="visitor_turned_away"]').waitFor();
    await m.locator('[data-alert="handover_disagreement"]').getByText('回单未见，已电话催办').waitFor();
    expect(JSON.stringify(await seriousA11yViolations(m))).toBe('[]');
    await shot(m, 'issue13-manager-alerts');
    await m.getByRole('tab', { name: '交接班' }).click();
    await m.locator('.ant-segmented-item').filter({ hasText: '有异议' }).click();
    const row = m.locator('.ant-table-row').filter({ hasText: '1002' });
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await m.getByText('回单未见，已电话催办').last().waitFor();
    await shot(m, 'issue13-manager-handovers');
    await m.getByRole('tab', { name: '登记簿' }).click();
    const visitors = m.locator('[data-card="visitors"]');
    await visitors.getByText('已劝离').waitFor();
    await expect(visitors.textContent()).resolves.toContain('139****1111');
    await expect(visitors.textContent()).resolves.not.toContain('13900001111');
    await m.locator('[data-card="tools"]').getByText('绝缘梯').waitFor();
    expect(JSON.stringify(await seriousA11yViolations(m))).toBe('[]');
    await shot(m, 'issue13-manager-registers');
    await m.getByRole('button', { name: 'English' }).click();
    await m.getByText('Visitors today').waitFor();
    await shot(m, 'issue13-manager-registers-en');
  });
});
