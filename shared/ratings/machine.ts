import type { MisuseReason, RatingLevel } from './levels.ts';

/**
 * The rating request's state machine (R-EVAL-1), pure: the node reads the counter's latest request
 * and its recent presses and asks what a press means. One request per ticket, one rating per request;
 * a request open past its window has ended as `no_rating`.
 */
export interface RequestState {
  requestId: string;
  openedAt: number;
  expiresAt: number;
  /** Set once rated or expired. */
  outcome: 'rated' | 'no_rating' | null;
}

/** A burst: this many presses at one counter within BURST_WINDOW_MS (a hand mashing the buttons). */
export const BURST_PRESSES = 4;
export const BURST_WINDOW_MS = 2_000;

export type PressVerdict = { accept: true } | { accept: false; misuse: MisuseReason };

/** Whether a request is open at `now`: not ended and not past its window. */
export const isOpen = (r: RequestState | null, now: number): r is RequestState =>
  r !== null && r.outcome === null && now < r.expiresAt;

/** Whether a request has run out unanswered and is still to be recorded as `no_rating`. */
export const isDue = (r: RequestState, now: number): boolean => r.outcome === null && now >= r.expiresAt;

/**
 * What a press means. `request`: the one the press names (or the counter's latest when it names none);
 * `recentPresses`: the times of the counter's presses in the last BURST_WINDOW_MS, this one not
 * included. A burst is misuse even on an open request: the first press of a burst is taken, the
 * later ones of it count as `burst` rather than `duplicate`.
 */
export function judgePress(
  request: RequestState | null,
  now: number,
  recentPresses: readonly number[],
): PressVerdict {
  const burst = recentPresses.filter((t) => now - t < BURST_WINDOW_MS).length + 1 >= BURST_PRESSES;
  if (request === null) return { accept: false, misuse: burst ? 'burst' : 'no_request' };
  if (request.outcome === 'rated') return { accept: false, misuse: burst ? 'burst' : 'duplicate' };
  if (request.outcome === 'no_rating' || now >= request.expiresAt)
    return { accept: false, misuse: 'expired' };
  if (burst) return { accept: false, misuse: 'burst' };
  return { accept: true };
}

/**
 * A USB keypad types into the customer window: the key names a level only while a request is open
 * (`keys[i]` is the key for `levels[i]`); any other time, or any other key, it names nothing.
 */
export function keyToLevel(
  key: string,
  keys: readonly string[],
  levels: readonly RatingLevel[],
  open: boolean,
): RatingLevel | null {
  if (!open) return null;
  const at = keys.indexOf(key);
  return at >= 0 && at < levels.length ? (levels[at] ?? null) : null;
}
