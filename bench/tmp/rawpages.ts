import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
const dir = mkdtempSync('/tmp/rawp-');
const db = new Database(path.join(dir, 'x.sqlite'));
db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL');
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
for (const size of [400, 4000, 12000, 48000, 96000]) {
  const commit = db.transaction((p: string) => insert.run(p));
  const p = 'x'.repeat(size);
  for (let i = 0; i < 200; i++) commit(p);
  const t0 = performance.now(); let n = 0;
  while (performance.now() - t0 < 1500) { commit(p); n++; }
  console.log(`${size} B/commit: ${(1500 / n).toFixed(3)} ms/commit`);
}
db.close(); rmSync(dir, { recursive: true });
