import { useEffect, useRef } from 'react';

/**
 * Runs `load` now and every `everyMs` while the component is on screen, and again from the start when
 * `restartOn` changes (a new session). A failed read is left to the store that shows it: the next
 * round tries again.
 */
export function usePolling(load: () => Promise<unknown>, everyMs: number, restartOn?: unknown): void {
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    const run = () => void latest.current().catch(() => undefined);
    run();
    const timer = setInterval(run, everyMs);
    return () => clearInterval(timer);
  }, [everyMs, restartOn]);
}
