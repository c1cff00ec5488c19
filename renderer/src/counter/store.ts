import { create } from 'zustand';
import type { z } from 'zod';
import type { HallStateT, LoginReplyT, QueueReplyT } from '../../../shared/api/schemas.ts';
import type { Ticket } from '../../../shared/queue/model.ts';
import type { WalkinListT } from '../../../shared/api/walkins.ts';
import { ApiError, createClient, thenRefresh, type Client } from '../lib/client.ts';
import { hallApi, type HallApi } from '../../../shared/api/hall/index.ts';
import type { LiveStatus } from '../lib/live.ts';
import type { DrawerView, ReceiptSummary } from '../../../shared/api/hall/money.ts';
import type { Fee } from '../../../shared/money/fees.ts';
import { getToken, setToken } from '../lib/token.ts';

const SESSION = 'servicehall.counter.session';

interface Session {
  token: string;
  staff: LoginReplyT['staff'];
  counterNo: number;
}

interface CounterState {
  session: Session | null;
  hall: HallStateT | null;
  queue: QueueReplyT | null;
  /** Tickets this counter parked or marked no-show recently (for return / reactivate). */
  recent: Ticket[];
  status: LiveStatus;
  /** What kind of node served this page; a station's counter depends on its hub for the queue. */
  node: { role: 'hub' | 'station'; hubConnected: boolean } | null;
  /** The station's own reply when its hub could not be reached (E_HUB_UNREACHABLE), else null. */
  hubDown: string | null;
  walkins: WalkinListT | null;
  /** The counter's money (issue 11): the schedule in force, today's receipts, and the drawer (null: none open). */
  money: {
    fees: Fee[];
    receipts: z.infer<typeof ReceiptSummary>[];
    drawer: z.infer<typeof DrawerView> | null;
  } | null;
  login(staffNo: string, pin: string, counterNo: number): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  /** Re-reads /health: whether this node is a station and whether its hub link is up. */
  refreshNode(): Promise<void>;
  refreshWalkins(): Promise<void>;
  refreshMoney(): Promise<void>;
  /** Runs a command against the node and refreshes; errors propagate to the caller to show. */
  act<R>(call: (api: Client<HallApi>) => Promise<R>): Promise<R>;
  /** A money command (written on this node, hub or not), then the money read again. */
  moneyAct<R>(call: (api: Client<HallApi>) => Promise<R>): Promise<R>;
  remember(t: Ticket): void;
}

function loadSession(): Session | null {
  const raw = localStorage.getItem(SESSION);
  return raw && getToken('counter') ? (JSON.parse(raw) as Session) : null;
}

export const useCounter = create<CounterState>((set, get) => {
  const api = createClient(hallApi, { token: () => get().session?.token });
  return {
    session: loadSession(),
    hall: null,
    queue: null,
    recent: [],
    status: 'connecting',
    node: null,
    hubDown: null,
    walkins: null,
    money: null,
    login: async (staffNo, pin, counterNo) => {
      const reply = await api.login({ body: { staffNo, pin, counterNo } });
      const session = { token: reply.token, staff: reply.staff, counterNo };
      setToken('counter', reply.token);
      localStorage.setItem(SESSION, JSON.stringify(session));
      localStorage.setItem('servicehall.counter.no', String(counterNo));
      set({ session });
    },
    logout: async () => {
      const token = get().session?.token;
      await api.logout({}, { token }).catch(() => undefined);
      setToken('counter', null);
      localStorage.removeItem(SESSION);
      set({ session: null, hall: null, queue: null, recent: [], walkins: null, hubDown: null, money: null });
    },
    refresh: async () => {
      const token = get().session?.token;
      if (!token) return;
      try {
        const [hall, queue] = await Promise.all([
          api.hall(),
          // This counter's own calling order: what it may call, as it would call it.
          api.queue({ counter: get().session!.counterNo }),
        ]);
        set({ hall, queue, hubDown: null });
      } catch (e) {
        // The last queue stays on screen, marked as not current, while the station works alone.
        if (e instanceof ApiError && e.code === 'E_HUB_UNREACHABLE') set({ hubDown: e.message });
        throw e;
      }
      if (get().node?.role === 'station') await get().refreshWalkins();
    },
    refreshNode: async () => {
      const health = await api.health();
      const hubConnected = health.sync.find((u) => u.upstream === 'hub')?.connected ?? false;
      const was = get().node;
      set({ node: { role: health.role, hubConnected } });
      // The hub is back: read the live queue again at once.
      if (health.role === 'station' && hubConnected && (was?.hubConnected === false || get().hubDown))
        await get().refresh();
      else if (health.role === 'station') await get().refreshWalkins();
    },
    refreshWalkins: async () => {
      const token = get().session?.token;
      if (!token || get().node?.role !== 'station') return;
      set({ walkins: await api.walkins() });
    },
    refreshMoney: async () => {
      if (!get().session) return;
      const [fees, receipts, drawer] = await Promise.all([api.fees(), api.receipts({}), api.drawer()]);
      set({ money: { fees, receipts, drawer: drawer ?? null } });
    },
    act: thenRefresh(api, () => get().refresh()),
    moneyAct: thenRefresh(api, () => get().refreshMoney()),
    remember: (t) => set({ recent: [t, ...get().recent.filter((x) => x.id !== t.id)].slice(0, 10) }),
  };
});

/** The ticket this counter holds right now (called or serving), from the live queue. */
export function heldTicket(s: Pick<CounterState, 'queue' | 'session'>): Ticket | null {
  const no = s.session?.counterNo;
  const held = [...(s.queue?.called ?? []), ...(s.queue?.serving ?? [])];
  return held.find((t) => t.counterNo === no) ?? null;
}

/** A station whose hub cannot be reached: queue commands cannot work, local records still do. */
export function hubUnreachable(
  s: Pick<CounterState, 'node' | 'hubDown'>,
): { serverMessage: string | null } | null {
  if (s.node?.role !== 'station') return null;
  if (s.hubDown) return { serverMessage: s.hubDown };
  return s.node.hubConnected ? null : { serverMessage: null };
}
