import type { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import { maskPhone } from '../../shared/cases/model.ts';
import type {
  ArchiveView,
  MeetingView,
  RecordType,
  ToolLoanView,
  VisitorView,
} from '../../shared/registers/model.ts';

const staffNo = (db: Db, id: string) => read.staffById(db, id)?.staffNo ?? '';

export interface VisitorRow {
  id: string;
  device_id: string;
  counter_no: number | null;
  staff_id: string;
  name: string | null;
  phone: string | null;
  temperature_c: number;
  limit_c: number;
  admitted: number;
  registered_at: number;
}

/** R-VIS-1: a visitor as screens and exports show them: the phone masked (DESIGN §2). */
export function visitorView(db: Db, r: VisitorRow): z.input<typeof VisitorView> {
  return {
    id: r.id,
    at: r.registered_at,
    name: r.name,
    phone: maskPhone(r.phone),
    temperatureC: r.temperature_c,
    limitC: r.limit_c,
    admitted: r.admitted === 1,
    counterNo: r.counter_no,
    staffNo: staffNo(db, r.staff_id),
  };
}

export function visitorsBetween(db: Db, from: number, to: number): VisitorRow[] {
  return stmt(
    db,
    'SELECT * FROM visitors WHERE registered_at >= ? AND registered_at < ? ORDER BY registered_at',
  ).all(from, to) as VisitorRow[];
}

export interface LoanRow {
  id: string;
  staff_id: string;
  tool: string;
  borrower: string;
  lent_at: number;
  due_at: number;
  returned_at: number | null;
}

export function loanRow(db: Db, id: string): LoanRow | null {
  return (stmt(db, 'SELECT * FROM tool_loans WHERE id = ?').get(id) as LoanRow | undefined) ?? null;
}

export function loanView(db: Db, r: LoanRow, now: number): z.input<typeof ToolLoanView> {
  return {
    id: r.id,
    tool: r.tool,
    borrower: r.borrower,
    lentAt: r.lent_at,
    dueAt: r.due_at,
    returnedAt: r.returned_at,
    overdue: r.returned_at === null && r.due_at < now,
    lentByStaffNo: staffNo(db, r.staff_id),
  };
}

/** R-TOOL-1: every tool out, and those returned since `since` (the day's start), oldest first. */
export function loansOutOrBackSince(db: Db, since: number): LoanRow[] {
  return stmt(
    db,
    'SELECT * FROM tool_loans WHERE returned_at IS NULL OR returned_at >= ? ORDER BY returned_at IS NOT NULL, due_at',
  ).all(since) as LoanRow[];
}

interface MeetingRow {
  id: string;
  staff_id: string;
  kind: 'morning' | 'training';
  day: string;
  minutes: number;
  topics: string;
  attendees: string;
  scores: string;
  recorded_at: number;
}

const meetingOf = (db: Db, r: MeetingRow): z.input<typeof MeetingView> => ({
  id: r.id,
  kind: r.kind,
  day: r.day,
  minutes: r.minutes,
  topics: r.topics,
  attendees: JSON.parse(r.attendees) as string[],
  scores: JSON.parse(r.scores) as { staffNo: string; score: number }[],
  recordedAt: r.recorded_at,
  recordedByStaffNo: staffNo(db, r.staff_id),
});

export function meetingView(db: Db, id: string): z.input<typeof MeetingView> {
  return meetingOf(db, stmt(db, 'SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow);
}

export function meetings(db: Db): z.input<typeof MeetingView>[] {
  return (
    stmt(db, 'SELECT * FROM meetings ORDER BY day DESC, recorded_at DESC LIMIT 200').all() as MeetingRow[]
  ).map((r) => meetingOf(db, r));
}

interface ArchiveRow {
  id: string;
  staff_id: string;
  record_type: RecordType;
  before: number;
  count: number;
  file: string;
  sha256: string;
  at: number;
}

const archiveOf = (db: Db, r: ArchiveRow): z.input<typeof ArchiveView> => ({
  id: r.id,
  recordType: r.record_type,
  before: r.before,
  count: r.count,
  file: r.file,
  sha256: r.sha256,
  at: r.at,
  staffNo: staffNo(db, r.staff_id),
});

export function archiveView(db: Db, id: string): z.input<typeof ArchiveView> {
  return archiveOf(db, stmt(db, 'SELECT * FROM archives WHERE id = ?').get(id) as ArchiveRow);
}

export function archives(db: Db): z.input<typeof ArchiveView>[] {
  return (stmt(db, 'SELECT * FROM archives ORDER BY at DESC').all() as ArchiveRow[]).map((r) =>
    archiveOf(db, r),
  );
}
