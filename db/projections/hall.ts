import type { Projectors } from './index.ts';
import { stmt } from './index.ts';
import { putSetting, upsertCounter, upsertService, upsertStaff } from './referenceRows.ts';

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
  'setting.changed': (db, p) => putSetting(db, p.key, p.value),
  'service.defined': (db, p) => upsertService(db, p),
  'service.opened': (db, p) => void stmt(db, `UPDATE services SET open = 1 WHERE code = ?`).run(p.code),
  'service.closed': (db, p) => void stmt(db, `UPDATE services SET open = 0 WHERE code = ?`).run(p.code),
  'counter.defined': (db, p) => upsertCounter(db, p),
  'staff.enrolled': (db, p) => upsertStaff(db, p, 'id'),
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
      `INSERT INTO alerts (id, kind, counter_no, message, at, open, away, ref, facts)
       VALUES (@alertId, @kind, @counterNo, @message, @at, 1, @away, @ref, @facts)`,
    ).run({
      ...p,
      at: row.occurred_at,
      away: p.away ? JSON.stringify(p.away) : null,
      ref: p.ref ?? null,
      facts: p.facts ? JSON.stringify(p.facts) : null,
    });
  },
};
