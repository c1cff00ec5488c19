import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/open.ts';
import { Journal } from '../../db/journal.ts';
import { verifyJournal } from '../../db/verify.ts';
import * as read from '../../db/read.ts';
import { startHallNode } from '../../hall/node.ts';
import { ManualClock, uuidV7Ids } from '../../shared/runtime.ts';
import type { EventPayload, EventType } from '../../shared/events/catalog.ts';
import { BENCH_DIR } from './dirs.ts';
import { hallHistory, ROWS_PER_DAY } from './history.ts';

/** Bump when the generated history changes shape, so cached databases are made anew. */
const GENERATOR_VERSION = 1;
const CHUNK = 20_000;

export interface HubDb {
  dir: string;
  rows: number;
  deviceId: string;
  hallId: string;
  kiosk: string;
  display: string;
}

/**
 * A demo hub's data directory holding exactly `rows` journal rows: the demo hall seeded by the real
 * node, then its history appended through the real Journal (hash chain and projections, as a running
 * hub would have written them) in large transactions. Cached in .data/bench/<name>; a half-written
 * cache (no ready.json) is made anew.
 */
export async function cachedHubDb(name: string, rows: number, log: (line: string) => void): Promise<HubDb> {
  const dir = path.join(BENCH_DIR, name);
  const marker = path.join(dir, 'ready.json');
  if (existsSync(marker)) {
    const ready = JSON.parse(readFileSync(marker, 'utf8')) as HubDb & { version: number };
    if (ready.version === GENERATOR_VERSION && ready.rows === rows) return { ...ready, dir };
  }
  rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  const endMs = started - 60 * 60_000;
  const firstMs = endMs - (Math.ceil(rows / ROWS_PER_DAY) + 2) * 24 * 60 * 60_000;
  const clock = new ManualClock(firstMs);
  const node = await startHallNode({
    dataDir: dir,
    port: 0,
    demo: true,
    clock,
    timers: false,
    sync: false,
    logLevel: 'warn',
  });
  const { deviceId, hallId } = node.ctx;
  const tokens = node.demoDevices!;
  await node.close();

  const db = openDatabase(path.join(dir, 'hall.sqlite'));
  // Generation only: the finished file is checkpointed and closed before any node opens it.
  db.pragma('synchronous = OFF');
  const seeded = (db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
  const clerkIds = ['1001', '1002', '1003', '1004', '1005', '1006'].map((no) => read.staffByNo(db, no)!.id);
  const journal = new Journal(db, { deviceId, hallId }, clock, uuidV7Ids);
  const events = hallHistory({
    rows: rows - seeded,
    endMs,
    timeZone: read.settings(db).timeZone,
    clerkIds,
    kioskBy: `device:${deviceId}`,
  });
  let written = seeded;
  let done = false;
  while (!done) {
    db.transaction(() => {
      for (let i = 0; i < CHUNK; i++) {
        const e = events.next();
        if (e.done) {
          done = true;
          return;
        }
        clock.set(e.value.at);
        journal.append(e.value.type, e.value.payload as EventPayload<EventType>, e.value.by);
        written++;
      }
    })();
    if (written % 200_000 < CHUNK) log(`  ${name}: ${written.toLocaleString('en-US')} rows`);
  }
  const report = verifyJournal(db);
  if (report.firstBreak) throw new Error(`generated journal does not verify: ${report.firstBreak.reason}`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const ready = { version: GENERATOR_VERSION, rows: written, deviceId, hallId, ...tokens };
  writeFileSync(marker, JSON.stringify(ready, null, 2));
  log(`  ${name}: generated ${written} rows in ${((Date.now() - started) / 1000).toFixed(1)} s (cached)`);
  return { ...ready, dir };
}
