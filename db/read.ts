import { type AwayOverdue, type CounterState, type Service, type Ticket } from '../shared/queue/model.ts';
import type { Queued } from '../shared/queue/ordering.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts';
import { validSettingValue } from '../shared/events/catalog.ts';
import type { DeviceRole, StaffRole } from '../shared/primitives.ts';
import type { Db } from './open.ts';
import { stmt } from './projections/index.ts';
import { allCallable } from './projections/callable.ts';
import { serviceFromRow, type ServiceRow } from './projections/referenceRows.ts';

/** Reads of the projections as domain values. SQL stays here; services above see typed objects. */

interface TicketRow {
  id: string;
  number: string;
  service_code: string;
  priority: number;
  internal: number;
  status: Ticket['status'];
  business_day: string;
  issued_at: number;
  queued_at: number;
  head: number;
  target_counter_no: number | null;
  counter_no: number | null;
  staff_id: string | null;
  called_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  recall_count: number;
  transfer_count: number;
  overrun_reason: string | null;
  no_show_at: number | null;
  held_ms: number;
}

const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  number: r.number,
  serviceCode: r.service_code,
  priority: r.priority === 1,
  internal: r.internal === 1,
  status: r.status,
  businessDay: r.business_day,
  issuedAt: r.issued_at,
  queuedAt: r.queued_at,
  head: r.head === 1,
  targetCounterNo: r.target_counter_no,
  counterNo: r.counter_no,
  staffId: r.staff_id,
  calledAt: r.called_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  recallCount: r.recall_count,
  transferCount: r.transfer_count,
  overrunReason: r.overrun_reason,
  noShowAt: r.no_show_at,
  heldMs: r.held_ms,
});

export function ticketById(db: Db, id: string): Ticket | null {
  const row = stmt(db, 'SELECT * FROM tickets WHERE id = ?').get(id) as TicketRow | undefined;
  return row ? toTicket(row) : null;
}

/** Tickets of business days before `day` still in one of `statuses`. */
export function ticketsBefore(
  db: Db,
  day: string,
  statuses: readonly string[],
): { id: string; counterNo: number | null }[] {
  return stmt(
    db,
    `SELECT id, counter_no AS counterNo FROM tickets
     WHERE status IN (SELECT value FROM json_each(?)) AND business_day < ?
     ORDER BY business_day, issued_at`,
  ).all(JSON.stringify(statuses), day) as { id: string; counterNo: number | null }[];
}

export function ticketsByStatus(db: Db, statuses: readonly string[]): Ticket[] {
  const rows = stmt(
    db,
    `SELECT * FROM tickets WHERE status IN (SELECT value FROM json_each(?)) ORDER BY issued_at`,
  ).all(JSON.stringify(statuses)) as TicketRow[];
  return rows.map(toTicket);
}

/**
 * Callable tickets of some services, plus those sent to one counter, oldest first. The queue reads
 * these on every issue and call, so they come from the in-memory cache the projectors keep
 * (db/projections/callable.ts) rather than from SQL.
 */
export function callableTickets(db: Db, services: readonly string[], counterNo: number | null): Queued[] {
  return allCallable(db).filter(
    (t) => services.includes(t.serviceCode) || (counterNo !== null && t.targetCounterNo === counterNo),
  );
}

/** The ticket this sender (journal recorded_by) issued with this Idempotency-Key, if any. */
export function ticketIdForKey(db: Db, principal: string, key: string): string | null {
  const row = stmt(db, 'SELECT ticket_id FROM idempotency WHERE principal = ? AND key = ?').get(
    principal,
    key,
  ) as { ticket_id: string } | undefined;
  return row?.ticket_id ?? null;
}

export function lastTicketSeq(db: Db, businessDay: string, prefix: string): number {
  const row = stmt(db, 'SELECT last FROM ticket_numbers WHERE business_day = ? AND prefix = ?').get(
    businessDay,
    prefix,
  ) as { last: number } | undefined;
  return row?.last ?? 0;
}

export function dayStats(db: Db, businessDay: string): { issued: number; served: number } {
  const issued = stmt(db, 'SELECT count(*) AS n FROM tickets WHERE business_day = ?').get(businessDay) as {
    n: number;
  };
  const served = stmt(db, `SELECT count(*) AS n FROM tickets WHERE business_day = ? AND status = 'done'`).get(
    businessDay,
  ) as { n: number };
  return { issued: issued.n, served: served.n };
}

/** Today's mean handling time of one service (start to finish), or undefined before anyone was served. */
export function meanHandlingMs(db: Db, businessDay: string, serviceCode: string): number | undefined {
  // Kept by triggers (migration 0007): one row, however many customers the day has seen.
  const row = stmt(
    db,
    'SELECT served, handling_ms FROM service_day_handling WHERE business_day = ? AND service_code = ?',
  ).get(businessDay, serviceCode) as { served: number; handling_ms: number } | undefined;
  return row && row.served > 0 ? row.handling_ms / row.served : undefined;
}

export function priorityStreak(db: Db): number {
  const row = stmt(db, 'SELECT priority_streak FROM queue_state WHERE id = 1').get() as
    { priority_streak: number } | undefined;
  return row?.priority_streak ?? 0;
}

export function services(db: Db): Service[] {
  const rows = stmt(db, 'SELECT * FROM services ORDER BY sort, code').all() as ServiceRow[];
  return rows.map(serviceFromRow);
}

interface CounterRow {
  counter_no: number;
  name: string;
  services: string;
  status: CounterState['status'];
  staff_id: string | null;
  staff_name: string | null;
  away_reason: string | null;
  away_since: number | null;
  return_at: number | null;
  ticket_id: string | null;
}

