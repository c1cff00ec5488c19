import type { Projectors } from './index.ts';
import { insertRow, stmt } from './index.ts';
import type { Db } from '../open.ts';
import type { StoredItem } from '../../shared/checklists/model.ts';

/** The checklist tables (migrations 0017, 0020), cleared and replayed by rebuild. */
export const CHECKLIST_TABLES = [
  'checklist_records',
  'checklist_completions',
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
  of: { completionId: string } | { amendmentId: string },
  items: readonly StoredItem[],
  at: number,
) {
  for (const i of items)
    insertRow(db, 'checklist_results', {
      occurrence_id: occurrenceId,
      amendment_id: 'amendmentId' in of ? of.amendmentId : null,
      completion_id: 'completionId' in of ? of.completionId : null,
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
  /**
   * Every completion is kept (checklist_completions, with its results and follow-ups); the record that
   * stands is the first by completion time, then by journal id, whatever order they arrive in: two
   * counters offline may both complete one occurrence, and every node converges on the same record.
   * An on-time completion answers a missed mark the hub made before it synced (R-OPEN-1: on time is on
   * time, however late it arrives); a late one leaves the mark for ever.
   */
  'checklist.completed': (db, p, row) => {
    const late = p.late ? 1 : 0;
    insertRow(db, 'checklist_completions', {
      journal_id: row.id,
      occurrence_id: p.occurrenceId,
      staff_id: p.staffId,
      completed_at: row.occurred_at,
      late,
    });
    const standing = stmt(
      db,
      'SELECT completed_at, journal_id FROM checklist_records WHERE occurrence_id = ?',
    ).get(p.occurrenceId) as { completed_at: number; journal_id: string } | undefined;
    const record = {
      occurrence_id: p.occurrenceId,
      template_code: p.templateCode,
      day: p.day,
      due_at: p.dueAt,
      staff_id: p.staffId,
      completed_at: row.occurred_at,
      late,
      journal_id: row.id,
    };
    if (!standing) insertRow(db, 'checklist_records', record);
    else if (
      row.occurred_at < standing.completed_at ||
      (row.occurred_at === standing.completed_at && row.id < standing.journal_id)
    )
      // Countersigned stays with the occurrence: a manager signed that it was done.
      stmt(
        db,
        `UPDATE checklist_records SET staff_id = @staff_id, completed_at = @completed_at, late = @late,
           journal_id = @journal_id WHERE occurrence_id = @occurrence_id`,
      ).run(record);
    results(db, p.occurrenceId, { completionId: row.id }, p.items, row.occurred_at);
    followups(db, p.occurrenceId, p.followups, p.items, p.staffId, row.occurred_at);
    if (!p.late) stmt(db, 'DELETE FROM checklist_missed WHERE occurrence_id = ?').run(p.occurrenceId);
  },
  'checklist.amended': (db, p, row) => {
    insertRow(db, 'checklist_amendments', {
      id: p.amendmentId,
      occurrence_id: p.occurrenceId,
      staff_id: p.staffId,
      reason: p.reason,
      at: row.occurred_at,
    });
    results(db, p.occurrenceId, { amendmentId: p.amendmentId }, p.items, row.occurred_at);
    followups(db, p.occurrenceId, p.followups, p.items, p.staffId, row.occurred_at);
  },
  'checklist.countersigned': (db, p, row) => {
    stmt(
      db,
      'UPDATE checklist_records SET countersigned_by = ?, countersigned_at = ? WHERE occurrence_id = ?',
    ).run(p.staffId, row.occurred_at, p.occurrenceId);
  },
  // A mark the hub made while an on-time completion was still on its way (or replayed after it) is void.
  'checklist.missed': (db, p, row) => {
    const onTime = stmt(
      db,
      'SELECT 1 FROM checklist_completions WHERE occurrence_id = ? AND late = 0 LIMIT 1',
    ).get(p.occurrenceId);
    if (onTime) return;
    insertRow(db, 'checklist_missed', {
      occurrence_id: p.occurrenceId,
      template_code: p.templateCode,
      day: p.day,
      due_at: p.dueAt,
      recorded_at: row.occurred_at,
    });
  },
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
