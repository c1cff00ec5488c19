import type { Db } from './open.ts';

/** A table to watch, and (for UPDATE) the columns whose change matters; none: any update. */
export interface Watched {
  table: string;
  columns?: readonly string[];
}

/**
 * Calls `onChange` whenever one of the tables changes through this connection: temporary triggers
 * (this connection's only, nothing stored in the file) call back into the process. Every write of a
 * running node goes through its one connection (the writer, sync adoption, a rebuild), so a cache
 * that empties itself on the call never answers from rows older than the tables. A rolled-back
 * change calls it too, which only empties the cache once more than needed.
 */
export function watchTables(db: Db, name: string, watched: readonly Watched[], onChange: () => void): void {
  const fn = `servicehall_changed_${name}`;
  db.function(fn, { deterministic: false }, () => {
    onChange();
    return null;
  });
  for (const { table, columns } of watched) {
    const changed = columns?.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
    const on = [
      ['insert', 'INSERT', ''],
      ['delete', 'DELETE', ''],
      ['update', columns ? `UPDATE OF ${columns.join(', ')}` : 'UPDATE', changed ? `WHEN ${changed}` : ''],
    ];
    for (const [suffix, event, when] of on)
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${fn}_${table}_${suffix} AFTER ${event} ON main.${table}
                 ${when} BEGIN SELECT ${fn}(); END`);
  }
}
