import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { levelsFor, stars, type RatingOutcome } from '../../shared/ratings/levels.ts';
import {
  BURST_PRESSES,
  BURST_WINDOW_MS,
  isDue,
  isOpen,
  judgePress,
  keyToLevel,
  type RequestState,
} from '../../shared/ratings/machine.ts';

const open = (over: Partial<RequestState> = {}): RequestState => ({
  requestId: 'r',
  openedAt: 1_000,
  expiresAt: 31_000,
  outcome: null,
  ...over,
});

describe('the rating state machine (R-EVAL-1)', () => {
  it('R-EVAL-1: a press on an open request is taken', () => {
    expect(judgePress(open(), 2_000, [])).toEqual({ accept: true });
  });
  it('R-EVAL-1: timeout — at or after expiry the request is due as no_rating and a press is expired', () => {
    expect(isDue(open(), 31_000)).toBe(true);
    expect(isOpen(open(), 31_000)).toBe(false);
    expect(judgePress(open(), 31_000, [])).toEqual({ accept: false, misuse: 'expired' });
    expect(judgePress(open({ outcome: 'no_rating' }), 5_000, [])).toEqual({
      accept: false,
      misuse: 'expired',
    });
  });
  it('R-EVAL-1: duplicate — a second press on a rated request is refused', () => {
    expect(judgePress(open({ outcome: 'rated' }), 3_000, [2_000])).toEqual({
      accept: false,
      misuse: 'duplicate',
    });
  });
  it('R-EVAL-1: no request — a press with nothing open is refused', () => {
    expect(judgePress(null, 3_000, [])).toEqual({ accept: false, misuse: 'no_request' });
  });
  it('R-EVAL-1: burst — the press that makes a burst is refused as burst, even on an open request', () => {
    const earlier = Array.from({ length: BURST_PRESSES - 1 }, (_, i) => 2_000 + i * 100);
    expect(judgePress(open(), 2_500, earlier)).toEqual({ accept: false, misuse: 'burst' });
    // Presses older than the window do not count.
    expect(judgePress(open(), 2_000 + BURST_WINDOW_MS + 400, earlier)).toEqual({ accept: true });
  });
  it('R-EVAL-1: property — at most one press is ever taken per request, and never after expiry', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 30 }), (times) => {
        let state = open();
        const presses: number[] = [];
        let taken = 0;
        for (const t of [...times].sort((a, b) => a - b)) {
          const v = judgePress(
            state,
            t,
            presses.filter((p) => t - p < BURST_WINDOW_MS),
          );
          if (v.accept) {
            taken++;
            expect(t).toBeLessThan(state.expiresAt);
            state = { ...state, outcome: 'rated' };
          }
          presses.push(t);
        }
        expect(taken).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('keypad (R-EVAL-1)', () => {
  const levels = levelsFor(4);
  const keys = ['1', '2', '3', '4', '5'];
  it('R-EVAL-1: keys 1–4 name the four levels while a request is open', () => {
    expect(keys.slice(0, 4).map((k) => keyToLevel(k, keys, levels, true))).toEqual(levels);
  });
  it('R-EVAL-1: keypad outside a request — no key names a level', () => {
    expect(keys.map((k) => keyToLevel(k, keys, levels, false))).toEqual([null, null, null, null, null]);
  });
  it('R-EVAL-1: a key beyond the hall’s levels or not mapped names nothing', () => {
    expect(keyToLevel('5', keys, levels, true)).toBeNull();
    expect(keyToLevel('a', keys, levels, true)).toBeNull();
  });
});

describe('levels and stars', () => {
  it('R-EVAL-1: 3, 4 and 5 levels keep the four fixed ones in order', () => {
    expect(levelsFor(3)).toEqual(['satisfied', 'fair', 'dissatisfied']);
    expect(levelsFor(5).slice(0, 4)).toEqual(levelsFor(4));
  });
  it('R-ASSESS-3: stars leave no_rating out and round to half stars', () => {
    expect(stars([])).toBeNull();
    expect(stars(['no_rating'])).toBeNull();
    expect(stars(['very_satisfied', 'satisfied', 'no_rating'])).toBe(4.5);
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom<RatingOutcome>('very_satisfied', 'satisfied', 'fair', 'dissatisfied', 'no_rating'),
          {
            minLength: 1,
          },
        ),
        (xs) => {
          const s = stars(xs);
          if (s === null) return;
          expect(s).toBeGreaterThanOrEqual(1);
          expect(s).toBeLessThanOrEqual(5);
        },
      ),
    );
  });
});
