import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startHeadOffice, type HeadOffice } from '../../headoffice/server.ts';
import { createHall } from '../../headoffice/halls/service.ts';
import { checkAgainstHeadOffice } from '../../hall/sync/integrity.ts';
import { startTestHall, type TestHall } from '../support/hall.ts';
import { withJournalGuardsLifted } from '../support/rows.ts';
import { drain } from '../support/sync.ts';
import { screenshot, seriousA11yViolations, signIn, test as it } from './browser.ts';
import { PairingCodeReply } from '../../shared/api/schemas.ts';
import { parseReply } from '../support/http.ts';

/**
 * Issue 9 on the screens: a device head office refuses and a journal that differs from what head
 * office acknowledged are never silent (manager screen, console); /setup takes the new pairing codes
 * however they are typed.
 */
let ho: HeadOffice;
let hub: TestHall;

beforeAll(async () => {
  ho = await startHeadOffice({ dataDir: null, port: 0, demo: true, logLevel: 'silent' });
  const hall = await createHall(ho.ctx, '城西营业厅');
  hub = await startTestHall({ sync: false, headoffice: { url: ho.url, code: hall.pairingCode } });
});

afterAll(async () => {
  await hub?.stop();
  await ho?.close();
});

describe('security alarms on the screens (end to end)', () => {
  it('security: a refused station and a journal cut short show on the manager screen and in the console', async ({
    open,
  }) => {
    const res = await hub.request('POST', '/tickets', { token: hub.kioskToken, body: { serviceCode: 'A' } });
    expect(res.status).toBe(201);
    await drain(hub.node);
    // Head office refused a station this hub carries (tests/integration/security-devices proves the path).
    hub.node.ctx.db
      .prepare(
        `INSERT INTO local_upstream_devices (upstream, device_id, refused_code, refused_at)
         VALUES ('headoffice', 'station-e2e', 'E_DEVICE_BOUND', ?)`,
      )
      .run(Date.now());
    // Someone deletes the hub's last acknowledged row; the hub's own check finds it.
    const db = hub.node.ctx.db;
    withJournalGuardsLifted(db, () =>
      db
        .prepare('DELETE FROM journal WHERE device_id = ? AND device_seq = ?')
        .run(hub.node.ctx.deviceId, hub.node.ctx.journal.lastSeq()),
    );
    expect((await checkAgainstHeadOffice(db, hub.node.ctx.clock)).mismatches).toHaveLength(1);

    const m = await open(`${hub.url}/manager`);
    await signIn(m.page, '9001');
    // On every tab, the live one first.
    await m.page.getByText('本营业厅的账本与总部已确认的记录不一致').first().waitFor();
    await m.page.getByRole('tab', { name: '同步' }).click();
    await m.page.getByText(/总部拒收以下设备的记录：station-e2e \(已属于其他营业厅\)/).waitFor();
    await m.page.getByTestId('integrity-alarm').waitFor();
    await screenshot(m.page, 'manager-security-alarms');
    expect(await seriousA11yViolations(m.page)).toEqual([]);
    await m.page.getByRole('button', { name: 'English' }).click();
    await m.page.getByText(/Head office refuses the rows of these devices: station-e2e/).waitFor();

    const c = await open(`${ho.url}/console`);
    await signIn(c.page, '0001');
    await c.page.getByRole('menuitem', { name: '营业厅' }).click();
    const row = c.page.getByRole('row').filter({ hasText: '城西营业厅' });
    await expect.poll(() => row.textContent()).toContain('与总部不一致');
    await screenshot(c.page, 'console-integrity-mismatch');
    expect(await seriousA11yViolations(c.page)).toEqual([]);
  });

  it('security: /setup pairs with a code typed in lower case with a space, and refuses the old six digits in words', async ({
    open,
  }) => {
    const manager = await hub.login('9001');
    const made = await hub.request('POST', '/devices/pairing-codes', {
      token: manager,
      body: { role: 'display', name: '大厅电视 2' },
    });
    const code = parseReply(PairingCodeReply, made).code;
    const s = await open(`${hub.url}/setup`);
    const input = s.page.getByLabel('配对码');
    await input.fill('123456');
    await s.page.getByRole('button', { name: /配\s*对/ }).click();
    await s.page.getByText('配对码为 8 位字母和数字').waitFor();
    await input.fill(code.toLowerCase().replace('-', ' '));
    await s.page.getByRole('button', { name: /配\s*对/ }).click();
    await s.page.getByText('本设备已配对为“大厅电视 2”').waitFor();
    await screenshot(s.page, 'setup-paired-crockford');
  });
});
