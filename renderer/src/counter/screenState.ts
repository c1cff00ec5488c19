import { create } from 'zustand';
import type { CounterScreenState } from '../../../shared/customer/screen.ts';

/**
 * What this counter shows its customer (R-SCR-1): the counter's cards set parts of it and every change
 * is pushed to the node (PUT /counters/:no/screen), which keeps it in memory for the customer screen.
 */
interface ScreenDraft {
  state: CounterScreenState;
  set(patch: Partial<CounterScreenState>): void;
}

export const EMPTY_SCREEN: CounterScreenState = {
  ticket: null,
  step: 0,
  missing: null,
  accepted: null,
  cash: null,
  away: null,
};

export const useScreenDraft = create<ScreenDraft>((set, get) => ({
  state: EMPTY_SCREEN,
  set: (patch) => set({ state: { ...get().state, ...patch } }),
}));
