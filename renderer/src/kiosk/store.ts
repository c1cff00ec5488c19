import { create } from 'zustand';
import type { HallStateT, IssueReplyT } from '../../../shared/api/schemas.ts';
import { ApiError, createClient } from '../lib/client.ts';
import { hallApi } from '../../../shared/api/hall/index.ts';
import type { LiveStatus } from '../lib/live.ts';
import { resetLanguage } from '../i18n/index.ts';

interface KioskState {
  token: string | null;
  hall: HallStateT | null;
  status: LiveStatus;
  priority: boolean;
  busy: boolean;
  ticket: (IssueReplyT & { serviceName: string; serviceNameEn: string }) | null;
  error: string | null;
  /** The key of a press that failed on the network: retrying the same press reuses it. */
  pendingKey: { serviceCode: string; key: string } | null;
  refresh(): Promise<void>;
  take(serviceCode: string): Promise<void>;
  setPriority(on: boolean): void;
  /** Back to idle for the next customer: no ticket, no priority, the default language. */
  done(): void;
}

export const useKiosk = create<KioskState>((set, get) => {
  const api = createClient(hallApi, { token: () => get().token });
  return {
    token: null,
    hall: null,
    status: 'connecting',
    priority: false,
    busy: false,
    ticket: null,
    error: null,
    pendingKey: null,
    refresh: async () => {
      try {
        set({ hall: await api.hall() });
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) set({ token: null });
      }
    },
    take: async (serviceCode) => {
      const { token, priority, pendingKey, hall } = get();
      if (get().busy) return;
      const key = pendingKey?.serviceCode === serviceCode ? pendingKey.key : crypto.randomUUID();
      set({ busy: true, error: null, pendingKey: { serviceCode, key } });
      try {
        const reply = await api.issueTicket(
          { body: { serviceCode, priority } },
          { token, idempotencyKey: key },
        );
        const service = hall?.services.find((s) => s.code === serviceCode);
        set({
          ticket: {
            ...reply,
            serviceName: service?.name ?? serviceCode,
            serviceNameEn: service?.nameEn ?? serviceCode,
          },
          pendingKey: null,
          priority: false,
        });
      } catch (e) {
        const offline = e instanceof ApiError && e.code === 'E_OFFLINE';
        set({
          error: e instanceof Error ? e.message : String(e),
          pendingKey: offline ? { serviceCode, key } : null,
        });
      } finally {
        set({ busy: false });
        void get().refresh();
      }
    },
    setPriority: (on) => set({ priority: on }),
    done: () => {
      set({ ticket: null, error: null, priority: false, pendingKey: null });
      resetLanguage();
    },
  };
});
