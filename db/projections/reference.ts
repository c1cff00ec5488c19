import type { Projectors } from './index.ts';
import { stmt } from './index.ts';
import { putSetting, upsertCounter, upsertService, upsertStaff } from './referenceRows.ts';
import type { StaffRole } from '../../shared/primitives.ts';

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
          upsertService(db, {
            code: p.key,
            name: str(d, 'name'),
            nameEn: str(d, 'nameEn'),
            prefix: str(d, 'prefix'),
            slaMinutes: num(d, 'slaMinutes', 10),
            open: d.open !== false,
            sort: num(d, 'sort'),
          });
        break;
      case 'staff':
        if (d === null) stmt(db, 'DELETE FROM staff WHERE staff_no = ?').run(p.key);
        else
          upsertStaff(
            db,
            {
              staffId: typeof d.staffId === 'string' ? d.staffId : `staff-${p.key}`,
              staffNo: p.key,
              name: str(d, 'name'),
              role: str(d, 'role') as StaffRole,
              pinHash: str(d, 'pinHash'),
            },
            'staffNo',
          );
        break;
      case 'setting':
        if (d === null) stmt(db, 'DELETE FROM settings WHERE key = ?').run(p.key);
        else putSetting(db, p.key, d.value);
        break;
      case 'counter':
        if (d !== null)
          upsertCounter(db, {
            counterNo: Number(p.key),
            name: str(d, 'name'),
            services: (d.services ?? []) as string[],
          });
        break;
      case 'fee':
      case 'checklist':
        break; // kept in ref_data for the records that use them
    }
  },
};
