import type { CounterDefinition, Service, Staff } from '../../shared/queue/model.ts';
import type { Db } from '../open.ts';
import { stmt } from './index.ts';

/**
 * The hall's reference rows (services, counters, staff, settings), written one way whichever event
 * brings them: the hall's own definitions (db/projections/hall.ts) and reference data pulled from
 * upstream (db/projections/reference.ts). The reads are in db/read.ts.
 */

/** One row of `services` (migration 0002). */
export interface ServiceRow {
  code: string;
  name: string;
  name_en: string;
  prefix: string;
  sla_minutes: number;
  open: number;
  sort: number;
}

export const serviceFromRow = (r: ServiceRow): Service => ({
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  prefix: r.prefix,
  slaMinutes: r.sla_minutes,
  open: r.open === 1,
  sort: r.sort,
});

export function upsertService(db: Db, s: Service): void {
  const row: ServiceRow = {
    code: s.code,
    name: s.name,
    name_en: s.nameEn,
    prefix: s.prefix,
    sla_minutes: s.slaMinutes,
    open: s.open ? 1 : 0,
    sort: s.sort,
  };
  stmt(
    db,
    `INSERT INTO services (code, name, name_en, prefix, sla_minutes, open, sort)
     VALUES (@code, @name, @name_en, @prefix, @sla_minutes, @open, @sort)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, prefix = excluded.prefix,
       sla_minutes = excluded.sla_minutes, open = excluded.open, sort = excluded.sort`,
  ).run(row);
}

/** A counter's definition; its state (open, away, who is at it) is the queue's and is kept. */
export function upsertCounter(db: Db, c: CounterDefinition): void {
  stmt(
    db,
    `INSERT INTO counters (counter_no, name, services, status) VALUES (?, ?, ?, 'closed')
     ON CONFLICT (counter_no) DO UPDATE SET name = excluded.name, services = excluded.services`,
  ).run(c.counterNo, c.name, JSON.stringify(c.services));
}

/**
 * A staff member. The hall's own enrolment names the person by id (a corrected staff number moves
 * with them); pulled reference data names them by staff number, head office's key, and a person
 * already here keeps the id the hall's records know them by.
 */
export function upsertStaff(db: Db, s: Staff, matchBy: 'id' | 'staffNo'): void {
  stmt(db, matchBy === 'id' ? UPSERT_STAFF_BY_ID : UPSERT_STAFF_BY_NO).run(
    s.staffId,
    s.staffNo,
    s.name,
    s.role,
    s.pinHash,
  );
}
const INSERT_STAFF = 'INSERT INTO staff (id, staff_no, name, role, pin_hash) VALUES (?, ?, ?, ?, ?)';
const UPSERT_STAFF_BY_ID = `${INSERT_STAFF} ON CONFLICT (id) DO UPDATE SET staff_no = excluded.staff_no,
  name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash`;
const UPSERT_STAFF_BY_NO = `${INSERT_STAFF} ON CONFLICT (staff_no) DO UPDATE SET name = excluded.name,
  role = excluded.role, pin_hash = excluded.pin_hash`;

/** A setting's value, stored as JSON (read back and checked in db/read.ts settings). */
export function putSetting(db: Db, key: string, value: unknown): void {
  stmt(
    db,
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(key, JSON.stringify(value));
}
