import { create } from 'zustand';
import type { HallStateT, QueueReplyT } from '../../../shared/api/schemas.ts';
import type { Ticket } from '../../../shared/queue/model.ts';
import { createClient } from '../lib/client.ts';
import { hallApi } from '../../../shared/api/hall/index.ts';
import type { LiveStatus } from '../lib/live.ts';

export interface CallShown {
  ticketId: string;
  number: string;
  counterNo: number;
  recall: boolean;
  at: number;
}

interface DisplayState {
  token: string | null;
  hall: HallStateT | null;
  queue: QueueReplyT | null;
  calls: CallShown[];
  status: LiveStatus;
  refresh(): Promise<void>;
  called(ticket: Ticket, recall: boolean, at: number): CallShown | null;
  /** The ticket left its counter without being served there (no-show, transfer, park, cancel). */
  withdrawn(ticketId: string): void;
}

const KEEP = 9;

/** Live call events seen so far: a snapshot read before the latest of them must not redraw the calls. */
let liveChanges = 0;

export const useDisplay = create<DisplayState>((set, get) => ({
  token: null,
  hall: null,
  queue: null,
  calls: [],
  status: 'connecting',
  refresh: async () => {
    const api = createClient(hallApi, { token: () => get().token });
    const seen = liveChanges;
    const [hall, queue] = await Promise.all([api.hall(), api.queue()]);
    // On first load (or after a reconnect with nothing shown) the calls in progress are the history;
    // but not when a call or a no-show arrived live meanwhile (the snapshot would bring it back).
    const calls =
      get().calls.length > 0 || liveChanges !== seen
        ? get().calls
        : [...queue.called, ...queue.serving]
            .filter((t) => t.counterNo !== null && t.calledAt !== null)
            .sort((a, b) => b.calledAt! - a.calledAt!)
            .slice(0, KEEP)
            .map((t) => ({
              ticketId: t.id,
              number: t.number,
              counterNo: t.counterNo!,
              recall: t.recallCount > 0,
              at: t.calledAt!,
            }));
    set({ hall, queue, calls });
  },
  called: (ticket, recall, at) => {
    liveChanges++;
    if (ticket.counterNo === null) return null;
    const call: CallShown = {
      ticketId: ticket.id,
      number: ticket.number,
      counterNo: ticket.counterNo,
      recall,
      at,
    };
    set({ calls: [call, ...get().calls.filter((c) => c.ticketId !== ticket.id)].slice(0, KEEP) });
    return call;
  },
  // A no-show is not the current call, and a transferred ticket is not at its old counter: both go
  // from the board until they are called again (same number, new counter).
  withdrawn: (ticketId) => {
    liveChanges++;
    set({ calls: get().calls.filter((c) => c.ticketId !== ticketId) });
  },
}));
