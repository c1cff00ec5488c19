import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../shared/runtime.ts';
import type { TestHall } from '../support/hall.ts';
import { journalSentenceAlert } from '../support/builders.ts';
import {
  callNext,
  clerkSignIn,
  currentNumber,
  displayUrl,
  launchBrowser,
  openSurface,
  screenshot,
  seriousA11yViolations,
  test as it,
  TV,
  waitWithoutGesture,
} from './browser.ts';
import { Ticket } from '../../shared/queue/model.ts';
import { businessDay } from '../../shared/time/businessDay.ts';
import { parseReply } from '../support/http.ts';

/**
 * The screen defects of issue 10, each as people meet it, in Debian Chromium. Each test has its own
 * hall (its own queue), so no test depends on another's tickets; a test on a clock of its own starts
 * its hall with testHall.
 */
const MIN = 60_000;

const issue = (hall: TestHall, serviceCode: string) =>
  hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode } });
const lang = (page: Page) => page.locator('html').getAttribute('lang');

describe('public screens start every customer in the default language', () => {
  it('ISSUE-10: the kiosk is back in zh-CN after a ticket and after a reload; the display starts in zh-CN', async ({
    hall,
    kioskAt,
    displayAt,
  }) => {
    const kiosk = await kioskAt(hall);
    await kiosk.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => lang(kiosk.page)).toBe('en');
    await kiosk.page.reload();
    await kiosk.page.locator('.service-button').first().waitFor();
    expect(await lang(kiosk.page)).toBe('zh-CN');

    await kiosk.page.getByRole('button', { name: 'English' }).click();
    await kiosk.page.getByRole('button', { name: /Bill payment/ }).click();
    await kiosk.page.locator('.slip-number').waitFor();
    await kiosk.page.locator('.ticket-done .big-button').click();
    await kiosk.page.locator('.service-button').first().waitFor();
    expect(await lang(kiosk.page)).toBe('zh-CN');
    await kiosk.page.getByText('请选择您要办理的业务').waitFor();

    // The display shares the origin's storage: a language someone chose elsewhere is not its language.
    const display = await displayAt(hall);
    expect(await lang(display.page)).toBe('zh-CN');
  });
});

describe('a service no staffed counter serves', () => {
  it('R-DUTY-1: the kiosk says 暂无窗口办理此业务 and the duty manager is alerted at once', async ({
    managerAt,
    hall,
    kioskAt,
  }) => {
    const kiosk = await kioskAt(hall);
    const d = kiosk.page.getByRole('button', { name: /投诉/ });
    await expect.poll(() => d.textContent()).toContain('暂无窗口办理此业务');
    await d.click();
    await kiosk.page.locator('.slip-number').waitFor();
    await expect(kiosk.page.locator('.ticket-done-hint').textContent()).resolves.toContain(
      '暂无窗口办理此业务',
    );
    const manager = await managerAt(hall);
    await manager.page.getByRole('alert').filter({ hasText: '暂无窗口办理此业务' }).waitFor();
    await screenshot(manager.page, 'manager-no-counter-alert');
  });
});

describe('the manager’s alerts', () => {
  it('R-AWAY-1: an overdue away sign is worded in the manager’s language; an alert journaled as a sentence shows it', async ({
    testHall,
    managerAt,
  }) => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 2)); // 10:00 in Shanghai
    const hall = await testHall({ clock });
    const { ctx } = hall.node;
    const sentence = '2 号窗口暂离已 20 分钟（上限 15 分钟）：会议';
    journalSentenceAlert(hall, 2, sentence);
    const away = await hall.request('POST', '/counters/1/away', {
      token: await hall.login('1001', 1),
      body: { reason: '取资料', returnAt: clock.now() + 5 * MIN },
    });
    expect(away.status).toBe(200);
    clock.advance(16 * MIN);
    expect((await ctx.commits.run('raiseOverdueAwayAlerts')).value).toBe(1);

    const manager = await managerAt(hall);
    await manager.page.getByText('1 号窗口暂离已 16 分钟（上限 15 分钟）：取资料').waitFor();
    await manager.page.getByText(sentence).waitFor();
    await manager.page.getByRole('button', { name: 'English' }).click();
    await manager.page.getByText('Counter 1 has been away for 16 min (limit 15 min): 取资料').waitFor();
    expect(await manager.page.getByText(sentence).count()).toBe(1);
  });
});

