import { describe, expect } from 'vitest';
import { ManualClock } from '../../shared/runtime.ts';
import { screenshot, withHallPerFile } from './browser.ts';

/** Issue 9 on the screens: one bad value never blanks a public screen; storage faults are shown. */
const clock = new ManualClock(Date.now());

const it = withHallPerFile(clock);

describe('security: screens survive bad values and say what is wrong', () => {
  it('security: a return time no clock can show (stored by an older build) gives the display a calm notice, and it recovers', async ({
    hall,
    display,
  }) => {
    const rows = display.page.locator('.counter-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // The value of the incident, journaled as the older build did before the API refused it.
    const by = 'device:older-build';
    await hall.node.ctx.commits.run('appendEvents', [
      { type: 'counter.away', payload: { counterNo: 1, reason: '午餐', returnAt: 8640000000000001 }, by },
    ]);
    const notice = display.page.getByRole('status').filter({ hasText: '请稍候' });
    await expect.poll(() => notice.count()).toBe(1);
    await expect(display.page.locator('#root').textContent()).resolves.toContain('马上恢复');
    await screenshot(display.page, 'display-fallback');

    await hall.node.ctx.commits.run('appendEvents', [
      { type: 'counter.back', payload: { counterNo: 1 }, by },
    ]);
    // It loads itself again (RETRY_MS) and, the value gone, shows the board.
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await notice.count()).toBe(0);
  });

  it('security: the manager screen shows a full disk as a banner, and it clears once a record is saved again', async ({
    hall,
    manager,
  }) => {
    await manager.page.getByRole('tab', { name: '同步' }).waitFor();
    const { db } = hall.node.ctx;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let refused = false;
    for (let i = 0; i < 500 && !refused; i++) {
      const res = await hall.request('POST', '/tickets', {
        token: hall.kioskToken,
        body: { serviceCode: 'A' },
      });
      refused = res.status === 503;
    }
    expect(refused).toBe(true);
    const banner = manager.page.locator('[data-problem="E_STORAGE"]');
    await expect.poll(() => banner.textContent()).toContain('磁盘已满');
    await screenshot(manager.page, 'manager-storage-banner');

    db.pragma('max_page_count = 1073741823');
    const ok = await hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode: 'A' } });
    expect(ok.status).toBe(201);
    await expect.poll(() => banner.count()).toBe(0);
  });
});
