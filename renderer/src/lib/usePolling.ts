import { useEffect, useRef, useState } from 'react';
import { errorText } from './useAttempt.ts';

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

/**
 * What a screen reads now and every `everyMs` (as usePolling): `data`, the last answer (undefined until
 * the first); `error`, why the last read failed, in the server's words, until a read succeeds; and
 * `load`, to read again at once after a change.
 */
export function usePolledRead<T>(read: () => Promise<T>, everyMs: number, restartOn?: unknown) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    read().then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  usePolling(load, everyMs, restartOn);
  return { data, error, load };
}
