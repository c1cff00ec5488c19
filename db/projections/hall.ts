import type { Projectors } from './index.ts';
import { stmt } from './index.ts';

const b = (v: boolean) => (v ? 1 : 0);

export const hallProjectors: Projectors = {
  'hall.configured': (db, p) => {
    stmt(
      db,
      `INSERT INTO hall (id, hall_id, name, demo, open) VALUES (1, @hallId, @name, @demo, 1)
       ON CONFLICT (id) DO UPDATE SET hall_id = excluded.hall_id, name = excluded.name, demo = excluded.demo`,
    ).run({ ...p, demo: b(p.demo) });
    stmt(db, `INSERT OR IGNORE INTO queue_state (id, priority_streak) VALUES (1, 0)`).run();
  },
  'hall.opened': (db) => void stmt(db, `UPDATE hall SET open = 1`).run(),
  'hall.closed': (db) => void stmt(db, `UPDATE hall SET open = 0`).run(),
  'setting.changed': (db, p) => {
    stmt(
      db,
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(p.key, JSON.stringify(p.value));
  },
  'service.defined': (db, p) => {
    stmt(
      db,
      `INSERT INTO services (code, name, name_en, prefix, sla_minutes, open, sort)
       VALUES (@code, @name, @nameEn, @prefix, @slaMinutes, @open, @sort)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, prefix = excluded.prefix,
         sla_minutes = excluded.sla_minutes, open = excluded.open, sort = excluded.sort`,
    ).run({ ...p, open: b(p.open) });
  },
  'service.opened': (db, p) => void stmt(db, `UPDATE services SET open = 1 WHERE code = ?`).run(p.code),
  'service.closed': (db, p) => void stmt(db, `UPDATE services SET open = 0 WHERE code = ?`).run(p.code),
  'counter.defined': (db, p) => {
    stmt(
      db,
      `INSERT INTO counters (counter_no, name, services, status) VALUES (@counterNo, @name, @services, 'closed')
       ON CONFLICT (counter_no) DO UPDATE SET name = excluded.name, services = excluded.services`,
    ).run({ ...p, services: JSON.stringify(p.services) });
  },
  'staff.enrolled': (db, p) => {
    stmt(
      db,
      `INSERT INTO staff (id, staff_no, name, role, pin_hash) VALUES (@staffId, @staffNo, @name, @role, @pinHash)
       ON CONFLICT (id) DO UPDATE SET staff_no = excluded.staff_no, name = excluded.name, role = excluded.role,
         pin_hash = excluded.pin_hash`,
    ).run(p);
  },
  'device.paired': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO devices (id, role, name, counter_no, revoked, paired_at)
       VALUES (@deviceId, @role, @name, @counterNo, 0, @at)`,
    ).run({ ...p, at: row.occurred_at });
  },
  'device.revoked': (db, p) => void stmt(db, `UPDATE devices SET revoked = 1 WHERE id = ?`).run(p.deviceId),
  'alert.raised': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO alerts (id, kind, counter_no, message, at, open) VALUES (@alertId, @kind, @counterNo, @message, @at, 1)`,
    ).run({ ...p, at: row.occurred_at });
  },
};
