/**
 * Counts failures (wrong pairing codes) in sliding windows, per source and from all sources together,
 * and says how long a caller must wait (issue 9). In memory: a restart forgets it, which gives a
 * guesser at most one more window. Time is passed in, so tests move it by hand.
 */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

export class FailureLimiter {
  private readonly perSource = new Map<string, number[]>();
  private global: number[] = [];

  constructor(private readonly limits: { perSource: WindowLimit; global: WindowLimit }) {}

  /** Milliseconds until this source may try again; 0 when it may now. */
  retryAfterMs(source: string, now: number): number {
    this.prune(now);
    const waits = [0];
    const mine = this.perSource.get(source) ?? [];
    if (mine.length >= this.limits.perSource.max)
      waits.push(mine[mine.length - this.limits.perSource.max]! + this.limits.perSource.windowMs - now);
    if (this.global.length >= this.limits.global.max)
      waits.push(
        this.global[this.global.length - this.limits.global.max]! + this.limits.global.windowMs - now,
      );
    return Math.max(...waits);
  }

  /**
   * Counts an attempt as a failure before it is checked, so that attempts sent all at once cannot slip
   * past the limit while the first ones are still being looked up. Returns the wait (nothing counted)
   * when limited, else 0; an attempt that turns out right is given back with `refund`.
   */
  take(source: string, now: number): number {
    const wait = this.retryAfterMs(source, now);
    if (wait > 0) return wait;
    const mine = this.perSource.get(source) ?? [];
    mine.push(now);
    this.perSource.set(source, mine);
    this.global.push(now);
    return 0;
  }

  /** Gives back an attempt taken at `at` that was right after all. */
  refund(source: string, at: number): void {
    const drop = (times: number[] | undefined) => {
      const i = times?.lastIndexOf(at) ?? -1;
      if (i >= 0) times!.splice(i, 1);
    };
    drop(this.perSource.get(source));
    drop(this.global);
  }

  /** Drops what left the windows; the global limit bounds how many sources can be remembered. */
  private prune(now: number): void {
    this.global = this.global.filter((t) => now - t < this.limits.global.windowMs);
    for (const [source, times] of this.perSource) {
      const kept = times.filter((t) => now - t < this.limits.perSource.windowMs);
      if (kept.length === 0) this.perSource.delete(source);
      else this.perSource.set(source, kept);
    }
  }
}
