import { stmt } from '../../db/projections/index.ts';
import { ARCHIVABLE } from '../../db/projections/registers.ts';
import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import {
  admitted,
  MAX_TEMPERATURE_C,
  meetingProblem,
  MIN_TEMPERATURE_C,
  roundTemperature,
  temperatureInRange,
  type MeetingBody,
  type RecordType,
  type ToolLendBody,
  type VisitorBody,
} from '../../shared/registers/model.ts';
import type { WriteContext } from '../context.ts';
import { raiseRecordAlerts } from '../handover/alerts.ts';
import { archiveView, loanRow, loanView, meetingView } from './queries.ts';

/** Who records: a staff member, at the counter they are signed in at (null: at the hub with none). */
export interface Recorder {
  staffId: string;
  counterNo: number | null;
}

/**
 * R-VIS-1: a visitor with their temperature. Out of a thermometer's range is a typing error (422,
 * nothing written); above the limit (setting) the visitor is turned away and the contact person is
 * alerted on the manager screen: at once when the hub records it, by the hub's timer once a station's
 * record has synced up.
 */
export function registerVisitor(ctx: WriteContext, by: Recorder, body: VisitorBody) {
  if (!temperatureInRange(body.temperatureC))
    throw new DomainError('E_TEMPERATURE', {
      value: body.temperatureC,
      min: MIN_TEMPERATURE_C,
      max: MAX_TEMPERATURE_C,
    });
  const limitC = read.settings(ctx.db).visitorTemperatureLimitC;
  const temperatureC = roundTemperature(body.temperatureC);
  const ok = admitted(temperatureC, limitC);
  const visitorId = ctx.ids.next();
  ctx.journal.append(
    'visitor.registered',
    {
      visitorId,
      counterNo: by.counterNo,
      staffId: by.staffId,
      name: body.name ?? null,
      phone: body.phone ?? null,
      temperatureC,
      limitC,
      admitted: ok,
    },
    by.staffId,
  );
  if (!ok && ctx.role === 'hub') raiseRecordAlerts(ctx);
  return { id: visitorId, admitted: ok };
}

/** R-TOOL-1: a tool goes out to someone, due back at a time still to come. */
export function lendTool(ctx: WriteContext, staffId: string, body: ToolLendBody) {
  if (body.dueAt <= ctx.clock.now())
    throw new DomainError('E_VALIDATION', { detail: 'dueAt is in the past' });
  const loanId = ctx.ids.next();
  ctx.journal.append('tool.lent', { loanId, staffId, ...body }, staffId);
  return loanView(ctx.db, loanRow(ctx.db, loanId)!, ctx.clock.now());
}

export function returnTool(ctx: WriteContext, staffId: string, loanId: string) {
  const loan = loanRow(ctx.db, loanId);
  if (!loan) throw new DomainError('E_UNKNOWN_LOAN');
  if (loan.returned_at !== null) throw new DomainError('E_TOOL_RETURNED');
  ctx.journal.append('tool.returned', { loanId, staffId }, staffId);
  return loanView(ctx.db, loanRow(ctx.db, loanId)!, ctx.clock.now());
}

/** R-ASSESS-4: a morning meeting or training; every attendee is one of the hall's staff. */
export function recordMeeting(ctx: WriteContext, staffId: string, body: MeetingBody) {
  const problem = meetingProblem(body);
  if (problem) throw new DomainError('E_VALIDATION', { detail: problem });
  for (const staffNo of body.attendees)
    if (!read.staffByNo(ctx.db, staffNo)) throw new DomainError('E_UNKNOWN_STAFF', { staffNo });
  const meetingId = ctx.ids.next();
  ctx.journal.append('meeting.recorded', { meetingId, staffId, ...body }, staffId);
  return meetingView(ctx.db, meetingId);
}

/** What the route wrote to the archive file before asking the writer to record it. */
export interface WrittenArchive {
  archiveId: string;
  recordType: RecordType;
  before: number;
  count: number;
  file: string;
  sha256: string;
}

/**
 * R-REC-1: records the archive the route wrote and so removes its records from this node's tables
 * (db/projections/registers.ts). Refused when the records past the cutoff are no longer the ones the
 * file holds (a station's rows synced in meanwhile): nothing leaves the tables that is not in a file.
 */
export function archiveRecords(ctx: WriteContext, staffId: string, a: WrittenArchive) {
  const { table, where } = ARCHIVABLE[a.recordType];
  const { n } = stmt(ctx.db, `SELECT count(*) AS n FROM ${table} WHERE ${where}`).get({
    before: a.before,
  }) as {
    n: number;
  };
  if (n !== a.count) throw new DomainError('E_ARCHIVE_MOVED');
  ctx.journal.append('records.archived', { ...a, staffId }, staffId);
  return archiveView(ctx.db, a.archiveId);
}

export function acknowledgeAlert(ctx: WriteContext, staffId: string, alertId: string) {
  const open = stmt(ctx.db, 'SELECT 1 FROM alerts WHERE id = ? AND open = 1').get(alertId);
  if (!open) throw new DomainError('E_UNKNOWN_ALERT');
  ctx.journal.append('alert.acknowledged', { alertId, staffId }, staffId);
  return { id: alertId };
}
