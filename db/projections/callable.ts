import type { Statement } from 'better-sqlite3';
import { CALLABLE } from '../../shared/queue/model.ts';
import type { Queued } from '../../shared/queue/ordering.ts';
import type { Db } from '../open.ts';

/**
 * The callable tickets (waiting or transferred) of one connection, kept in memory. Every issue reads
 * them for the people ahead and every call reads them to choose; reading them from SQL cost more than
 * the rest of either command (bench/hub-ops). The tickets table stays the truth:
 * - after a projector touches a ticket, the cache reads that one ticket again (`ticketTouched`);
 * - the cache remembers the newest journal row whose effects it holds, and before each use checks that
 *   the row is still there: a rolled-back write (a failed command's savepoint, a failed commit) took its
 *   rows with it, and the cache then loads anew. No caller has to remember to tell it;
 * - a rebuild replaces every ticket at once and drops the cache (`dropCallableCache`).
 */
class CallableTickets {
  private readonly byId = new Map<string, Queued>();
  private sorted: readonly Queued[] | null = null;
  /** The newest journal row reflected here; null before the journal has any. */
  private lastRow: string | null = null;
  private readonly all: Statement<unknown[]>;
  private readonly one: Statement<unknown[]>;
  private readonly newestRow: Statement<unknown[]>;
  private readonly rowExists: Statement<unknown[]>;

  constructor(db: Db) {
    const columns = `id, number, service_code, priority, internal, issued_at, queued_at, head, target_counter_no
      FROM tickets WHERE status IN (${CALLABLE.map((status) => `'${status}'`).join(', ')})`;
    this.all = db.prepare<unknown[]>(`SELECT ${columns}`).raw();
    this.one = db.prepare<unknown[]>(`SELECT ${columns} AND id = ?`).raw();
    this.newestRow = db.prepare<unknown[]>('SELECT id FROM journal ORDER BY rowid DESC LIMIT 1').pluck();
    this.rowExists = db.prepare<unknown[]>('SELECT 1 FROM journal WHERE id = ?').pluck();
    this.load();
  }

  /** A projector applied journal row `rowId` to ticket `id`. */
  touch(id: string, rowId: string): void {
    if (!this.current()) return this.load();
    const row = this.one.get(id) as QueuedRow | undefined;
    if (row) this.put(row);
    else this.byId.delete(id);
    this.sorted = null;
    this.lastRow = rowId;
  }

  /** Oldest first; ties by id so that the order never depends on the map's history. */
  list(): readonly Queued[] {
    if (!this.current()) this.load();
    return (this.sorted ??= Object.freeze(
      [...this.byId.values()].sort((a, b) => a.issuedAt - b.issuedAt || (a.id < b.id ? -1 : 1)),
    ));
  }

  private current(): boolean {
    return this.lastRow === null || this.rowExists.get(this.lastRow) !== undefined;
  }

  private load(): void {
    this.byId.clear();
    this.sorted = null;
    for (const row of this.all.all() as QueuedRow[]) this.put(row);
    this.lastRow = (this.newestRow.get() as string | undefined) ?? null;
  }

  private put([id, number, serviceCode, priority, internal, issuedAt, queuedAt, head, target]: QueuedRow) {
    this.byId.set(
      id,
      Object.freeze({
        id,
        number,
        serviceCode,
        priority: priority === 1,
        internal: internal === 1,
        issuedAt,
        queuedAt,
        head: head === 1,
        targetCounterNo: target,
      }),
    );
  }
}
type QueuedRow = [string, string, string, number, number, number, number, number, number | null];

const caches = new WeakMap<Db, CallableTickets>();

/** Every callable ticket, oldest first, as the connection sees it now (inside its transaction too). */
export function allCallable(db: Db): readonly Queued[] {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new CallableTickets(db)));
  return cache.list();
}

/** A projector changed this ticket's row while applying journal row `rowId`. */
export function ticketTouched(db: Db, id: string, rowId: string): void {
  caches.get(db)?.touch(id, rowId);
}

/** Every ticket was replaced behind the projectors' back (a rebuild). */
export function dropCallableCache(db: Db): void {
  caches.delete(db);
}
