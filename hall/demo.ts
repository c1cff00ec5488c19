import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordedByDevice, type HallContext, type WriteContext } from './context.ts';
import { hashPin } from './auth/service.ts';
import { createDevice } from './devices/service.ts';

/** The demo hall of DESIGN §6: four services, six counters, a manager and six clerks, PIN 123456. */
export const DEMO = {
  services: [
    { code: 'A', name: '缴费', nameEn: 'Bill payment', prefix: 'A', slaMinutes: 5, open: true, sort: 1 },
    {
      code: 'B',
      name: '业务办理',
      nameEn: 'New connection / change',
      prefix: 'B',
      slaMinutes: 20,
      open: true,
      sort: 2,
    },
    { code: 'C', name: '咨询', nameEn: 'Enquiry', prefix: 'C', slaMinutes: 5, open: true, sort: 3 },
    { code: 'D', name: '投诉', nameEn: 'Complaint', prefix: 'D', slaMinutes: 20, open: true, sort: 4 },
  ],
  counters: [
    { counterNo: 1, services: ['A', 'C'] },
    { counterNo: 2, services: ['A', 'C'] },
    { counterNo: 3, services: ['B', 'C'] },
    { counterNo: 4, services: ['B', 'C'] },
    { counterNo: 5, services: ['A', 'B', 'C'] },
    { counterNo: 6, services: ['D', 'C'] },
  ],
  staff: [
    { staffNo: '9001', name: '王敏', role: 'manager' as const },
    { staffNo: '1001', name: '李娜', role: 'clerk' as const },
    { staffNo: '1002', name: '张伟', role: 'clerk' as const },
    { staffNo: '1003', name: '刘洋', role: 'clerk' as const },
    { staffNo: '1004', name: '陈静', role: 'clerk' as const },
    { staffNo: '1005', name: '杨帆', role: 'clerk' as const },
    { staffNo: '1006', name: '赵磊', role: 'clerk' as const },
  ],
  pin: '123456',
};

export interface DemoDevices {
  kiosk: string;
  display: string;
}

/**
 * Seeds an empty data directory with the demo hall. The demo's own kiosk and display tokens are kept
 * in demo-devices.json so `npm start` can open them; a real hall pairs its devices by code instead.
 */
export async function seedDemoHall(ctx: HallContext): Promise<DemoDevices> {
  const pinHashes = await Promise.all(DEMO.staff.map(() => hashPin(DEMO.pin)));
  const { value } = await ctx.commits.run('seedDemoRecords', pinHashes);
  writeFileSync(path.join(ctx.dataDir, 'demo-devices.json'), JSON.stringify(value, null, 2));
  return value;
}

/** The demo hall's records, with its staff's PIN hashes made beforehand (argon2 is asynchronous). */
export function seedDemoRecords(ctx: WriteContext, pinHashes: string[]): DemoDevices {
  const by = recordedByDevice(ctx.deviceId);
  const j = ctx.journal;
  j.append('hall.configured', { hallId: ctx.hallId, name: '演示营业厅', demo: true }, by);
  // A demo is tried at any hour, so it issues numbers outside the default 08:00–17:00 too.
  j.append('setting.changed', { key: 'enforceOpeningHours', value: false }, by);
  for (const s of DEMO.services) j.append('service.defined', s, by);
  for (const c of DEMO.counters) j.append('counter.defined', { ...c, name: `${c.counterNo} 号窗口` }, by);
  DEMO.staff.forEach((s, i) =>
    j.append('staff.enrolled', { staffId: ctx.ids.next(), ...s, pinHash: pinHashes[i]! }, by),
  );
  return {
    kiosk: createDevice(ctx, null, { role: 'kiosk', name: '大厅取号机' }).token,
    display: createDevice(ctx, null, { role: 'display', name: '大厅显示屏' }).token,
  };
}
