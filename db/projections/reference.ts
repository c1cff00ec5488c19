import type { Projectors } from './index.ts';
import { stmt } from './index.ts';

type Data = Record<string, unknown>;
const str = (d: Data, k: string) => String(d[k] ?? '');
const num = (d: Data, k: string, fallback = 0) => (typeof d[k] === 'number' ? (d[k] as number) : fallback);

/**
 * Pulled reference data lands in ref_data and, for the kinds the hall works with, in the same
 * projections the hall's own events maintain. A tombstone removes the item.
 */
export const referenceProjectors: Projectors = {
  'reference.updated': (db, p, row) => {
    // A station's pull is its own copy of the hall's reference data: the hub carries that row on to
    // head office as a record, but only this node's own pulls change its reference data (else a stale
    // station copy would overwrite newer data, and a later reset would tombstone the hub's items).
    const self = stmt(db, "SELECT value FROM node_meta WHERE key = 'device_id'").get() as
      { value: string } | undefined;
    if (self && row.device_id !== self.value) return;
    stmt(
      db,
      `INSERT INTO ref_data (kind, key, version, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET version = excluded.version, data = excluded.data`,
    ).run(p.kind, p.key, p.version, p.data === null ? null : JSON.stringify(p.data));
    const d = p.data;
    switch (p.kind) {
      case 'service':
        if (d === null) stmt(db, 'DELETE FROM services WHERE code = ?').run(p.key);
        else
          stmt(
            db,
            `INSERT INTO services (code, name, name_en, prefix, sla_minutes, open, sort) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, prefix = excluded.prefix,
               sla_minutes = excluded.sla_minutes, open = excluded.open, sort = excluded.sort`,
          ).run(
            p.key,
            str(d, 'name'),
            str(d, 'nameEn'),
            str(d, 'prefix'),
            num(d, 'slaMinutes', 10),
            d.open === false ? 0 : 1,
            num(d, 'sort'),
          );
        break;
      case 'staff':
        if (d === null) stmt(db, 'DELETE FROM staff WHERE staff_no = ?').run(p.key);
        else
          stmt(
            db,
            `INSERT INTO staff (id, staff_no, name, role, pin_hash) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (staff_no) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash`,
          ).run(
            typeof d.staffId === 'string' ? d.staffId : `staff-${p.key}`,
            p.key,
            str(d, 'name'),
            str(d, 'role'),
            str(d, 'pinHash'),
          );
        break;
      case 'setting':
        if (d === null) stmt(db, 'DELETE FROM settings WHERE key = ?').run(p.key);
        else
          stmt(
            db,
            `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          ).run(p.key, JSON.stringify(d.value));
        break;
      case 'counter':
        if (d !== null)
          stmt(
            db,
            `INSERT INTO counters (counter_no, name, services, status) VALUES (?, ?, ?, 'closed')
             ON CONFLICT (counter_no) DO UPDATE SET name = excluded.name, services = excluded.services`,
          ).run(Number(p.key), str(d, 'name'), JSON.stringify(d.services ?? []));
        break;
      case 'fee':
      case 'checklist':
        break; // kept in ref_data for the records that use them
    }
  },
};
