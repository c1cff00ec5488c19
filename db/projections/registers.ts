import type { RecordType } from '../../shared/registers/model.ts';
import type { Projectors } from './index.ts';
import { insertRow, stmt } from './index.ts';

/** The hall's registers (migration 0018). */
export const REGISTER_TABLES = ['visitors', 'tool_loans', 'meetings', 'archives'] as const;

/**
 * R-REC-1: what an archive of each record type removes from the projection: the records older than
 * its cutoff that are finished (a tool still out, a handover not yet signed or with an item still
 * open stay, whatever their age). The archive route selects with the same conditions.
 */
export const ARCHIVABLE: Record<RecordType, { table: string; where: string }> = {
  visitors: { table: 'visitors', where: 'registered_at < @before' },
  tools: { table: 'tool_loans', where: 'returned_at IS NOT NULL AND returned_at < @before' },
  meetings: { table: 'meetings', where: 'recorded_at < @before' },
  handovers: {
    table: 'handovers',
    where: `accepted_at IS NOT NULL AND accepted_at < @before AND NOT EXISTS (SELECT 1 FROM handover_items i
      WHERE i.handover_id = handovers.id AND i.confirmed = 0 AND i.resolved_at IS NULL)`,
  },
};

export const registerProjectors: Projectors = {
  'visitor.registered': (db, p, row) =>
    insertRow(db, 'visitors', {
      id: p.visitorId,
      device_id: row.device_id,
      counter_no: p.counterNo,
      staff_id: p.staffId,
      name: p.name,
      phone: p.phone,
      temperature_c: p.temperatureC,
      limit_c: p.limitC,
      admitted: p.admitted ? 1 : 0,
      registered_at: row.occurred_at,
    }),
  'tool.lent': (db, p, row) =>
    insertRow(db, 'tool_loans', {
      id: p.loanId,
      staff_id: p.staffId,
      tool: p.tool,
      borrower: p.borrower,
      lent_at: row.occurred_at,
      due_at: p.dueAt,
    }),
  'tool.returned': (db, p, row) =>
    void stmt(
      db,
      'UPDATE tool_loans SET returned_at = ?, returned_by = ? WHERE id = ? AND returned_at IS NULL',
    ).run(row.occurred_at, p.staffId, p.loanId),
  'meeting.recorded': (db, p, row) =>
    insertRow(db, 'meetings', {
      id: p.meetingId,
      staff_id: p.staffId,
      kind: p.kind,
      day: p.day,
      minutes: p.minutes,
      topics: p.topics,
      attendees: JSON.stringify(p.attendees),
      scores: JSON.stringify(p.scores),
      recorded_at: row.occurred_at,
    }),
  'records.archived': (db, p, row) => {
    // Only the node that wrote the archive removes the rows: its own file holds them. A receiver (the
    // hub, head office) keeps the row as a record and its own copy of the data (docs/decisions.md).
    const self = stmt(db, "SELECT value FROM node_meta WHERE key = 'device_id'").get() as
      { value: string } | undefined;
    if (self && row.device_id !== self.value) return;
    const { table, where } = ARCHIVABLE[p.recordType];
    stmt(db, `DELETE FROM ${table} WHERE ${where}`).run({ before: p.before });
    insertRow(db, 'archives', {
      id: p.archiveId,
      staff_id: p.staffId,
      record_type: p.recordType,
      before: p.before,
      count: p.count,
      file: p.file,
      sha256: p.sha256,
      at: row.occurred_at,
    });
  },
  'alert.acknowledged': (db, p) => void stmt(db, 'UPDATE alerts SET open = 0 WHERE id = ?').run(p.alertId),
};
