import argon2 from 'argon2';
import type { HoContext } from './context.ts';
import { enrollHoStaff } from './auth/service.ts';
import { putRef } from './refdata/service.ts';
import { DEMO, demoCounterName } from '../shared/demo.ts';

/**
 * `--demo`: a head-office admin 0001 and a read-only viewer 0002, both with PIN 123456 (DESIGN §7),
 * and, on an empty store, the demo hall's services, counters and staff as reference data — head
 * office is where reference data comes from (DESIGN §4), so its demo holds what the demo hall runs.
 */
export async function seedDemoHeadOffice(ctx: HoContext): Promise<void> {
  await enrollHoStaff(ctx, '0001', '总部管理员', 'admin', '123456');
  await enrollHoStaff(ctx, '0002', '总部查看员', 'viewer', '123456');
  await seedDemoReferenceData(ctx);
}

async function seedDemoReferenceData(ctx: HoContext): Promise<void> {
  const [{ n }] = (await ctx.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM ref_data')) as [
    { n: number },
  ];
  if (n > 0) return; // never over an admin's edits, nor on a later start
  for (const { code, ...service } of DEMO.services) await putRef(ctx, 'service', code, service);
  for (const c of DEMO.counters)
    await putRef(ctx, 'counter', String(c.counterNo), {
      name: demoCounterName(c.counterNo),
      services: c.services,
    });
  // One hash serves all: every demo PIN is the same, and argon2 is the slow part of a start.
  const pinHash = await argon2.hash(DEMO.pin, { type: argon2.argon2id });
  for (const s of DEMO.staff) await putRef(ctx, 'staff', s.staffNo, { name: s.name, role: s.role, pinHash });
  for (const { code, ...fee } of DEMO.fees) await putRef(ctx, 'fee', code, fee);
  for (const { code, template } of DEMO.checklists) await putRef(ctx, 'checklist', code, template);
}
