import type { Projectors } from './index.ts';
import { insertRow, stmt } from './index.ts';
import type { Db } from '../open.ts';
import type { StoredItem } from '../../shared/checklists/model.ts';

/** The checklist tables (migration 0017), cleared and replayed by rebuild. */
export const CHECKLIST_TABLES = [
  'checklist_records',
  'checklist_missed',
  'checklist_results',
  'checklist_amendments',
  'checklist_followups',
  'checklist_photos',
  'hall_checklists',
  'hall_overrides',
] as const;

const valueText = (v: StoredItem['value']) => (v === null ? null : JSON.stringify(v));

function results(
  db: Db,
  occurrenceId: string,
  amendmentId: string | null,
  items: readonly StoredItem[],
  at: number,
) {
  for (const i of items)
    insertRow(db, 'checklist_results', {
      occurrence_id: occurrenceId,
      amendment_id: amendmentId,
      item_code: i.code,
      result: i.result,
      value: valueText(i.value),
      note: i.note,
      photo_sha256: i.photoSha256,
      at,
    });
}

function followups(
  db: Db,
  occurrenceId: string,
  list: readonly { id: string; itemCode: string }[],
  items: readonly StoredItem[],
  staffId: string,
  at: number,
) {
  const templateCode = occurrenceId.slice(0, occurrenceId.indexOf('@'));
  for (const f of list) {
    const item = items.find((i) => i.code === f.itemCode);
    insertRow(db, 'checklist_followups', {
      id: f.id,
      occurrence_id: occurrenceId,
      template_code: templateCode,
      item_code: f.itemCode,
      value: valueText(item?.value ?? null),
      note: item?.note ?? null,
      opened_at: at,
      opened_by: staffId,
    });
  }
}

export const checklistProjectors: Projectors = {
  'checklist.completed': (db, p, row) => {
    insertRow(db, 'checklist_records', {
      occurrence_id: p.occurrenceId,
      template_code: p.templateCode,
      day: p.day,
      due_at: p.dueAt,
      staff_id: p.staffId,
      completed_at: row.occurred_at,
      late: p.late ? 1 : 0,
      journal_id: row.id,
    });
    results(db, p.occurrenceId, null, p.items, row.occurred_at);
    followups(db, p.occurrenceId, p.followups, p.items, p.staffId, row.occurred_at);
  },
  'checklist.amended': (db, p, row) => {
    insertRow(db, 'checklist_amendments', {
      id: p.amendmentId,
      occurrence_id: p.occurrenceId,
      staff_id: p.staffId,
      reason: p.reason,
      at: row.occurred_at,
    });
    results(db, p.occurrenceId, p.amendmentId, p.items, row.occurred_at);
    followups(db, p.occurrenceId, p.followups, p.items, p.staffId, row.occurred_at);
  },
  'checklist.countersigned': (db, p, row) => {
    stmt(
      db,
      'UPDATE checklist_records SET countersigned_by = ?, countersigned_at = ? WHERE occurrence_id = ?',
    ).run(p.staffId, row.occurred_at, p.occurrenceId);
  },
  'checklist.missed': (db, p, row) =>
    insertRow(db, 'checklist_missed', {
      occurrence_id: p.occurrenceId,
      template_code: p.templateCode,
      day: p.day,
      due_at: p.dueAt,
      recorded_at: row.occurred_at,
    }),
  'checklist.photo': (db, p, row) => {
    stmt(
      db,
      'INSERT OR IGNORE INTO checklist_photos (sha256, mime, bytes, data, staff_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      p.sha256,
      p.mime,
      Buffer.byteLength(p.dataBase64, 'base64'),
      p.dataBase64,
      p.staffId,
      row.occurred_at,
    );
  },
  'checklist.followup_resolved': (db, p, row) => {
    stmt(
      db,
      'UPDATE checklist_followups SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL',
    ).run(row.occurred_at, p.staffId, p.note, p.followupId);
  },
  'checklist.template_set': (db, p, row) => {
    stmt(
      db,
      `INSERT INTO hall_checklists (code, data, staff_id, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET data = excluded.data, staff_id = excluded.staff_id, at = excluded.at`,
    ).run(p.code, JSON.stringify(p.template), p.staffId, row.occurred_at);
  },
  'hall.overridden': (db, p, row) =>
    insertRow(db, 'hall_overrides', {
      journal_id: row.id,
      action: p.action,
      rule: p.rule,
      reason: p.reason,
      staff_id: p.staffId,
      at: row.occurred_at,
    }),
};
