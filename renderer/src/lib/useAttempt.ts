import { useState } from 'react';

/** What went wrong, in the server's words: an Error's message, or whatever else was thrown. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A form's action in flight: `busy` while it runs, and `error`, what went wrong (in the server's words,
 * or `describe`'s), until the next try. `attempt` resolves to whether the action went through; it
 * never rejects, so a screen calls it as `void attempt(…)`.
 */
export function useAttempt(describe?: (e: unknown) => string | null) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const attempt = async (action: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      await action();
      return true;
    } catch (e) {
      setError(describe?.(e) ?? errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  // setError is useState's own setter: stable, safe in an effect's dependencies.
  return { busy, error, setError, attempt };
}
