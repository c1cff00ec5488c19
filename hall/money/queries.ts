import { parseStoredRow } from '../../db/journal.ts';
import type { Db } from '../../db/open.ts';
import { rowHash, storedRowMatches } from '../../server/sha256.ts';
import { GENESIS_HASH } from '../../shared/journal/row.ts';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { feesInForce, type Fee } from '../../shared/money/fees.ts';
import type { MoneyFacts } from '../../shared/money/zreport.ts';
import { addDays, businessDay } from '../../shared/time/businessDay.ts';

/** The fee schedule in force on `day` (R-FEE-1), from the reference data this node pulled. */
export function fees(db: Db, day: string): Fee[] {
  const stamp = read.tableStamp(db, 'ref_data');
  let last = feesRead.get(db);
  if (!last || last.stamp !== stamp) {
    const rows = stmt(db, "SELECT key, data FROM ref_data WHERE kind = 'fee' AND data IS NOT NULL").all() as {
      key: string;
      data: string;
    }[];
    feesRead.set(db, (last = { stamp, rows, byDay: new Map() }));
  }
  let schedule = last.byDay.get(day);
  if (!schedule) {
    schedule = feesInForce(
      last.rows.map((r) => ({ key: r.key, data: JSON.parse(r.data) as unknown })),
      day,
    );
    if (last.byDay.size >= 16) last.byDay.clear(); // a node running for years: a few days at most
    last.byDay.set(day, schedule);
  }
  return schedule.map((f) => ({ ...f }));
}

/**
 * The schedules last worked out on each connection, by day, with the reference data's stamp they came
 * from (db/read.ts `tableStamp`): every receipt prices by the schedule, and reading and parsing each
 * entry again per receipt was a large share of recording one. A pulled price change moves the stamp,
 * so it is used at once.
 */
const feesRead = new WeakMap<
  Db,
  { stamp: bigint; rows: { key: string; data: string }[]; byDay: Map<string, Fee[]> }
>();

export function isDayClosed(db: Db, deviceId: string, day: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM day_closes WHERE device_id = ? AND day = ?').get(deviceId, day) !== undefined
  );
}

/**
 * The business day a record taken now belongs to on this device: today, or, when today is already
 * closed, the first day after it that is not (R-CASH-2: nothing more is recorded in a closed day).
 */
export function openDay(db: Db, deviceId: string, now: number): { day: string; lateFor: string | null } {
  const today = businessDay(now, read.settings(db).timeZone);
  let day = today;
  while (isDayClosed(db, deviceId, day)) day = addDays(day, 1);
  return { day, lateFor: day === today ? null : today };
}

export interface DrawerRow {
  id: string;
  device_id: string;
  day: string;
  staff_id: string;
  counter_no: number;
  float_fen: number;
  auto: number;
  opened_at: number;
  /** 1 once the drawer was counted at close: it takes nothing more. */
  closed: number;
}

/** A clerk's drawer of the day on this device, and whether it is closed: read once per money record. */
export function drawerOf(db: Db, deviceId: string, staffId: string, day: string): DrawerRow | undefined {
  return stmt(
    db,
    `SELECT d.*, EXISTS (SELECT 1 FROM drawer_counts c WHERE c.drawer_id = d.id AND c.kind = 'close') AS closed
     FROM drawers d WHERE d.device_id = ? AND d.staff_id = ? AND d.day = ?`,
  ).get(deviceId, staffId, day) as DrawerRow | undefined;
}

export function drawerClosed(db: Db, drawerId: string): boolean {
  return (
    stmt(db, "SELECT 1 FROM drawer_counts WHERE drawer_id = ? AND kind = 'close'").get(drawerId) !== undefined
  );
}

/** Cash a drawer should hold now: float, cash taken less change, refunds, moves, deposits out of it. */
export function expectedCashFen(db: Db, drawerId: string): number {
  const row = stmt(
    db,
    `SELECT d.float_fen
       + coalesce((SELECT sum(cash_fen) FROM receipts WHERE drawer_id = d.id), 0)
       - coalesce((SELECT sum(cash_fen) FROM receipt_voids WHERE drawer_id = d.id), 0)
       + coalesce((SELECT sum(CASE direction WHEN 'in' THEN amount_fen ELSE -amount_fen END)
                   FROM drawer_moves WHERE drawer_id = d.id), 0)
       - coalesce((SELECT sum(amount_fen) FROM deposits WHERE drawer_id = d.id), 0) AS fen
     FROM drawers d WHERE d.id = ?`,
  ).get(drawerId) as { fen: number } | undefined;
  return row?.fen ?? 0;
}

type Json = Record<string, unknown>;

/** Where each money event goes in MoneyFacts; `dated`: it carries its own business day. */
const FACT_OF: Record<string, { key: keyof MoneyFacts; dated: boolean }> = {
  'receipt.recorded': { key: 'receipts', dated: true },
  'receipt.voided': { key: 'voids', dated: true },
  'drawer.opened': { key: 'drawers', dated: true },
  'deposit.recorded': { key: 'deposits', dated: true },
  'invoice.recorded': { key: 'invoices', dated: true },
  'drawer.cash_moved': { key: 'moves', dated: false },
  'drawer.counted': { key: 'counts', dated: false },
  'drawer.difference_explained': { key: 'explanations', dated: false },
};

