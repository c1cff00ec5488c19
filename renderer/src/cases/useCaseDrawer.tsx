import { useState, type ReactNode } from 'react';
import { CaseDrawer } from './CaseDrawer.tsx';
import type { CaseApi } from './caseClient.ts';

/**
 * One case shown in its drawer over a list (the counter's 我的事项, the manager's 事项 and 评价):
 * `show(id)` opens it; `drawer` goes at the end of the panel; `onChanged` reloads the list.
 */
export function useCaseDrawer(
  api: CaseApi,
  manager: boolean,
  onChanged: () => unknown,
): { show: (id: string) => void; drawer: ReactNode } {
  const [shown, setShown] = useState<string | null>(null);
  const drawer = shown ? (
    <CaseDrawer
      api={api}
      id={shown}
      manager={manager}
      onClose={() => setShown(null)}
      onChanged={() => void onChanged()}
    />
  ) : null;
  return { show: setShown, drawer };
}
