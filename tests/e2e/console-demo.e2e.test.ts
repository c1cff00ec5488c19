import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHeadOffice, type HeadOffice } from '../../headoffice/server.ts';
import { createHall } from '../../headoffice/halls/service.ts';
import { startTestHall, type TestHall } from '../support/hall.ts';
import { launchBrowser, openSurface, screenshot, signIn } from './browser.ts';
import { IssueReply } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

/**
 * Head office's demo as a newcomer meets it with the demo hall paired: the reference data the hall
 * runs, and the hall's tickets today on the live view (issue 10).
 */
let ho: HeadOffice;
let hub: TestHall;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ho = await startHeadOffice({ dataDir: null, port: 0, demo: true, logLevel: 'silent' });
  const hall = await createHall(ho.ctx, '演示营业厅');
  hub = await startTestHall({ headoffice: { url: ho.url, code: hall.pairingCode } });
  browser = await launchBrowser();
  page = (await openSurface(browser, `${ho.url}/console`)).page;
  await signIn(page, '0001');
  await page.getByRole('menuitem', { name: '营业厅' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await ho?.close();
});

describe("head office's demo", () => {
  it('DESIGN-4: the demo console holds the demo hall’s 4 services, 6 counters and 7 staff', async () => {
    await page.getByRole('menuitem', { name: '参考数据' }).click();
    for (const [tab, count, sample] of [
      ['业务', 4, '投诉'],
      ['窗口', 6, '6 号窗口'],
      ['员工', 7, '赵磊'],
    ] as const) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      const panel = page.getByRole('tabpanel', { name: tab });
      await panel.getByRole('row').filter({ hasText: sample }).waitFor();
      // Header row plus one row per item.
      await expect.poll(() => panel.getByRole('row').count()).toBe(count + 1);
    }
    await screenshot(page, 'console-demo-refdata');
  });

  it('DESIGN-7: the live view lists each hall’s tickets today with their state', async () => {
    const issue = () =>
      hub.request('POST', '/tickets', { token: hub.kioskToken, body: { serviceCode: 'A' } });
    const first = parseReply(IssueReply, await issue());
    await issue();
    const clerk = await hub.login('1001', 1);
    await hub.request('POST', '/counters/1/call-next', { token: clerk });
    await page.getByRole('menuitem', { name: '全辖实时' }).click();
    const tickets = page.locator('.ant-card').filter({ hasText: '演示营业厅 · 今日号票' });
    const row = tickets.getByRole('row').filter({ hasText: first.number });
    await expect.poll(() => row.textContent()).toContain('已叫号');
    await expect.poll(() => tickets.getByRole('row').filter({ hasText: '等候中' }).count()).toBe(1);
    await screenshot(page, 'console-hall-tickets');
  });
});
