import type { Db } from '../../db/open.ts';
import type { Journal } from '../../db/journal.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import { DomainError, storageFault } from '../../shared/errors.ts';

/** The storage fault the last commits met, until a commit succeeds again (issue 9). */
export interface StorageProblem {
  code: 'E_STORAGE_FULL' | 'E_STORAGE';
  since: number;
}

/** A disk fault becomes the error a person can act on (503 E_STORAGE); anything else stays as it is. */
function asStorageError(error: unknown): unknown {
  const fault = storageFault(error);
  return fault ? new DomainError(fault) : error;
}

interface Pending {
  work: () => unknown;
  resolve: (v: { value: unknown; rows: JournalRow[] }) => void;
  reject: (e: unknown) => void;
}

/**
 * How many extra event-loop turns a batch may wait while it is still growing. Requests that arrive
 * together are parsed over several turns (each socket read, then its body); flushing on the first turn
 * committed most batches with one to three commands. A turn with nothing new costs microseconds, so a
 * lone request waits one empty turn and no more.
 */
const MAX_GATHER_TURNS = 3;

/**
 * Group commit: commands that arrive while one is being handled are applied together in one SQLite
 * transaction (each in its own savepoint, so one failing command does not undo the others), and every
 * caller is answered only after that transaction is durable. One fsync then covers many requests.
 */
export class GroupCommit {
  private pending: Pending[] = [];
  private scheduled = false;
  /** Commands seen at the last gathering turn, and turns waited so far, for the batch being gathered. */
  private seen = 0;
  private turns = 0;
  private collecting: JournalRow[] | null = null;
  private readonly afterCommit: ((rows: JournalRow[]) => void)[] = [];
  /** A transaction, or a savepoint inside one (better-sqlite3 nests them), made once and reused. */
  private readonly atomic: <T>(work: () => T) => T;
  private problem: StorageProblem | null = null;

  constructor(
    db: Db,
    journal: Journal,
    private readonly now: () => number = Date.now,
  ) {
    journal.onAppend((row) => this.collecting?.push(row));
    this.atomic = db.transaction((work: () => unknown) => work()) as <T>(work: () => T) => T;
  }

  /** Subscribers see the rows of each durable batch, in journal order. */
  onCommit(listener: (rows: JournalRow[]) => void): void {
    this.afterCommit.push(listener);
  }

  /**
   * A full disk or I/O error met by the latest commits, or null. It is cleared by the next batch that
   * commits journal rows without one: nobody has to reset it when space returns.
   */
  storageProblem(): StorageProblem | null {
    return this.problem;
  }

  /** Notes what a batch met: a storage fault, or a clean commit of rows that clears an earlier one. */
  private note(errors: unknown[], wrote: boolean): void {
    const fault = errors.map(storageFault).find((f) => f !== null);
    if (fault) {
      if (this.problem?.code !== fault) this.problem = { code: fault, since: this.now() };
    } else if (wrote) this.problem = null;
  }

  /** Resolves once everything queued so far has been answered. */
  async drained(): Promise<void> {
    while (this.scheduled) await new Promise((resolve) => setImmediate(resolve));
  }

  run<T>(work: () => T): Promise<{ value: T; rows: JournalRow[] }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as Pending['resolve'], reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.seen = 0;
        this.turns = 0;
        setImmediate(this.gather);
      }
    });
  }

  private readonly gather = (): void => {
    if (this.pending.length > this.seen && this.turns < MAX_GATHER_TURNS) {
      this.seen = this.pending.length;
      this.turns++;
      setImmediate(this.gather);
      return;
    }
    this.flush();
  };

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const outcomes: ({ ok: true; value: unknown; rows: JournalRow[] } | { ok: false; error: unknown })[] = [];
    const all: JournalRow[] = [];
    // One command alone needs no savepoint: its transaction is the batch.
    const apply = (item: Pending) => {
      this.collecting = [];
      try {
        const value = this.atomic(item.work);
        outcomes.push({ ok: true, value, rows: this.collecting });
        all.push(...this.collecting);
      } catch (error) {
        outcomes.push({ ok: false, error });
      } finally {
        this.collecting = null;
      }
    };
    try {
      if (batch.length === 1) apply(batch[0]!);
      else this.atomic(() => batch.forEach(apply));
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of this batch was written.
      this.note([error], false);
      for (const item of batch) item.reject(asStorageError(error));
      return;
    }
    // Only a commit that wrote journal rows proves there is room again: a timer's check that wrote
    // nothing commits fine on a full disk.
    this.note(
      outcomes.flatMap((o) => (o.ok ? [] : [o.error])),
      all.length > 0,
    );
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve({ value: outcome.value, rows: outcome.rows });
      else item.reject(asStorageError(outcome.error));
    });
    if (all.length > 0) for (const listener of this.afterCommit) listener(all);
  }
}
