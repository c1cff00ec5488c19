import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHeadOffice, type HeadOffice } from '../../headoffice/server.ts';
import { createHall } from '../../headoffice/halls/service.ts';
import { putRef } from '../../headoffice/refdata/service.ts';
import { startHallNode, type HallNode } from '../../hall/node.ts';
import { pullOnce } from '../../hall/sync/pull.ts';
import { startTestHall, tempDir, type TestHall } from '../support/hall.ts';
import {
  clerkSignIn,
  launchBrowser,
  openSurface,
  screenshot as rawScreenshot,
  settled,
  seriousA11yViolations,
  signIn,
} from './browser.ts';
import { chooseOption } from './chromium.ts';
import { z } from 'zod';
import { PairingCodeReply, ServiceView } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

const Services = z.array(ServiceView);

/**
 * Head office's console in Debian Chromium, with a real hub paired to head office (PGlite) and a
 * station paired to the hub: sign-in, halls, pairing codes, reference data reaching the hub,
 * the live cross-hall view; the manager's sync panel; a station's counter with its hub away.
 */
let ho: HeadOffice;
let hub: TestHall;
let station: HallNode;
/** The hub as restarted by the station test (the first one is closed there). */
let hubAgain: HallNode | null = null;
const stationDir = tempDir('servicehall-station-');
let browser: Browser;

/** A screenshot of the settled page: after antd's open and ink-bar animations have finished. */
async function screenshot(page: Page, name: string) {
  await settled(page);
  return rawScreenshot(page, name);
}

async function consoleSignIn(page: Page, staffNo = '0001') {
  await signIn(page, staffNo);
  await page.getByRole('menuitem', { name: '营业厅' }).waitFor();
}

async function hubLogin(staffNo: string, counterNo?: number): Promise<string> {
  return hub.login(staffNo, counterNo);
}

