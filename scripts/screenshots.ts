/**
 * Screenshots of the public screens at their real sizes (kiosk portrait 1080×1920, display 1920×1080),
 * for docs/screens/. `npx tsx scripts/screenshots.ts <prefix>` after `npm run build:web`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startTestHall } from '../tests/support/hall.ts';
import { launchBrowser, openSurface } from '../tests/e2e/chromium.ts';

const prefix = process.argv[2] ?? 'after';
const out = path.resolve('docs/screens');
mkdirSync(out, { recursive: true });

const hall = await startTestHall();
const browser = await launchBrowser();
try {
  const issue = (serviceCode: string) =>
    hall.request('POST', '/tickets', { token: hall.kioskToken, body: { serviceCode } });
  for (const code of ['A', 'A', 'B', 'C', 'A', 'D']) await issue(code);
  for (const [staffNo, counterNo] of [
    ['1001', 1],
    ['1002', 2],
  ] as const) {
    const token = await hall.login(staffNo, counterNo);
    await hall.request('POST', `/counters/${counterNo}/call-next`, { token });
  }
  const kiosk = await openSurface(browser, `${hall.url}/kiosk#token=${hall.kioskToken}`, {
    width: 1080,
    height: 1920,
  });
  await kiosk.page.locator('.service-button').first().waitFor();
  await kiosk.page.screenshot({ path: path.join(out, `${prefix}-kiosk.png`) });
  const display = await openSurface(browser, `${hall.url}/display#token=${hall.displayToken}`, {
    width: 1920,
    height: 1080,
  });
  await display.page.locator('.latest-number').waitFor();
  await display.page.screenshot({ path: path.join(out, `${prefix}-display.png`) });
} finally {
  await browser.close();
  await hall.stop();
}
