import { create } from 'zustand';
import i18n from '../i18n/index.ts';
import type { z } from 'zod';
import type {
  DeviceInfo,
  HallStateT,
  Health,
  LoginReplyT,
  StationQuarantineRowT,
} from '../../../shared/api/schemas.ts';
import { ApiError, createClient, thenRefresh, type Client } from '../lib/client.ts';
import { hallApi, type HallApi } from '../../../shared/api/hall/index.ts';
import type { LiveStatus } from '../lib/live.ts';
import type { CashOverview, moneyContract } from '../../../shared/api/hall/money.ts';
import type { Reply } from '../../../shared/api/contract.ts';
import type { HallZReport } from '../../../shared/money/hallZReport.ts';
import type { ZReport } from '../../../shared/money/zreport.ts';
import { getToken, setToken } from '../lib/token.ts';

export type DeviceRow = z.infer<typeof DeviceInfo>;
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
  /** A day's cash (issue 11): drawers, deposits, takings, manual invoices, and its Z-report once closed. */
  money: {
    day: string;
    cash: z.infer<typeof CashOverview>;
    invoices: Reply<(typeof moneyContract)['invoices']>;
    zReport: ZReport | null;
    /** The hall's close of the day (on the hub, or forwarded to it by a station); null: not yet. */
    hallZReport: HallZReport | null;
    /** The fee schedule's names, for the Z-report's totals by fee. */
    feeNames: Map<string, string>;
  } | null;
  /** Reads a day's cash (today's: no day). */
  loadMoney(day?: string): Promise<void>;
  login(staffNo: string, pin: string): Promise<void>;
  logout(): void;
  refresh(): Promise<void>;
  refreshHealth(): Promise<void>;
  loadQuarantine(): Promise<void>;
  /** Runs a manager's command and refreshes; errors propagate to the caller to show. */
  act<R>(call: (api: Client<HallApi>) => Promise<R>): Promise<R>;
}

const STAFF = 'servicehall.manager.staff';

export const useManager = create<ManagerState>((set, get) => {
  const api = createClient(hallApi, { token: () => get().token });
  return {
    token: getToken('manager'),
    staff: JSON.parse(localStorage.getItem(STAFF) ?? 'null') as LoginReplyT['staff'] | null,
    hall: null,
    devices: [],
    sync: [],
    health: null,
    healthAt: null,
    quarantine: [],
    status: 'connecting',
    money: null,
    loadMoney: async (day) => {
      const query = day ? { day } : {};
      const [cash, invoices, fees] = await Promise.all([api.cash(query), api.invoices(query), api.fees()]);
      const en = i18n.language === 'en';
      const feeNames = new Map(fees.map((f) => [f.code, en ? f.nameEn : f.name]));
      const zReport = cash.closed
        ? await api.zReport({ day: cash.day }).catch((e: unknown) => {
            // A hub's day closes per device; this node may not have closed its own yet.
            if (e instanceof ApiError && e.code === 'E_DAY_OPEN') return null;
            throw e;
          })
        : null;
      // Not closed yet, or (on a station) the hub out of reach: the cash tab still shows this node's day,
      // and closing the hall from it says why it cannot.
      const hallZReport = await api.hallZReport({ day: cash.day }).catch(() => null);
      set({ money: { day: cash.day, cash, invoices, zReport, hallZReport, feeNames } });
    },
    login: async (staffNo, pin) => {
      const reply = await api.login({ body: { staffNo, pin } });
      if (reply.staff.role === 'clerk') throw new Error('E_MANAGER_ONLY');
      setToken('manager', reply.token);
      localStorage.setItem(STAFF, JSON.stringify(reply.staff));
      set({ token: reply.token, staff: reply.staff });
    },
    logout: () => {
      void api.logout().catch(() => undefined);
      setToken('manager', null);
      localStorage.removeItem(STAFF);
      set({ token: null, staff: null, hall: null, money: null });
    },
    refresh: async () => {
      const [hall, devices, health] = await Promise.all([api.hall(), api.devices(), api.health()]);
      set({ hall, devices, sync: health.sync, health, healthAt: Date.now() });
    },
    refreshHealth: async () => {
      const health = await api.health();
      set({ sync: health.sync, health, healthAt: Date.now() });
    },
    loadQuarantine: async () => {
      const quarantine = await api.stationQuarantine();
      set({ quarantine });
    },
    act: thenRefresh(api, () => get().refresh()),
  };
});
