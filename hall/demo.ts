import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordedByDevice, type HallContext, type WriteContext } from './context.ts';
import { hashPin } from './auth/service.ts';
import { createDevice } from './devices/service.ts';
import { DEMO, demoCounterName } from '../shared/demo.ts';
import { DomainError } from '../shared/errors.ts';
import * as read from '../db/read.ts';

/** The demo hall of DESIGN §6 (shared with head office's demo, which holds the same reference data). */
export { DEMO };

export interface DemoDevices {
  kiosk: string;
  display: string;
}

/**
 * The demo staff's PIN hashes, made once per process. Seven argon2 hashes are most of a demo hall's
 * start, and a process may seed many (the tests seed hundreds); every demo PIN is the published one
 * anyway, so sharing its hashes between demo halls gives nothing away.
 */
let pinHashes: Promise<string[]> | null = null;
const demoPinHashes = () =>
  (pinHashes ??= Promise.all(DEMO.staff.map(() => hashPin(DEMO.pin))).catch((error: unknown) => {
    pinHashes = null;
    throw error;
  }));

/**
 * Seeds an empty data directory with the demo hall. The demo's own kiosk and display tokens are kept
 * in demo-devices.json so `npm start` can open them; a real hall pairs its devices by code instead.
 */
export async function seedDemoHall(ctx: HallContext): Promise<DemoDevices> {
  const { value } = await ctx.commits.run('seedDemoRecords', await demoPinHashes());
  writeFileSync(path.join(ctx.dataDir, 'demo-devices.json'), JSON.stringify(value, null, 2));
  return value;
}

/**
 * `--demo` on a hub: seeds an empty hall, or reopens the demo hall it seeded before (with its kiosk
 * and display tokens). A real hall's data is never turned into a demo.
 */
export async function openDemoHall(ctx: HallContext): Promise<DemoDevices | null> {
  const hall = read.hall(ctx.db);
  if (!hall) return seedDemoHall(ctx);
  if (!hall.demo) throw new DomainError('E_DEMO_REFUSED');
  const file = path.join(ctx.dataDir, 'demo-devices.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoDevices) : null;
}

/** The demo hall's records, with its staff's PIN hashes made beforehand (argon2 is asynchronous). */
export function seedDemoRecords(ctx: WriteContext, pinHashes: string[]): DemoDevices {
  const by = recordedByDevice(ctx.deviceId);
  const j = ctx.journal;
  j.append('hall.configured', { hallId: ctx.hallId, name: '演示营业厅', demo: true }, by);
  // A demo is tried at any hour, so it issues numbers outside the default 08:00–17:00 too.
  j.append('setting.changed', { key: 'enforceOpeningHours', value: false }, by);
  for (const s of DEMO.services) j.append('service.defined', s, by);
  for (const c of DEMO.counters)
    j.append('counter.defined', { ...c, name: demoCounterName(c.counterNo) }, by);
  DEMO.staff.forEach((s, i) =>
    j.append('staff.enrolled', { staffId: ctx.ids.next(), ...s, pinHash: pinHashes[i]! }, by),
  );
  // Version 0: the schedule head office sends on the first pull replaces it.
  for (const { code, ...fee } of DEMO.fees)
    j.append('reference.updated', { kind: 'fee', key: code, version: 0, data: fee }, by);
  for (const { code, template } of DEMO.checklists)
    j.append('reference.updated', { kind: 'checklist', key: code, version: 0, data: template }, by);
  return {
    kiosk: createDevice(ctx, null, { role: 'kiosk', name: '大厅取号机' }).token,
    display: createDevice(ctx, null, { role: 'display', name: '大厅显示屏' }).token,
  };
}