/**
 * A device's journal from `afterSeq` on, read and parsed once: its money events of `day` (the truth
 * the Z-report is made from) and the first broken link of its chain, if any.
 */
export function readDayFromJournal(
  db: Db,
  deviceId: string,
  day: string,
  afterSeq: number,
): { facts: MoneyFacts; chainBroken: { seq: number; reason: string } | null } {
  const start = stmt(db, 'SELECT hash FROM journal WHERE device_id = ? AND device_seq = ?').get(
    deviceId,
    afterSeq,
  ) as { hash: string } | undefined;
  const rows = stmt(
    db,
    'SELECT * FROM journal WHERE device_id = ? AND device_seq > ? ORDER BY device_seq',
  ).all(deviceId, afterSeq) as Parameters<typeof parseStoredRow>[0][];
  const facts = Object.fromEntries(Object.values(FACT_OF).map((f) => [f.key, [] as Json[]])) as Record<
    keyof MoneyFacts,
    Json[]
  >;
  let broken: { seq: number; reason: string } | null = null;
  let link = { seq: afterSeq, hash: start?.hash ?? GENESIS_HASH };
  for (const stored of rows) {
    const fact = FACT_OF[stored.type];
    // Every row's link and hash is checked, the stored text as it is; only money rows (and a row stored
    // in another form) are parsed.
    const fast = storedRowMatches(stored);
    const row = fact || !fast ? parseStoredRow(stored) : null;
    broken ??= linkBreak(stored, link, fast || (row !== null && rowHash(row) === stored.hash));
    link = { seq: stored.device_seq, hash: stored.hash };
    if (fact && row && (!fact.dated || row.payload.day === day)) facts[fact.key].push(row.payload);
  }
  // Moves, counts and explanations carry no day of their own: they belong to the day of their drawer.
  const drawerIds = new Set(facts.drawers.map((d) => d.drawerId));
  facts.moves = facts.moves.filter((m) => drawerIds.has(m.drawerId));
  facts.counts = facts.counts.filter((c) => drawerIds.has(c.drawerId));
  const countIds = new Set(facts.counts.map((c) => c.countId));
  facts.explanations = facts.explanations.filter((e) => countIds.has(e.countId));
  return { facts: facts as unknown as MoneyFacts, chainBroken: broken };
}

/** How a stored row breaks the chain after `prev`, if it does. */
function linkBreak(
  stored: { device_seq: number; prev_hash: string },
  prev: { seq: number; hash: string },
  hashHolds: boolean,
): { seq: number; reason: string } | null {
  const seq = stored.device_seq;
  if (seq !== prev.seq + 1) return { seq, reason: `sequence gap: expected ${prev.seq + 1}` };
  if (stored.prev_hash !== prev.hash) return { seq, reason: 'prev_hash does not match the previous row' };
  return hashHolds ? null : { seq, reason: 'hash does not match the row contents' };
}

/** The journal seq just before the device's first record of `day` (0: none yet), where its day close reads. */
export function seqBeforeDay(db: Db, deviceId: string, day: string): number {
  const row = stmt(
    db,
    `SELECT min(s) AS s FROM (
       SELECT min(journal_seq) AS s FROM receipts WHERE device_id = @d AND day = @day
       UNION ALL SELECT min(journal_seq) FROM receipt_voids WHERE device_id = @d AND day = @day
       UNION ALL SELECT min(journal_seq) FROM drawers WHERE device_id = @d AND day = @day
       UNION ALL SELECT min(journal_seq) FROM deposits WHERE device_id = @d AND day = @day
       UNION ALL SELECT min(journal_seq) FROM manual_invoices WHERE device_id = @d AND day = @day)`,
  ).get({ d: deviceId, day }) as { s: number | null };
  return row.s === null ? 0 : row.s - 1;
}

/**
 * The running total of the device's receipts less voids, on days before `day`: the last closed day's
 * grand total (as its Z-report sealed it) plus what came after it, so a close reads only the days
 * since the last one instead of the device's whole history.
 */
export function grandTotalBefore(db: Db, deviceId: string, day: string): number {
  const last = stmt(
    db,
    `SELECT day, json_extract(report, '$.grandTotalFen') AS fen FROM day_closes
     WHERE device_id = ? AND day < ? ORDER BY day DESC LIMIT 1`,
  ).get(deviceId, day) as { day: string; fen: number } | undefined;
  const row = stmt(
    db,
    `SELECT coalesce((SELECT sum(total_fen) FROM receipts WHERE device_id = @d AND day > @from AND day < @day), 0)
          - coalesce((SELECT sum(total_fen) FROM receipt_voids WHERE device_id = @d AND day > @from AND day < @day), 0)
       AS fen`,
  ).get({ d: deviceId, from: last?.day ?? '', day }) as { fen: number };
  return (last?.fen ?? 0) + row.fen;
}
