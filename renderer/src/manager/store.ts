import { create } from 'zustand';
import type { z } from 'zod';
import type { HallStateT, Health, LoginReplyT, StationQuarantineRowT } from '../../../shared/api/schemas.ts';
import { api } from '../lib/api.ts';
import type { LiveStatus } from '../lib/live.ts';
import { getToken, setToken } from '../lib/token.ts';

export interface DeviceRow {
  deviceId: string;
  role: string;
  name: string;
  counterNo: number | null;
  revoked: boolean;
}
export type HealthT = z.infer<typeof Health>;
export type SyncRow = HealthT['sync'][number];

interface ManagerState {
  token: string | null;
  staff: LoginReplyT['staff'] | null;
  hall: HallStateT | null;
  devices: DeviceRow[];
  sync: SyncRow[];
  /** This node's identity and sync state (GET /health), with when it was last read. */
  health: HealthT | null;
  healthAt: number | null;
  /** A hub's quarantined station rows, newest first (read while the Sync tab shows them). */
  quarantine: StationQuarantineRowT[];
  status: LiveStatus;
  login(staffNo: string, pin: string): Promise<void>;
  logout(): void;
  refresh(): Promise<void>;
  refreshHealth(): Promise<void>;
  loadQuarantine(): Promise<void>;
  call<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

const STAFF = 'servicehall.manager.staff';

export const useManager = create<ManagerState>((set, get) => ({
  token: getToken('manager'),
  staff: JSON.parse(localStorage.getItem(STAFF) ?? 'null') as LoginReplyT['staff'] | null,
  hall: null,
  devices: [],
  sync: [],
  health: null,
  healthAt: null,
  quarantine: [],
  status: 'connecting',
  login: async (staffNo, pin) => {
    const reply = await api<LoginReplyT>('POST', '/auth/login', { staffNo, pin });
    if (reply.staff.role === 'clerk') throw new Error('E_MANAGER_ONLY');
    setToken('manager', reply.token);
    localStorage.setItem(STAFF, JSON.stringify(reply.staff));
    set({ token: reply.token, staff: reply.staff });
  },
  logout: () => {
    void api('POST', '/auth/logout', undefined, { token: get().token }).catch(() => undefined);
    setToken('manager', null);
    localStorage.removeItem(STAFF);
    set({ token: null, staff: null, hall: null });
  },
  refresh: async () => {
    const token = get().token;
    const [hall, devices, health] = await Promise.all([
      api<HallStateT>('GET', '/hall', undefined, { token }),
      api<DeviceRow[]>('GET', '/devices', undefined, { token }),
      api<HealthT>('GET', '/health'),
    ]);
    set({ hall, devices, sync: health.sync, health, healthAt: Date.now() });
  },
  refreshHealth: async () => {
    const health = await api<HealthT>('GET', '/health');
    set({ sync: health.sync, health, healthAt: Date.now() });
  },
  loadQuarantine: async () => {
    const quarantine = await api<StationQuarantineRowT[]>('GET', '/sync/quarantine', undefined, {
      token: get().token,
    });
    set({ quarantine });
  },
  call: async <T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => {
    const result = await api<T>(method, path, body, { token: get().token });
    await get()
      .refresh()
      .catch(() => undefined);
    return result;
  },
}));
