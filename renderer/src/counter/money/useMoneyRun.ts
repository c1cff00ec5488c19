import { useCallback } from 'react';
import { App as AntApp } from 'antd';
import type { HallApi } from '../../../../shared/api/hall/index.ts';
import type { Client } from '../../lib/client.ts';
import { useCounter } from '../store.ts';

/**
 * Runs a money command and reads the money again; the server's message is shown on failure (and the
 * promise rejects, so a dialog stays open with what was typed).
 */
export function useMoneyRun() {
  const { message } = AntApp.useApp();
  return useCallback(
    async <R>(call: (api: Client<HallApi>) => Promise<R>, okText?: string): Promise<R> => {
      try {
        const result = await useCounter.getState().moneyAct(call);
        if (okText) void message.success(okText);
        return result;
      } catch (e) {
        void message.error(e instanceof Error ? e.message : String(e));
        throw e;
      }
    },
    [message],
  );
}
