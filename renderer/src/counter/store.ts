import { create } from 'zustand';
import type { HallStateT, LoginReplyT, QueueReplyT } from '../../../shared/api/schemas.ts';
import type { Ticket } from '../../../shared/queue/model.ts';
import { api } from '../lib/api.ts';
import type { LiveStatus } from '../lib/live.ts';
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
  login(staffNo: string, pin: string, counterNo: number): Promise<void>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  /** Runs a command against the node and refreshes; errors propagate to the caller to show. */
  command<T>(method: 'POST', path: string, body?: unknown): Promise<T>;
  remember(t: Ticket): void;
}

function loadSession(): Session | null {
  const raw = localStorage.getItem(SESSION);
  return raw && getToken('counter') ? (JSON.parse(raw) as Session) : null;
}

export const useCounter = create<CounterState>((set, get) => ({
  session: loadSession(),
  hall: null,
  queue: null,
  recent: [],
  status: 'connecting',
  login: async (staffNo, pin, counterNo) => {
    const reply = await api<LoginReplyT>('POST', '/auth/login', { staffNo, pin, counterNo });
    const session = { token: reply.token, staff: reply.staff, counterNo };
    setToken('counter', reply.token);
    localStorage.setItem(SESSION, JSON.stringify(session));
    localStorage.setItem('servicehall.counter.no', String(counterNo));
    set({ session });
  },
  logout: async () => {
    const token = get().session?.token;
    await api('POST', '/auth/logout', undefined, { token }).catch(() => undefined);
    setToken('counter', null);
    localStorage.removeItem(SESSION);
    set({ session: null, hall: null, queue: null, recent: [] });
  },
  refresh: async () => {
    const token = get().session?.token;
    if (!token) return;
    const [hall, queue] = await Promise.all([
      api<HallStateT>('GET', '/hall', undefined, { token }),
      api<QueueReplyT>('GET', '/queue', undefined, { token }),
    ]);
    set({ hall, queue });
  },
  command: async <T>(method: 'POST', path: string, body?: unknown) => {
    const result = await api<T>(method, path, body, { token: get().session?.token });
    await get()
      .refresh()
      .catch(() => undefined);
    return result;
  },
  remember: (t) => set({ recent: [t, ...get().recent.filter((x) => x.id !== t.id)].slice(0, 10) }),
}));

/** The ticket this counter holds right now (called or serving), from the live queue. */
export function heldTicket(s: Pick<CounterState, 'queue' | 'session'>): Ticket | null {
  const no = s.session?.counterNo;
  const held = [...(s.queue?.called ?? []), ...(s.queue?.serving ?? [])];
  return held.find((t) => t.counterNo === no) ?? null;
}
