import { rmSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { openPglite, openPostgres, type Sql } from '../../headoffice/db/sql.ts';
import { startHeadOffice, type HeadOffice, type HeadOfficeOptions } from '../../headoffice/server.ts';
import { tempDir } from './hall.ts';
import { createHoStore, withAdminClient as withServerAdmin, type HoStore } from './hostore.ts';
import { jsonRequest, parseReply } from './http.ts';
import { NewHallReply, type NewHallReplyT } from '../../shared/api/console.ts';
import { consoleContract } from '../../shared/api/headoffice/console.ts';

/**
 * Head office for tests (DESIGN §7): real PostgreSQL when TEST_DATABASE_URL is set, each store its own
 * fresh database (dropped afterwards); embedded PGlite in a temporary directory otherwise.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const BACKEND: 'postgres' | 'pglite' = TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A fresh, empty head-office store that outlives head-office restarts until `drop()`. */
export type TestStore = HoStore;

/** Runs fn on a connection to the server's own database (TEST_DATABASE_URL), as its administrator. */
export function withAdminClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  if (!TEST_DATABASE_URL) throw new Error('withAdminClient: TEST_DATABASE_URL is not set');
  return withServerAdmin(TEST_DATABASE_URL, fn);
}

export function createTestStore(): Promise<TestStore> {
  const dir = tempDir('servicehall-ho-');
  return createHoStore(
    TEST_DATABASE_URL,
    { dir, remove: () => rmSync(dir, { recursive: true, force: true }) },
    'sh_test_',
  );
}

/** Opens the store from the test process (PGlite: only while no other process holds it). */
export function openStore(store: TestStore): Promise<Sql> {
  return store.databaseUrl
    ? openPostgres(store.databaseUrl, 4)
    : openPglite(path.join(store.dataDir, 'pgdata'));
}

/** A client of a running head office (in this process or a child), signed in as the demo admin. */
export interface HoClient {
  url: string;
  adminToken: string;
  request(
    method: string,
    url: string,
    opts?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown }>;
  /** A new hall and its one-time pairing code. */
  newHall(name?: string): Promise<NewHallReplyT>;
  /** Every hall's status, as the console reads it. */
  halls(): Promise<z.output<typeof consoleContract.halls.reply>>;
  /** Every quarantined row, as the console reads it. */
  quarantine(): Promise<z.output<typeof consoleContract.quarantine.reply>>;
}

export async function connectHeadOffice(url: string): Promise<HoClient> {
  let adminToken = '';
  const request: HoClient['request'] = (method, target, o = {}) =>
    jsonRequest(method, `${url}${target.startsWith('/sync/') ? '' : '/api/v1'}${target}`, {
      ...o,
      token: o.token === undefined ? adminToken : o.token,
    });
  const login = await request('POST', '/auth/login', {
    token: null,
    body: { staffNo: '0001', pin: '123456' },
  });
  if (login.status !== 200) throw new Error(`head-office login failed: ${JSON.stringify(login.body)}`);
  adminToken = (login.body as { token: string }).token;
  return {
    url,
    adminToken,
    request,
    newHall: async (name = 'Test hall') => {
      const res = await request('POST', '/halls', { body: { name } });
      if (res.status !== 201) throw new Error(`create hall failed: ${JSON.stringify(res.body)}`);
      return parseReply(NewHallReply, res);
    },
    halls: async () => parseReply(consoleContract.halls.reply, await request('GET', '/halls')),
    quarantine: async () => parseReply(consoleContract.quarantine.reply, await request('GET', '/quarantine')),
  };
}

export interface TestHeadOffice extends HoClient {
  ho: HeadOffice;
  sql: Sql;
  store: TestStore;
  /** Stops the server (the first call does; later ones wait for it); drops the store it made itself unless `drop: false`. */
  stop(opts?: { drop?: boolean }): Promise<void>;
}

/** Starts head office on port 0 with a demo admin (0001 / 123456), on a fresh store unless one is given. */
export async function startTestHeadOffice(
  opts: Partial<HeadOfficeOptions> & { store?: TestStore } = {},
): Promise<TestHeadOffice> {
  const { store: given, ...rest } = opts;
  const store = given ?? (await createTestStore());
  const ho = await startHeadOffice({
    demo: true,
    port: 0,
    logLevel: 'silent',
    databaseUrl: store.databaseUrl,
    dataDir: store.dataDir,
    ...rest,
  });
  const client = await connectHeadOffice(ho.url);
  let stopped: Promise<void> | null = null;
  return {
    ...client,
    ho,
    sql: ho.ctx.sql,
    store,
    // Once: a test may stop it itself before its fixture does.
    stop: (o = {}) =>
      (stopped ??= (async () => {
        await ho.close();
        if (o.drop ?? !given) await store.drop();
      })()),
  };
}

