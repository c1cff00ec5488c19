import { useCallback } from 'react';
import { App as AntApp } from 'antd';
import { errorText } from './useAttempt.ts';

/**
 * Runs a command and tells the user how it went: `okText` (if any) as a success toast, a failure in the
 * server's words as an error toast; the promise still rejects on failure, for the caller to decide
 * (a dialog stays open with what was typed).
 */
export function useTold() {
  const { message } = AntApp.useApp();
  return useCallback(
    async <R>(command: () => Promise<R>, okText?: string): Promise<R> => {
      try {
        const result = await command();
        if (okText) void message.success(okText);
        return result;
      } catch (e) {
        void message.error(errorText(e));
        throw e;
      }
    },
    [message],
  );
}