describe('the display shows only real calls', () => {
  it('ISSUE-10: a no-show leaves the big call; a transferred ticket is not kept under its old counter', async ({
    hall,
    display,
  }) => {
    const c1 = await hall.login('1001', 1);
    await issue(hall, 'A');
    await issue(hall, 'A');
    const first = parseReply(Ticket, await hall.request('POST', '/counters/1/call-next', { token: c1 }));
    await expect.poll(() => display.page.locator('.latest-number').textContent()).toBe(first.number);
    await hall.request('POST', `/tickets/${first.id}/no-show`, { token: c1 });
    await expect.poll(() => display.page.locator('.latest-number').count()).toBe(0);

    const second = parseReply(Ticket, await hall.request('POST', '/counters/1/call-next', { token: c1 }));
    await expect.poll(() => display.page.locator('.latest-number').textContent()).toBe(second.number);
    await hall.request('POST', `/tickets/${second.id}/transfer`, { token: c1, body: { counterNo: 2 } });
    await expect.poll(() => display.page.locator('.latest-number').count()).toBe(0);
    await expect.poll(() => display.page.locator('.recent-calls').textContent()).not.toContain(second.number);
    // Called again at its new counter, it is shown there.
    const c2 = await hall.login('1002', 2);
    await hall.request('POST', '/counters/2/call-next', { token: c2 });
    await expect.poll(() => display.page.locator('.latest-number').textContent()).toBe(second.number);
    await expect(display.page.locator('.latest-arrow').textContent()).resolves.toContain('2');
  });
});

describe('the counter', () => {
  it('ISSUE-10: 过号 asks for confirmation before the customer is sent away', async ({ hall, clerkAt }) => {
    const counter = await clerkAt(hall, 2);
    await issue(hall, 'A');
    await callNext(counter.page);
    await expect.poll(() => currentNumber(counter.page)).toBe('A001');
    await counter.page.getByRole('button', { name: /过\s*号/ }).click();
    await counter.page.getByText('确认 A001 过号？').waitFor();
    expect(await currentNumber(counter.page)).toBe('A001');
    await screenshot(counter.page, 'counter-no-show-confirm');
    await counter.page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /过\s*号/ })
      .click();
    await counter.page.getByText('当前没有号票').waitFor();
  });

  it('ISSUE-10: until the first queue reply the counter shows it is loading, not "共 0 人"', async ({
    counterAt,
    hall,
  }) => {
    const counter = await counterAt(hall, 2);
    await issue(hall, 'A');
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await counter.page.route('**/api/v1/queue?*', async (route) => {
      await held;
      await route.continue();
    });
    await counter.page.getByLabel('工号').fill('1002');
    await counter.page.getByLabel('密码').fill('123456');
    await counter.page.keyboard.press('Enter');
    await counter.page.getByText('正在读取队列…').first().waitFor();
    expect(await counter.page.getByText(/共 0 人/).count()).toBe(0);
    await screenshot(counter.page, 'counter-loading');
    release();
    await counter.page.getByText(/共 1 人/).waitFor();
  });

  it('ISSUE-10: English counter texts: "1 person", no "Counter · Counter 1"', async ({ hall, clerkAt }) => {
    const counter = await clerkAt(hall, 3);
    await issue(hall, 'B');
    await counter.page.getByRole('button', { name: 'English' }).click();
    await counter.page.getByText(/calling order, 1 person\)/).waitFor();
    expect(await counter.page.locator('header').textContent()).not.toContain('Counter · Counter');
  });

  it('R-SLA-1: an empty overrun reason is refused on the form, with no page error', async ({
    counterAt,
    testHall,
  }) => {
    // The hall's clock runs 10 minutes behind the browser's, so a ticket just started is 10 min in.
    const hall = await testHall({ clock: new ManualClock(Date.now() - 10 * MIN) });
    const counter = await counterAt(hall, 1);
    const errors: string[] = [];
    counter.page.on('pageerror', (e) => errors.push(e.message));
    await clerkSignIn(counter.page, '1001');
    await issue(hall, 'A');
    await callNext(counter.page);
    await counter.page.getByRole('button', { name: /开始办理/ }).click();
    await counter.page.locator('[data-sla="over"]').waitFor();
    await counter.page.getByRole('button', { name: /办\s*结/ }).click();
    const dialog = counter.page.getByRole('dialog');
    // A click while the dialog is still moving in can miss its button on a busy machine: wait until its
    // field is there and antd's opening animation has ended.
    await dialog.locator('textarea').waitFor();
    await counter.page.waitForFunction(
      `!document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-appear-start"]')`,
    );
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await dialog.locator('.ant-form-item-explain-error').waitFor();
    // A rejected promise surfaces as a page error on a later tick; the dialog is still open after it.
    await counter.page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(errors).toEqual([]);
  });
});