/** Every journal row's identity on one side: id → "device_id#device_seq". */
export type JournalIds = Map<string, string>;

export function hallJournalIds(db: Db, devices?: readonly string[]): JournalIds {
  const rows = db.prepare('SELECT id, device_id, device_seq FROM journal').all() as {
    id: string;
    device_id: string;
    device_seq: number;
  }[];
  return new Map(
    rows
      .filter((r) => !devices || devices.includes(r.device_id))
      .map((r) => [r.id, `${r.device_id}#${r.device_seq}`]),
  );
}

export async function hoJournalIds(sql: Sql, hallId?: string): Promise<JournalIds> {
  const rows = await sql.query<{ id: string; device_id: string; device_seq: number }>(
    'SELECT id, device_id, device_seq FROM journal WHERE $1::text IS NULL OR hall_id = $1',
    [hallId ?? null],
  );
  return new Map(rows.map((r) => [r.id, `${r.device_id}#${Number(r.device_seq)}`]));
}

export interface JournalDiff {
  missing: string[];
  extra: string[];
  mismatched: string[];
  /** Devices whose sequences at head office are not exactly 1..n without gaps or repeats. */
  gappy: string[];
}

/**
 * The invariant every sync test checks: the full set of journal ids and per-device (device_id,
 * device_seq) on a hall node's SQLite equals head office's, with each device's sequence gapless.
 * `quarantined` lists (device#seq) that head office legitimately holds in quarantine instead; `hallId`
 * (the hall's own id, as in its rows) limits head office's side to that hall when several share it.
 */
export async function diffJournals(
  db: Db,
  sql: Sql,
  opts: { devices?: readonly string[]; quarantined?: readonly string[]; hallId?: string } = {},
): Promise<JournalDiff> {
  const hall = hallJournalIds(db, opts.devices);
  const ho = await hoJournalIds(sql, opts.hallId);
  const q = new Set(opts.quarantined ?? []);
  const missing: string[] = [];
  const mismatched: string[] = [];
  for (const [id, key] of hall) {
    const there = ho.get(id);
    if (there === undefined) {
      if (!q.has(key)) missing.push(`${id} ${key}`);
    } else if (there !== key) mismatched.push(`${id} ${key} vs ${there}`);
  }
  const extra = [...ho].filter(([id]) => !hall.has(id)).map(([id, key]) => `${id} ${key}`);
  // Head office's sequences per device, with the quarantined ones counted as present.
  const perDevice = new Map<string, number[]>();
  for (const key of ho.values()) {
    const [device, seq] = key.split('#') as [string, string];
    let seqs = perDevice.get(device);
    if (!seqs) perDevice.set(device, (seqs = []));
    seqs.push(Number(seq));
  }
  for (const key of q) {
    const [device, seq] = key.split('#') as [string, string];
    perDevice.get(device)?.push(Number(seq));
  }
  const gappy: string[] = [];
  for (const [device, seqs] of perDevice) {
    seqs.sort((a, b) => a - b);
    if (seqs.some((s, i) => s !== i + 1)) gappy.push(device);
  }
  return { missing, extra, mismatched, gappy };
}

export const NO_DIFF: JournalDiff = { missing: [], extra: [], mismatched: [], gappy: [] };

/** Head office's cursor per device. */
export async function hoCursors(sql: Sql): Promise<Map<string, number>> {
  const rows = await sql.query<{ device_id: string; acked_seq: number }>(
    'SELECT device_id, acked_seq FROM device_cursors',
  );
  return new Map(rows.map((r) => [r.device_id, Number(r.acked_seq)]));
}

/** The hall's last device_seq per device. */
export function hallLastSeqs(db: Db): Map<string, number> {
  const rows = db
    .prepare('SELECT device_id, max(device_seq) AS seq FROM journal GROUP BY device_id')
    .all() as {
    device_id: string;
    seq: number;
  }[];
  return new Map(rows.map((r) => [r.device_id, r.seq]));
}
