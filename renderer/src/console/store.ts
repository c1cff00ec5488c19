import { create } from 'zustand';
import type { RefChange, RefKind } from '../../../shared/sync/protocol.ts';
import type {
  ConsoleStaffT,
  DeviceDeliveryT,
  HallBacklogT,
  HallOverviewT,
  HallTicketT,
  HallStatusT,
  QuarantineRowT,
} from '../../../shared/api/console.ts';
import i18n from '../i18n/index.ts';
import { ApiError, createClient, type Client } from '../lib/client.ts';
import { consoleContract, type ConsoleApi } from '../../../shared/api/headoffice/console.ts';
import { getToken, setToken } from '../lib/token.ts';

/** 'down' when head office did not answer at all (not when it answered with an error). */
export type Reach = 'unknown' | 'up' | 'down';

interface ConsoleState {
  token: string | null;
  staff: ConsoleStaffT | null;
  reach: Reach;
  halls: HallStatusT[];
  delivery: DeviceDeliveryT[];
  backlogs: HallBacklogT[];
  overview: HallOverviewT[];
  overviewAt: number | null;
  /** Each hall's tickets today, by hall id (read with the overview). */
  hallTickets: Record<string, HallTicketT[]>;
  quarantine: QuarantineRowT[];
  ref: Partial<Record<RefKind, RefChange[]>>;
  login(staffNo: string, pin: string): Promise<void>;
  logout(): void;
  /** Head office's console API; every call tracks reachability and signs out on an expired session. */
  api: Client<ConsoleApi>;
  loadHalls(): Promise<void>;
  loadOverview(): Promise<void>;
  loadQuarantine(): Promise<void>;
  loadRef(kind: RefKind): Promise<void>;
}

const STAFF = 'servicehall.console.staff';

/** Viewers read every hall; only admins change anything, so only admins see the buttons that do. */
export const useCanEdit = (): boolean => useConsole((s) => s.staff?.role === 'admin');

export const useConsole = create<ConsoleState>((set, get) => ({
  api: createClient(consoleContract, {
    token: () => get().token,
    around: async (call) => {
      try {
        const result = await call();
        set({ reach: 'up' });
        return result;
      } catch (e) {
        const offline = e instanceof ApiError && e.status === 0;
        set({ reach: offline ? 'down' : 'up' });
        if (e instanceof ApiError && e.status === 401 && get().token) get().logout();
        // The shared client speaks of the hall server; here the server is head office.
        if (offline) throw new ApiError(0, e.code, i18n.t('console:unreachableLogin'));
        throw e;
      }
    },
  }),
  token: getToken('console'),
  staff: JSON.parse(localStorage.getItem(STAFF) ?? 'null') as ConsoleStaffT | null,
  reach: 'unknown',
  halls: [],
  delivery: [],
  backlogs: [],
  overview: [],
  overviewAt: null,
  hallTickets: {},
  quarantine: [],
  ref: {},
  login: async (staffNo, pin) => {
    const reply = await get().api.login({ body: { staffNo, pin } });
    setToken('console', reply.token);
    localStorage.setItem(STAFF, JSON.stringify(reply.staff));
    set({ token: reply.token, staff: reply.staff });
  },
  logout: () => {
    setToken('console', null);
    localStorage.removeItem(STAFF);
    set({
      token: null,
      staff: null,
      halls: [],
      delivery: [],
      overview: [],
      hallTickets: {},
      quarantine: [],
      ref: {},
    });
  },
  loadHalls: async () => {
    const [halls, delivery, backlogs] = await Promise.all([
      get().api.halls(),
      get().api.delivery(),
      get().api.backlog(),
    ]);
    set({ halls, delivery, backlogs });
  },
  loadOverview: async () => {
    const overview = await get().api.overview();
    const tickets = await Promise.all(overview.map((h) => get().api.hallTickets({ hallId: h.hallId })));
    set({
      overview,
      overviewAt: Date.now(),
      hallTickets: Object.fromEntries(overview.map((h, i) => [h.hallId, tickets[i]!])),
    });
  },
  loadQuarantine: async () => {
    set({ quarantine: await get().api.quarantine() });
  },
  loadRef: async (kind) => {
    const rows = await get().api.refList({ kind });
    set({ ref: { ...get().ref, [kind]: rows } });
  },
}));