// A station paired before it learnt the hub's staff ids signs its clerk in as `staff-<staffNo>`:
// the name is then found by staff number (else the manager's live view shows "—").
const COUNTER_SELECT = `SELECT c.*, coalesce(s.name, sn.name) AS staff_name FROM counters c
  LEFT JOIN staff s ON s.id = c.staff_id
  LEFT JOIN staff sn ON s.id IS NULL AND c.staff_id = 'staff-' || sn.staff_no`;

const toCounter = (r: CounterRow): CounterState => ({
  counterNo: r.counter_no,
  name: r.name,
  services: JSON.parse(r.services) as string[],
  status: r.status,
  staffId: r.staff_id,
  staffName: r.staff_name,
  awayReason: r.away_reason,
  awaySince: r.away_since,
  returnAt: r.return_at,
  ticketId: r.ticket_id,
});

export function counters(db: Db): CounterState[] {
  const rows = stmt(db, `${COUNTER_SELECT} ORDER BY c.counter_no`).all() as CounterRow[];
  return rows.map(toCounter);
}

export function counterByNo(db: Db, counterNo: number): CounterState | null {
  const row = stmt(db, `${COUNTER_SELECT} WHERE c.counter_no = ?`).get(counterNo) as CounterRow | undefined;
  return row ? toCounter(row) : null;
}

/**
 * The stamp migration 0019's triggers put on `settings` or `ref_data` at every change, by any path (an
 * event, a restore, a hand edit): a reader that keeps what it worked out from a table compares this one
 * value instead of reading every row again.
 */
export function tableStamp(db: Db, name: 'settings' | 'ref_data'): bigint {
  return (
    stmt(db, 'SELECT stamp FROM table_stamps WHERE name = ?').safeIntegers().get(name) as { stamp: bigint }
  ).stamp;
}

/**
 * The settings last read on each connection, with the stamp they were read at: checking every value
 * (the time zone by constructing an Intl format) cost more than the rest of a receipt's reads, and a
 * command reads the settings several times.
 */
const settingsRead = new WeakMap<Db, { stamp: bigint; settings: Settings }>();

export function settings(db: Db): Settings {
  const stamp = tableStamp(db, 'settings');
  const last = settingsRead.get(db);
  if (last && last.stamp === stamp) return { ...last.settings };
  const rows = stmt(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[];
  // A value that is not valid here (pulled from a newer head office, or an unknown time zone) falls
  // back to its default rather than making every rule that reads it throw.
  const stored = Object.fromEntries(
    rows
      .map((r) => [r.key, JSON.parse(r.value) as unknown] as const)
      .filter(([key, value]) => validSettingValue(key, value)),
  );
  const value = { ...DEFAULT_SETTINGS, ...stored } as Settings;
  settingsRead.set(db, { stamp, settings: value });
  return { ...value };
}

export interface HallRow {
  hallId: string;
  name: string;
  demo: boolean;
  open: boolean;
}
export function hall(db: Db): HallRow | null {
  const r = stmt(db, 'SELECT * FROM hall WHERE id = 1').get() as
    { hall_id: string; name: string; demo: number; open: number } | undefined;
  return r ? { hallId: r.hall_id, name: r.name, demo: r.demo === 1, open: r.open === 1 } : null;
}

export interface StaffRow {
  id: string;
  staffNo: string;
  name: string;
  role: StaffRole;
  pinHash: string;
}
const STAFF_SELECT = 'SELECT id, staff_no AS staffNo, name, role, pin_hash AS pinHash FROM staff';
export function staffByNo(db: Db, staffNo: string): StaffRow | null {
  return (stmt(db, `${STAFF_SELECT} WHERE staff_no = ?`).get(staffNo) as StaffRow | undefined) ?? null;
}
export function staffById(db: Db, id: string): StaffRow | null {
  return (stmt(db, `${STAFF_SELECT} WHERE id = ?`).get(id) as StaffRow | undefined) ?? null;
}
export function allStaff(db: Db): StaffRow[] {
  return stmt(db, STAFF_SELECT).all() as StaffRow[];
}

export interface DeviceRow {
  deviceId: string;
  role: DeviceRole;
  name: string;
  counterNo: number | null;
  revoked: boolean;
}
export function devices(db: Db): DeviceRow[] {
  const rows = stmt(
    db,
    'SELECT id, role, name, counter_no, revoked FROM devices ORDER BY paired_at',
  ).all() as {
    id: string;
    role: DeviceRow['role'];
    name: string;
    counter_no: number | null;
    revoked: number;
  }[];
  return rows.map((r) => ({
    deviceId: r.id,
    role: r.role,
    name: r.name,
    counterNo: r.counter_no,
    revoked: r.revoked === 1,
  }));
}

export interface AlertRow {
  id: string;
  kind: string;
  counterNo: number | null;
  message: string;
  at: number;
  away: AwayOverdue | null;
  ref: string | null;
  facts: Record<string, string | number> | null;
}
export function openAlerts(db: Db): AlertRow[] {
  const rows = stmt(
    db,
    'SELECT id, kind, counter_no AS counterNo, message, at, away, ref, facts FROM alerts WHERE open = 1 ORDER BY at',
  ).all() as (Omit<AlertRow, 'away' | 'facts'> & { away: string | null; facts: string | null })[];
  return rows.map((r) => ({
    ...r,
    away: r.away === null ? null : (JSON.parse(r.away) as AwayOverdue),
    facts: r.facts === null ? null : (JSON.parse(r.facts) as AlertRow['facts']),
  }));
}
