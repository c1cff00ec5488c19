import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { ManualClock } from '../../shared/runtime.ts';
import { shanghai } from '../support/builders.ts';
import {
  callNext,
  clerkSignIn,
  currentNumber,
  seriousA11yViolations,
  settled,
  STAFF_SCREEN,
  test as it,
} from './browser.ts';
import { acceptHandover, writeHandover } from './handoverSteps.ts';

/**
 * Issue 13's day of a hall, in Debian Chromium against the demo hall on a manual clock: the manager
 * cannot open the hall before its opening check; the counter does the check with one failed item, whose
 * fault follow-up appears on the manager's screen; the hall opens; the counter does the disinfection
 * round; at the change of shift the outgoing clerk hands over cash and work orders and the incoming clerk
 * signs each item; the hall closes with customers waiting, and they are still served; the closing check
 * records who closed up. Screenshots of each screen go to docs/screens/issue13-*.png.
 */
const SCREENS = path.resolve('docs/screens');
const MIN = 60_000;
/** A screenshot of the settled page (antd's dialogs and ink bars done moving) into docs/screens. */
async function shot(page: Page, name: string) {
  await settled(page);
  await page.screenshot({ path: path.join(SCREENS, `issue13-${name}.png`) });
}
/** Brings a surface to the front: a background page runs no animation frames, so its dialogs never finish opening. */
const front = async (page: Page) => {
  await page.bringToFront();
  return page;
};

/**
 * Presses one item's result button in the open checklist form, until it shows as chosen: on a loaded
 * machine a click can land while antd's dialog is still settling and be lost (seen once here).
 */
async function press(page: Page, item: string, label: RegExp) {
  const row = page.locator(`[data-item="${item}"]`);
  const radio = row.getByRole('radio', { name: label });
  await expect
    .poll(async () => {
      if (!(await radio.isChecked())) await row.getByText(label).click();
      return radio.isChecked();
    })
    .toBe(true);
}

