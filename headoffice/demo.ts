import type { HoContext } from './context.ts';
import { enrollHoStaff } from './auth/service.ts';

/** `--demo`: a head-office admin 0001 and a read-only viewer 0002, both with PIN 123456 (DESIGN §7). */
export async function seedDemoHeadOffice(ctx: HoContext): Promise<void> {
  await enrollHoStaff(ctx, '0001', '总部管理员', 'admin', '123456');
  await enrollHoStaff(ctx, '0002', '总部查看员', 'viewer', '123456');
}
