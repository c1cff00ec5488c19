import type { Clock } from '../shared/runtime.ts';

/** One background job as /health reports it. */
export interface JobState {
  name: string;
  lastRunAt: number | null;
  lastOkAt: number | null;
  /** The last run's failure, until a run succeeds again. */
  lastError: string | null;
  /** When the current run of failures began. */
  failingSince: number | null;
  /** It talks to another node: failing while offline is expected (the sync status says why). */
  network: boolean;
}

interface Log {
  error(obj: object, msg: string): void;
}

/**
 * The node's timers in one place: each job runs on its interval, never overlapping itself; a failure
 * is logged and kept for /health and the manager screen until a run succeeds, so background work never
 * fails silently. Timers are unref'd and cleared on stop, so no job runs against a closed database.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly states = new Map<string, JobState>();
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  /** Runs `run` every `everyMs`; with `firstAfterMs` the first run comes then instead (0: now). */
  every(
    name: string,
    everyMs: number,
    run: () => Promise<unknown>,
    { firstAfterMs = everyMs, network = false }: { firstAfterMs?: number; network?: boolean } = {},
  ): void {
    const tick = this.guarded(name, run, network);
    if (firstAfterMs === 0) void tick();
    else this.later(firstAfterMs, tick);
    this.track(setInterval(() => void tick(), everyMs));
  }

  status(): JobState[] {
    return [...this.states.values()].map((s) => ({ ...s }));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void fn();
    }, ms);
    this.track(timer);
  }

  private track(timer: NodeJS.Timeout): void {
    timer.unref();
    this.timers.add(timer);
  }

  private guarded(name: string, run: () => Promise<unknown>, network: boolean): () => Promise<void> {
    const state: JobState = {
      name,
      lastRunAt: null,
      lastOkAt: null,
      lastError: null,
      failingSince: null,
      network,
    };
    this.states.set(name, state);
    let running = false;
    return async () => {
      if (running || this.stopped) return;
      running = true;
      const at = this.clock.now();
      state.lastRunAt = at;
      try {
        await run();
        state.lastOkAt = this.clock.now();
        state.lastError = null;
        state.failingSince = null;
      } catch (err) {
        if (this.stopped) return;
        state.lastError = err instanceof Error ? err.message : String(err);
        state.failingSince ??= at;
        this.log.error({ err, job: name }, `background job ${name} failed`);
      } finally {
        running = false;
      }
    };
  }
}
