import { useCallback } from 'react';
import type { HallApi } from '../../../../shared/api/hall/index.ts';
import type { Client } from '../../lib/client.ts';
import { useTold } from '../../lib/useTold.ts';
import { useCounter } from '../store.ts';

/**
 * Runs a money command and reads the money again; the server's message is shown on failure (and the
 * promise rejects, so a dialog stays open with what was typed).
 */
export function useMoneyRun() {
  const told = useTold();
  return useCallback(
    <R>(call: (api: Client<HallApi>) => Promise<R>, okText?: string): Promise<R> =>
      told(() => useCounter.getState().moneyAct(call), okText),
    [told],
  );
}