describe('the hall’s day (issue 13)', () => {
  it('R-OPEN-1, R-DIS-1, R-HAND-1, R-CLOSE-1, R-HRS-2: open after the opening check (a failed item reaches the manager), disinfect, serve, hand over, close with people waiting who are still served', async ({
    demoHall,
    open,
    managerAt,
  }) => {
    mkdirSync(SCREENS, { recursive: true });
    const clock = new ManualClock(shanghai('2026-11-25 07:10'));
    const hall = await demoHall({ clock });
    // The demo hall starts open; this morning it is closed from the night before (an override: nobody else is in).
    const managerToken = await hall.login('9001');
    await hall.request('POST', '/hall/close', {
      token: managerToken,
      body: { override: { reason: '前一日闭厅' } },
    });

    const m = (await managerAt(hall, STAFF_SCREEN)).page;
    // R-OPEN-1: opening is refused while the opening check is not done; the manager is offered an override.
    await m.getByRole('button', { name: '开始取号' }).click();
    const overrideDialog = m.getByRole('dialog', { name: '强制开厅' });
    await overrideDialog.getByText(/开厅检查尚未完成/).waitFor();
    await shot(m, 'manager-open-refused');
    await m.keyboard.press('Escape');
    await overrideDialog.waitFor({ state: 'detached' });

    // The counter's 检查 panel: the opening check is due; one item fails.
    const counter = await open(`${hall.url}/counter?counter=1`, { width: 1366, height: 1000 });
    const c = await front(counter.page);
    await clerkSignIn(c, '1001');
    const panel = c.locator('[data-panel="checklists"]');
    await panel.locator('[data-occurrence="opening@2026-11-25"]').waitFor();
    expect(JSON.stringify(await seriousA11yViolations(c))).toBe('[]');
    await panel.getByRole('button', { name: '填写：开厅检查' }).click();
    const form = c.getByRole('dialog', { name: '开厅检查' });
    for (const item of ['furniture', 'pcs', 'register', 'printers', 'kiosk', 'leaflets', 'fees'])
      await press(c, item, /^合格$/);
    await press(c, 'ac', /^不合格$/);
    await form.getByLabel('空调运行正常 备注').fill('2 号空调不制冷');
    await shot(c, 'counter-opening-check');
    await form.getByRole('button', { name: /提\s*交/ }).click();
    await form.waitFor({ state: 'detached' });
    await c.getByText('1 项不合格，已转主管跟进').waitFor();
    await panel.locator('[data-occurrence="opening@2026-11-25"]').getByText('已完成').waitFor();
    await shot(c, 'counter-checks-done');

    // The manager's 检查 tab: the fault follow-up for the air conditioning, open.
    await front(m);
    await m.getByRole('tab', { name: '检查' }).click();
    const followups = m.locator('[data-panel="followups"]');
    await followups.locator('[data-followup="ac"]').getByText('2 号空调不制冷').waitFor();
    expect(JSON.stringify(await seriousA11yViolations(m))).toBe('[]');
    await shot(m, 'manager-checks-followup');
    // The supervisor resolves it, saying what was done; it stays listed as resolved today.
    await followups.getByRole('button', { name: /处\s*理/ }).click();
    const resolve = m.getByRole('dialog', { name: '处理故障：空调运行正常' });
    await resolve.getByLabel('处理结果').fill('已报修，维修单 W-1125');
    await resolve.getByRole('button', { name: '确认处理' }).click();
    await resolve.waitFor({ state: 'detached' });
    await followups.getByText('9001 已处理：已报修，维修单 W-1125').waitFor();
    await shot(m, 'manager-followup-resolved');
    // Now the hall opens without an override.
    await m.getByRole('tab', { name: '大厅实况' }).click();
    await m.getByRole('button', { name: '开始取号' }).click();
    await m.getByRole('button', { name: '停止取号' }).waitFor();

    // R-DIS-1: the disinfection round.
    clock.advance(50 * MIN); // 08:00
    await front(c);
    await c.reload();
    await panel.locator('[data-occurrence="disinfection@2026-11-25"]').waitFor();
    await panel.getByRole('button', { name: '填写：每日消毒' }).click();
    const dis = c.getByRole('dialog', { name: '每日消毒' });
    for (const item of ['counter_tops', 'chairs', 'appliances', 'kiosk', 'topup', 'work_area'])
      await press(c, item, /^合格$/);
    await dis.getByRole('textbox', { name: '消毒剂名称', exact: true }).fill('84 消毒液 1:100');
    await shot(c, 'counter-disinfection');
    await dis.getByRole('button', { name: /提\s*交/ }).click();
    await dis.waitFor({ state: 'detached' });
    await panel.locator('[data-occurrence="disinfection@2026-11-25"]').getByText('已完成').waitFor();

    // The day goes on: by 16:50 the health record (due 09:00) is overdue, in red on the manager's screen.
    clock.advance(8 * 60 * MIN + 50 * MIN);
    await hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode: 'A' } });
    await hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode: 'A' } });
    await front(m);
    await m.reload();
    await m.getByRole('tab', { name: '检查' }).click();
    await m.locator('[data-occurrence="health@2026-11-25"]').getByText('已逾期').waitFor();
    await shot(m, 'manager-checks-overdue');

    // R-HAND-1, R-HAND-2: the shift changes at counter 1: 李娜 (1001) hands over her cash and work
    // orders, 张伟 (1002) signs in there and signs each item, and serves on.
    await front(c);
    await writeHandover(c);
    await acceptHandover(c, '1002');
    await shot(c, 'counter-handover-signed');

    // R-CLOSE-1 / R-HRS-2: two staff are in (the clerk and the manager), so the hall closes; the two
    // customers waiting are still served.
    await m.getByRole('tab', { name: '大厅实况' }).click();
    await m.getByRole('button', { name: '停止取号' }).click();
    await m
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await m.getByRole('button', { name: '开始取号' }).waitFor();
    const refused = await hall.request('POST', '/tickets', {
      token: hall.kioskToken,
      body: { serviceCode: 'A' },
    });
    expect(refused.status).toBe(409);
    await front(c);
    await c.reload();
    await callNext(c);
    await expect.poll(() => currentNumber(c)).toBe('A001');
    await c.getByRole('button', { name: /办\s*结/ }).click();
    await callNext(c);
    await expect.poll(() => currentNumber(c)).toBe('A002');
    await c.getByRole('button', { name: /办\s*结/ }).click();

    // The closing check, with who closed up (last person out).
    await panel.locator('[data-occurrence="closing@2026-11-25"]').waitFor();
    await panel.getByRole('button', { name: '填写：闭厅检查' }).click();
    const closing = c.getByRole('dialog', { name: '闭厅检查' });
    for (const item of ['doors', 'lights', 'power']) await press(c, item, /^合格$/);
    await closing.getByRole('textbox', { name: '最后离厅人员', exact: true }).fill('张伟 1002');
    await shot(c, 'counter-closing-check');
    await closing.getByRole('button', { name: /提\s*交/ }).click();
    await closing.waitFor({ state: 'detached' });
    await panel.locator('[data-occurrence="closing@2026-11-25"]').getByText('已完成').waitFor();

    // The manager's history shows the day, the closing check's last person out with it.
    await front(m);
    await m.reload();
    await m.getByRole('tab', { name: '检查' }).click();
    await m.getByText('张伟 1002').waitFor();
    await shot(m, 'manager-checks-history');
  });
});
