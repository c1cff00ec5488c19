import { describe, expect } from 'vitest';
import { ManualClock } from '../../shared/runtime.ts';
import type { HallNode } from '../../hall/node.ts';
import {
  callNext,
  clerkSignIn,
  currentNumber,
  screenshot,
  seriousA11yViolations,
  withHallPerFile,
} from './browser.ts';
import { QueueReply } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

/**
 * The hall as people use it, in Debian Chromium with one browser context per device: kiosk,
 * two counters, the display. Screenshots are kept in test-results/e2e.
 */
const clock = new ManualClock(Date.now());
/** The kiosk of this hall stands on a landscape screen. */
const KIOSK = { width: 1280, height: 1024 };

/**
 * Stops a node as a pulled cable would: its close waits for browsers' idle keep-alive connections
 * (Fastify keeps them up to 72 s), so they are cut once it no longer listens, and it can start again.
 */
async function pullTheCable(node: HallNode): Promise<void> {
  const closed = node.close();
  await expect.poll(() => node.app.server.listening).toBe(false);
  node.app.server.closeAllConnections();
  await closed;
}

/** The tests follow one another through this hall's morning. */
const it = withHallPerFile(clock);

describe('a morning in the hall (end to end)', () => {
  it('DESIGN-3: the kiosk issues, a counter calls, the display shows and announces it, the counter finishes', async ({
    hall,
    kioskAt,
    displayAt,
    counterAt,
  }) => {
    const kiosk = await kioskAt(hall, KIOSK);
    const display = await displayAt(hall);
    const counter = await counterAt(hall, 1);

    await kiosk.page.getByRole('button', { name: /缴费/ }).click();
    await expect.poll(() => kiosk.page.locator('.slip-number').textContent()).toBe('A001');
    await screenshot(kiosk.page, 'kiosk-ticket');

    await clerkSignIn(counter.page, '1001');
    await callNext(counter.page);
    await expect.poll(() => currentNumber(counter.page)).toBe('A001');

    await expect.poll(() => display.page.locator('.latest-number').textContent()).toBe('A001');
    await expect(display.page.locator('.latest-arrow').textContent()).resolves.toContain('1');
    // The announcement played from the recorded clips (chime + speech), unattended.
    await expect
      .poll(() =>
        display.page.evaluate(
          () => (globalThis as unknown as { announcer: { played: number } }).announcer.played,
        ),
      )
      .toBeGreaterThanOrEqual(1);
    const counter1 = display.page.locator('.counter-row').first();
    await expect.poll(() => counter1.textContent()).toContain('正在呼叫 A001');
    await screenshot(display.page, 'display-call');

    await counter.page.getByRole('button', { name: /开始办理/ }).click();
    await counter.page.locator('[data-sla]').waitFor();
    // The board tells a customer still on the way from one being served.
    await expect.poll(() => counter1.textContent()).toContain('正在办理 A001');
    await screenshot(counter.page, 'counter-serving');
    await counter.page.getByRole('button', { name: /办\s*结/ }).click();
    await counter.page.getByText('当前没有号票').waitFor();
    const queue = await hall.request('GET', '/queue', { token: hall.kioskToken });
    expect(parseReply(QueueReply, queue).serving).toHaveLength(0);
  });

  it('DESIGN-3: two counters racing for one ticket — exactly one gets it', async ({ hall, clerkAt }) => {
    await hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode: 'C' } });
    const a = await clerkAt(hall, 3);
    const b = await clerkAt(hall, 4);
    await Promise.all([a.page, b.page].map(callNext));
    await expect
      .poll(async () =>
        (await Promise.all([a.page, b.page].map((p) => p.getByLabel('当前号码').count()))).reduce(
          (x, y) => x + y,
          0,
        ),
      )
      .toBe(1);
    await screenshot(a.page, 'race-counter-3');
    await screenshot(b.page, 'race-counter-4');
  });

  it('R-PRI-1: a priority ticket is called first; past the max-wait guard an old ticket goes before it', async ({
    hall,
    clerkAt,
  }) => {
    const counter = await clerkAt(hall, 5);
    const issue = (serviceCode: string, priority = false) =>
      hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode, priority } });
    await issue('B');
    await issue('B', true);
    await counter.page.reload();
    await counter.page.getByText('当前号票').waitFor();
    // The waiting list shows the calling order: the priority ticket B002 first.
    await expect.poll(() => counter.page.locator('tbody tr').first().textContent()).toContain('B002');
    await screenshot(counter.page, 'priority-order');
    await callNext(counter.page);
    await expect.poll(() => currentNumber(counter.page)).toBe('B002');
    await counter.page.getByRole('button', { name: /办\s*结/ }).click();
    await counter.page.getByText('当前没有号票').waitFor();

    // B001 has now waited past the guard (30 min); a new priority ticket must not overtake it.
    clock.advance(31 * 60_000);
    await issue('B', true);
    await callNext(counter.page);
    await expect.poll(() => currentNumber(counter.page)).toBe('B001');
    await screenshot(counter.page, 'max-wait-order');
  });

  it('DESIGN-5: kiosk, display and counter have no serious or critical accessibility violations', async ({
    hall,
    kioskAt,
    displayAt,
    clerkAt,
  }) => {
    const kiosk = await kioskAt(hall, KIOSK);
    await kiosk.page.getByRole('button', { name: /缴费/ }).waitFor();
    const display = await displayAt(hall);
    const counter = await clerkAt(hall, 2);
    await screenshot(kiosk.page, 'kiosk-services');
    for (const [name, page] of [
      ['kiosk', kiosk.page],
      ['display', display.page],
      ['counter', counter.page],
    ] as const) {
      expect(await seriousA11yViolations(page), name).toEqual([]);
    }
  });

  it('DESIGN-1: a screen says plainly when its node is unreachable', async ({
    hall,
    displayAt,
    testHall,
  }) => {
    const display = await displayAt(hall);
    const banner = display.page.getByRole('alert').filter({ hasText: '无法连接' });
    expect(await banner.count()).toBe(0);
    // The node stops: the display's socket drops and every reconnection is refused.
    const { port } = hall.node;
    const closed = pullTheCable(hall.node);
    await banner.waitFor();
    await screenshot(display.page, 'display-reconnect');
    await closed;
    // The node returns on its address: the display reconnects by itself and the banner goes.
    await testHall({ dataDir: hall.dataDir, port, clock });
    await banner.waitFor({ state: 'detached' });
  });

  it('DESIGN-1: a counter opened while its hub is down says it cannot read its tickets, its queue buttons disabled', async ({
    demoHall,
    pulledStation,
    clerkAt,
  }) => {
    const hub = await demoHall();
    const station = await pulledStation(hub, 1);
    await pullTheCable(hub.node);
    // The clerk signs in at the station (its own sessions); the queue lives on the hub, out of reach.
    const c = (await clerkAt(station, 1)).page;
    await c.getByRole('alert').filter({ hasText: '无法连接叫号服务器' }).first().waitFor();
    await c.getByText('主机恢复前无法读取本窗口的号票').waitFor();
    await c.getByText('排队按钮已停用').waitFor();
    for (const name of [/叫\s*号/, /暂\s*离/])
      expect(await c.getByRole('button', { name }).first().isDisabled(), String(name)).toBe(true);
  });
});
