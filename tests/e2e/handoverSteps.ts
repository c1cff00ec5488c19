import type { Locator, Page } from 'playwright-core';
import { clerkSignIn } from './browser.ts';

/** Takes a screenshot of a named step, or does nothing (a test that does not keep these pictures). */
export type Shoot = (page: Page, name: string) => Promise<void>;
const noShot: Shoot = async () => undefined;

/** An antd modal's primary button, whose two-character label antd spaces out. */
export const okButton = (dialog: Locator, label: string) =>
  dialog.getByRole('button', { name: new RegExp(`^${[...label].join('\\s*')}$`) });

/** The counter's handover card (交接班). */
export const handoverCard = (c: Page) => c.locator('[data-card="handover"]');

/**
 * R-HAND-2: the clerk signed in at the counter writes the handover: ¥340 in cash by denomination, an
 * installation work order and a repair work order. Returns once the card shows it as theirs.
 */
export async function writeHandover(c: Page, shoot: Shoot = noShot): Promise<void> {
  const card = handoverCard(c);
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
  await shoot(c, 'issue13-handover-write');
  await okButton(write, '提交交接').click();
  await write.waitFor({ state: 'detached' });
  await card.locator('[data-mine]').waitFor();
}

/**
 * R-HAND-1: the writer signs out, `incoming` signs in at the same counter and signs the handover item by
 * item: the cash counted again, the installation order confirmed, the repair order disputed with `dispute`
 * (or confirmed when none is given), and their PIN.
 */
export async function acceptHandover(
  c: Page,
  incoming: string,
  { dispute, shoot = noShot }: { dispute?: string; shoot?: Shoot } = {},
): Promise<void> {
  const card = handoverCard(c);
  await c.getByRole('button', { name: '退出登录' }).click();
  await clerkSignIn(c, incoming);
  await card.getByRole('button', { name: '逐项签收' }).click();
  const accept = c.getByRole('dialog', { name: /签收 1 号窗口/ });
  const item = (n: number) => accept.locator(`[data-item="${n}"]`);
  await item(1).getByText('核对无误').click();
  await accept.getByLabel('第 1 项 ¥100 数量').fill('3');
  await accept.getByLabel('第 1 项 ¥10 数量').fill('4');
  await item(2).getByText('核对无误').click();
  if (dispute) {
    await item(3).getByText('有异议').click();
    await accept.getByLabel('第 3 项异议说明').fill(dispute);
  } else await item(3).getByText('核对无误').click();
  await accept.getByLabel('接班人密码签名').fill('123456');
  await shoot(c, 'issue13-handover-accept');
  await okButton(accept, '签名确认').click();
  await accept.waitFor({ state: 'detached' });
  await card.getByText('本窗口没有待签收的交接').waitFor();
}