beforeAll(async () => {
  ho = await startHeadOffice({ dataDir: null, port: 0, demo: true, logLevel: 'silent' });
  // Head office holds the hall's services: the console edits them, the hub receives them on a pull.
  await putRef(ho.ctx, 'service', 'A', {
    name: '缴费',
    nameEn: 'Bill payment',
    prefix: 'A',
    slaMinutes: 5,
    open: true,
    sort: 1,
  });
  const hall = await createHall(ho.ctx, '演示营业厅');
  hub = await startTestHall({ headoffice: { url: ho.url, code: hall.pairingCode } });
  const manager = await hubLogin('9001');
  const code = await hub.request('POST', '/devices/pairing-codes', {
    token: manager,
    body: { role: 'counter', name: '1 号窗口电脑', counterNo: 1 },
  });
  station = await startHallNode({
    dataDir: stationDir,
    port: 0,
    logLevel: 'silent',
    timers: false,
    hub: { url: hub.url, code: parseReply(PairingCodeReply, code).code },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await station?.close();
  if (hubAgain) {
    await hubAgain.close();
    rmSync(hub.dataDir, { recursive: true, force: true });
  } else await hub?.stop();
  await ho?.close();
  rmSync(stationDir, { recursive: true, force: true });
});

describe('head office console (end to end)', () => {
  let page: Page;

  it('DESIGN-7: an admin signs in and sees the paired hall online with its devices', async () => {
    const s = await openSurface(browser, `${ho.url}/console`);
    page = s.page;
    // A wrong PIN: the page shows head office's own message.
    await page.getByLabel('工号').fill('0001');
    await page.getByLabel('密码').fill('999999');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: '工号或密码' }).waitFor();
    await screenshot(page, 'console-sign-in');
    await consoleSignIn(page);
    await page.getByRole('menuitem', { name: '营业厅' }).click();
    const row = page.getByRole('row').filter({ hasText: '演示营业厅' });
    await expect.poll(() => row.textContent()).toContain('在线');
    // The hub reports its backlog with every push: it has sent everything.
    await expect.poll(() => row.textContent()).toContain('无积压');
    await row.getByRole('button', { name: /展开/ }).click();
    await page.getByText('营业厅主机').first().waitFor();
    await screenshot(page, 'console-halls');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Complete in English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Halls', exact: true }).waitFor();
    await screenshot(page, 'console-halls-en');
    await page.getByRole('button', { name: /中\s*文/ }).click();
    await page.getByRole('menuitem', { name: '营业厅' }).waitFor();
  });

  it('DESIGN-7: creating a hall shows its one-time pairing code and expiry', async () => {
    await page.getByRole('button', { name: '新建营业厅' }).click();
    await page.getByLabel('营业厅名称').fill('城东营业厅');
    await page.getByRole('button', { name: /创\s*建/ }).click();
    const code = page.getByTestId('pairing-code');
    await expect.poll(() => code.textContent()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    await expect(page.getByText(/仅可使用一次/).count()).resolves.toBe(1);
    await screenshot(page, 'console-pairing-code');
    await page.keyboard.press('Escape');
    await page.getByRole('row').filter({ hasText: '城东营业厅' }).waitFor();
  });

  it('DESIGN-4: a service renamed in the console reaches the hub after a pull; bad input is refused in words', async () => {
    await page.getByRole('menuitem', { name: '参考数据' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Bill payment' });
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const name = page.getByLabel('名称', { exact: true });
    // The form checks with the same zod schema as head office: an empty name is refused in place.
    await name.fill('');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await screenshot(page, 'console-ref-invalid');
    await name.fill('缴费（总部统一）');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('row').filter({ hasText: '缴费（总部统一）' }).waitFor();
    await screenshot(page, 'console-ref-services');

    await pullOnce(hub.node.ctx, 'headoffice');
    const services = await hub.request('GET', '/services', { token: hub.kioskToken });
    const a = parseReply(Services, services).find((s) => s.code === 'A');
    expect(a?.name).toBe('缴费（总部统一）');

    // A service key head office would refuse is refused in the form already, in the UI language.
    await page.getByRole('button', { name: /新\s*增/ }).click();
    await page.getByLabel('业务代码').fill('lower');
    await page.getByLabel('名称', { exact: true }).fill('测试');
    await page.getByLabel('英文名称').fill('Test');
    await page.getByLabel('号票字母').fill('T');
    await page.getByLabel('办理时限（分钟）').fill('5');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('以大写字母开头').waitFor();
    await screenshot(page, 'console-ref-new-invalid');
    await page.keyboard.press('Escape');
  });

  it('DESIGN-7: a ticket issued at the hub is counted in the live cross-hall view', async () => {
    await page.getByRole('menuitem', { name: '全辖实时' }).click();
    const row = page.getByRole('row').filter({ hasText: '演示营业厅' });
    const before = Number((await row.locator('td').nth(2).textContent()) ?? 0);
    const issued = await hub.request('POST', '/tickets', {
      token: hub.kioskToken,
      body: { serviceCode: 'A' },
    });
    expect(issued.status).toBe(201);
    await expect.poll(async () => Number(await row.locator('td').nth(2).textContent())).toBe(before + 1);
    await screenshot(page, 'console-overview');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('DESIGN-4: a quarantined row shows its reason, and the raw row opens in a drawer', async () => {
    // A fixture row: the ingest that quarantines is proven by the sync fault tests.
    await ho.ctx.sql.query(
      `INSERT INTO quarantine (device_id, device_seq, row_id, hall_id, raw, reason, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        'device-under-test',
        7,
        'row-7',
        (await ho.ctx.sql.query<{ hall_id: string }>('SELECT hall_id FROM halls LIMIT 1'))[0]!.hall_id,
        JSON.stringify({ id: 'row-7', type: 'ticket.issued', payload: { serviceCode: 42 } }),
        'payload.serviceCode: expected string',
        Date.now(),
      ],
    );
    await page.getByRole('menuitem', { name: '隔离记录' }).click();
    const row = page.getByRole('row').filter({ hasText: 'expected string' });
    await row.getByRole('button', { name: /查\s*看/ }).click();
    await page.locator('.raw-row').waitFor();
    await expect(page.locator('.raw-row').textContent()).resolves.toContain('"serviceCode": 42');
    await screenshot(page, 'console-quarantine-drawer');
    await page.keyboard.press('Escape');
  });

  it('DESIGN-7: the manager sees the hub’s sync to head office', async () => {
    const s = await openSurface(browser, `${hub.url}/manager`);
    await signIn(s.page, '9001');
    await s.page.getByRole('tab', { name: '同步' }).click();
    const row = s.page.getByRole('row').filter({ hasText: '总部' });
    await expect.poll(() => row.textContent()).toContain('已连接');
    await s.page.getByText('没有隔离记录').waitFor();
    // A station row the hub refused (the fault tests make real ones; here one is put in its place).
    hub.node.ctx.db
      .prepare(
        `INSERT INTO local_quarantine (device_id, device_seq, row_id, raw, reason, received_at)
         VALUES (?, 1, ?, ?, ?, ?)`,
      )
      .run(
        'station-e2e',
        'row-e2e',
        JSON.stringify({ type: 'walkin.served', device_seq: 1 }),
        'broken chain: hash does not match the row',
        Date.now(),
      );
    await s.page
      .getByRole('row')
      .filter({ hasText: 'broken chain' })
      .filter({ hasText: 'walkin.served' })
      .waitFor();
    await screenshot(s.page, 'manager-sync-panel');
    expect(await seriousA11yViolations(s.page)).toEqual([]);
    await s.page
      .getByRole('row')
      .filter({ hasText: 'broken chain' })
      .getByRole('button', { name: /查\s*看/ })
      .click();
    await s.page.locator('pre.raw-row').filter({ hasText: '"walkin.served"' }).waitFor();
    await screenshot(s.page, 'manager-quarantine-raw');
    await s.page.keyboard.press('Escape');
    hub.node.ctx.db.prepare(`DELETE FROM local_quarantine WHERE device_id = 'station-e2e'`).run();
    await s.context.close();
  });

  it('DESIGN-1: with its hub unreachable a station’s counter says so, disables queue buttons and records a walk-in that reaches head office later', async () => {
    const s = await openSurface(browser, `${station.url}/counter?counter=1`, { width: 1366, height: 1100 });
    await clerkSignIn(s.page, '1001');
    const port = hub.node.port;
    const served = async () =>
      (
        await ho.ctx.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM journal WHERE type = 'walkin.served'`,
        )
      )[0]!.n;
    expect(await served()).toBe(0);

    await hub.node.close();
    await s.page.getByRole('alert').filter({ hasText: '无法连接叫号服务器' }).waitFor();
    await expect(
      s.page
        .getByRole('button', { name: /叫\s*号/ })
        .first()
        .isDisabled(),
    ).resolves.toBe(true);
    await s.page.getByText('排队按钮已停用').waitFor();
    await chooseOption(s.page, s.page.getByLabel('业务'), '咨询');
    await s.page.getByLabel('备注').fill('客户咨询停电安排');
    await s.page.getByRole('button', { name: '保存办理记录' }).click();
    await s.page.getByText('待同步').waitFor();
    await s.page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await screenshot(s.page, 'counter-hub-unreachable');
    expect(await seriousA11yViolations(s.page)).toEqual([]);

    // The hub returns on its address: the walk-in reaches it, then head office.
    hubAgain = await startHallNode({ dataDir: hub.dataDir, port, logLevel: 'silent', timers: false });
    await s.page.getByText('已同步到主机').waitFor();
    await expect.poll(served).toBe(1);
    await screenshot(s.page, 'counter-hub-back');
    await s.context.close();
  });

  it('DESIGN-7: a viewer reads every hall but is offered nothing to change', async () => {
    const s = await openSurface(browser, `${ho.url}/console`);
    await consoleSignIn(s.page, '0002');
    await s.page.getByRole('menuitem', { name: '营业厅' }).click();
    await s.page.getByRole('row').filter({ hasText: '演示营业厅' }).waitFor();
    expect(await s.page.getByRole('button', { name: '新建营业厅' }).count()).toBe(0);
    await s.page.getByRole('menuitem', { name: '参考数据' }).click();
    await s.page.getByRole('row').filter({ hasText: 'Bill payment' }).waitFor();
    expect(await s.page.getByRole('button', { name: /新\s*增|编\s*辑|删\s*除/ }).count()).toBe(0);
    await screenshot(s.page, 'console-viewer');
    await s.context.close();
  });

  it('DESIGN-7: the console says plainly when head office does not answer', async () => {
    await page.getByRole('menuitem', { name: '全辖实时' }).click();
    await ho.app.server.closeAllConnections();
    await ho.app.close();
    await page.getByRole('alert').filter({ hasText: '无法连接总部服务器' }).waitFor();
    await screenshot(page, 'console-unreachable');
  });
});