describe('the kiosk on its 1080×1920 touch screen', () => {
  it('R-PRI-1: the priority choice comes first, the services fill the screen, in large targets', async ({
    kiosk,
  }) => {
    const buttons = kiosk.page.locator('.service-button');
    await buttons.first().waitFor();
    const priority = (await kiosk.page.locator('.priority-toggle').boundingBox())!;
    const first = (await buttons.first().boundingBox())!;
    const last = (await buttons.last().boundingBox())!;
    expect(priority.y + priority.height).toBeLessThanOrEqual(first.y);
    expect(last.y + last.height).toBeGreaterThan(1920 * 0.8);
    expect(first.height).toBeGreaterThanOrEqual(80);
    await screenshot(kiosk.page, 'kiosk-portrait');
    expect(await seriousA11yViolations(kiosk.page)).toEqual([]);
  });

  it('ISSUE-10: nobody ahead — the ticket says so, never "约 0 分钟"', async ({ hall, kioskAt }) => {
    await hall.login('1006', 6); // counter 6 serves D
    const kiosk = await kioskAt(hall);
    await kiosk.page.getByRole('button', { name: /投诉/ }).click();
    await kiosk.page.locator('.slip-number').waitFor();
    const hint = await kiosk.page.locator('.ticket-done-hint').textContent();
    expect(hint).not.toMatch(/0 分钟/);
    expect(await kiosk.page.locator('.slip-ahead').textContent()).not.toMatch(/0 人/);
  });
});

describe('the display when the browser blocks sound', () => {
  it('ISSUE-10: customers see a calm hint, staff a short line, nobody a command-line flag', async ({
    later,
    hall,
  }) => {
    // A browser started without the unattended-autoplay flag, as a TV set up by hand would be.
    const plain = later(await launchBrowser({ unattendedAudio: false }));
    const display = await openSurface(plain, displayUrl(hall), TV);
    // The self-test loads and decodes every voice clip first. Nothing may touch the page before the
    // notice shows: a Playwright query is a user gesture, and a gesture unblocks the sound.
    await waitWithoutGesture(display.page, '.sound-notice');
    const notice = display.page.locator('.sound-notice');
    expect(await notice.isVisible()).toBe(true);
    const text = (await notice.textContent()) ?? '';
    expect(text).not.toContain('--');
    expect(text).not.toContain('autoplay');
    await screenshot(display.page, 'display-sound-blocked');
    expect(await seriousA11yViolations(display.page)).toEqual([]);
  });
});

describe('device pairing', () => {
  it('ISSUE-10: the manager is not offered the rating pad while /pad does not exist', async ({ manager }) => {
    await manager.page.getByRole('tab', { name: '设备配对' }).click();
    await manager.page.getByLabel('设备类型').click();
    const options = manager.page.locator('.ant-select-item-option');
    await options.first().waitFor();
    const roles = await options.allTextContents();
    expect(roles).toContain('叫号显示屏');
    expect(roles).not.toContain('评价器');
  });
});

describe('the ratings tab', () => {
  it('R-EVAL-1: opens on the hall’s today, not the browser’s, when the hall keeps another time zone', async ({
    hall,
    managerAt,
  }) => {
    // The browser runs on Shanghai time; the hall is set to a zone whose today is another day now.
    const now = Date.now();
    const zone = ['Etc/GMT-14', 'Etc/GMT+12'].find(
      (z) => businessDay(now, z) !== businessDay(now, 'Asia/Shanghai'),
    )!;
    const token = await hall.login('9001');
    const changed = await hall.request('PUT', '/settings', { token, body: { timeZone: zone } });
    expect(changed.status).toBe(200);
    const m = await managerAt(hall);
    await m.page.getByRole('tab', { name: '评价', exact: true }).click();
    await expect
      .poll(() => m.page.locator('input[aria-label="按日"]').inputValue())
      .toBe(businessDay(now, zone));
  });
});
