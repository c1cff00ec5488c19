import Database from 'better-sqlite3';
import path from 'node:path';
import { scratchDir } from './dirs.ts';
import { percentile } from './stats.ts';

/**
 * The hub's floor: raw better-sqlite3 durable single-row commits per second (WAL, synchronous=FULL,
 * one INSERT of a journal-sized row per transaction) on the disk the nodes use, in this run.
 */
export function durableCommits(seconds = 3): { perSecond: number; p99Ms: number } {
  const scratch = scratchDir('sqlite');
  const db = new Database(path.join(scratch.dir, 'baseline.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
    const commit = db.transaction((payload: string) => insert.run(payload));
    const payload = 'x'.repeat(400);
    const warmupEnd = performance.now() + 300;
    while (performance.now() < warmupEnd) commit(payload);
    const latencies: number[] = [];
    const started = performance.now();
    const end = started + seconds * 1000;
    let t = started;
    while (t < end) {
      commit(payload);
      const after = performance.now();
      latencies.push(after - t);
      t = after;
    }
    return {
      perSecond: latencies.length / ((t - started) / 1000),
      p99Ms: percentile(latencies, 99),
    };
  } finally {
    db.close();
    scratch.remove();
  }
}
