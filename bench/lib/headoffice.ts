import path from 'node:path';
import { DEMO } from '../../hall/demo.ts';
import { Client } from './http.ts';
import { scratchDir } from './dirs.ts';
import type { Started } from '../../tests/support/child.ts';
import { createHoStore, type HoStore } from '../../tests/support/hostore.ts';
import { startBenchChild } from './proc.ts';

/**
 * Head office for the bench (issue 4): PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is
 * set — a fresh database per figure, dropped afterwards — else embedded PGlite in a scratch directory.
 */
export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
export const HO_BACKEND: 'postgres' | 'pglite' = BENCH_DATABASE_URL ? 'postgres' : 'pglite';

export type { HoStore };

/** A fresh store for one figure; its caller drops it. */
export function createStore(): Promise<HoStore> {
  return createHoStore(BENCH_DATABASE_URL, scratchDir('ho'), 'servicehall_bench_');
}

export interface RunningHo {
  url: string;
  pid: number;
  child: Started;
  /** Signed in as the demo head-office admin (0001). */
  admin: Client;
  /**
   * Defines the demo hall's services, counters and staff (PIN 123456) as head-office reference data,
   * as a real head office owns them: a hub's pull then keeps them instead of tombstoning its demo seed.
   */
  seedReference(): Promise<void>;
  /** A new hall and its one-time pairing code. */
  newHall(name: string): Promise<{ hallId: string; pairingCode: string }>;
  /** Pairs a simulated hub with a new hall: the token a real hub would get. */
  pairSimulatedHub(name: string, deviceId: string, localHallId: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startHo(store: HoStore): Promise<RunningHo> {
  const child = await startBenchChild('headoffice', {
    databaseUrl: store.databaseUrl,
    dataDir: store.databaseUrl ? undefined : path.join(store.dataDir, 'ho'),
  });
  const { url } = child;
  const admin = new Client(url);
  const { token } = await admin.expect<{ token: string }>(200, 'POST', '/api/v1/auth/login', {
    staffNo: '0001',
    pin: '123456',
  });
  admin.setToken(token);
  const newHall = (name: string) =>
    admin.expect<{ hallId: string; pairingCode: string }>(201, 'POST', '/api/v1/halls', { name });
  return {
    url,
    pid: child.pid,
    child,
    admin,
    newHall,
    seedReference: async () => {
      const put = (kind: string, key: string, data: unknown) =>
        admin.expect(200, 'PUT', `/api/v1/ref/${kind}/${key}`, data);
      for (const s of DEMO.services) {
        const { code, ...data } = s;
        await put('service', code, data);
      }
      for (const c of DEMO.counters)
        await put('counter', String(c.counterNo), { name: `${c.counterNo} 号窗口`, services: c.services });
      for (const s of DEMO.staff)
        await put('staff', s.staffNo, { name: s.name, role: s.role, pin: DEMO.pin });
      await put('setting', 'enforceOpeningHours', { value: false });
    },
    pairSimulatedHub: async (name, deviceId, localHallId) => {
      const { pairingCode } = await newHall(name);
      const anon = new Client(url);
      const reply = await anon.expect<{ token: string }>(201, 'POST', '/sync/v1/pair', {
        code: pairingCode,
        deviceId,
        hallId: localHallId,
      });
      anon.close();
      return reply.token;
    },
    stop: async () => {
      admin.close();
      await child.stop();
    },
  };
}
