import type { Db } from '../../db/open.ts';
import { stmt } from '../../db/projections/index.ts';
import * as read from '../../db/read.ts';
import type { DueView, HistoryRow, StoredItem } from '../../shared/checklists/model.ts';
import {
  occurrenceAt,
  occurrencesBetween,
  occurrencesOnDays,
  parseOccurrenceId,
  statusAt,
  type Occurrence,
} from '../../shared/checklists/schedule.ts';
import { ChecklistTemplate, type CodedTemplate } from '../../shared/checklists/template.ts';
import { addDays, businessDay, startOfDay } from '../../shared/time/businessDay.ts';

/**
 * The hall's templates: head office's (ref_data, kind checklist; an old row is upcast as it is read)
 * and the hall's own. A row that no longer reads is left out rather than failing every screen.
 */
export function templates(db: Db): CodedTemplate[] {
  const rows = stmt(
    db,
    `SELECT key AS code, data, 'headoffice' AS source FROM ref_data WHERE kind = 'checklist' AND data IS NOT NULL
     UNION ALL SELECT code, data, 'hall' AS source FROM hall_checklists ORDER BY code`,
  ).all() as { code: string; data: string; source: 'headoffice' | 'hall' }[];
  const out: CodedTemplate[] = [];
  for (const r of rows) {
    const key = `${r.source}|${r.code}|${r.data}`;
    let t = parsedTemplates.get(key);
    if (t === undefined) {
      const parsed = ChecklistTemplate.safeParse(JSON.parse(r.data));
      t = parsed.success ? { ...parsed.data, code: r.code, source: r.source } : null;
      if (parsedTemplates.size > 1_000) parsedTemplates.clear();
      parsedTemplates.set(key, t);
    }
    if (t) out.push(t);
  }
  return out;
}

/** Templates as read, by their stored text: checking one (its RRULE included) costs more than the rest of a read. */
const parsedTemplates = new Map<string, CodedTemplate | null>();

export function template(db: Db, code: string): CodedTemplate | null {
  return templates(db).find((t) => t.code === code) ?? null;
}

export interface RecordRow {
  occurrence_id: string;
  template_code: string;
  day: string;
  due_at: number;
  staff_id: string;
  completed_at: number;
  late: number;
  countersigned_by: string | null;
  countersigned_at: number | null;
}

export function recordOf(db: Db, occurrenceId: string): RecordRow | null {
  return (
    (stmt(db, 'SELECT * FROM checklist_records WHERE occurrence_id = ?').get(occurrenceId) as
      RecordRow | undefined) ?? null
  );
}

/** An occurrence by its id, with its template; null when the id names no day the template falls on. */
export function occurrenceById(
  db: Db,
  id: string,
): { occurrence: Occurrence; template: CodedTemplate } | null {
  const parsed = parseOccurrenceId(id);
  if (!parsed) return null;
  const t = template(db, parsed.templateCode);
  if (!t) return null;
  const o = occurrenceAt(t.code, t, parsed.day, read.settings(db).timeZone);
  return o ? { occurrence: o, template: t } : null;
}

/** The records and missed marks of a span of days: two range scans of the day indexes. */
export const RECORDS_SQL = `SELECT r.occurrence_id, r.completed_at, r.countersigned_by, s.staff_no, c.staff_no AS countersigned_no
  FROM checklist_records r LEFT JOIN staff s ON s.id = r.staff_id LEFT JOIN staff c ON c.id = r.countersigned_by
  WHERE r.day >= ? AND r.day <= ?`;
export const MISSED_SQL = 'SELECT occurrence_id FROM checklist_missed WHERE day >= ? AND day <= ?';
/** The other completions of the span's occurrences: kept and shown beside the one that stands. */
export const ALSO_SQL = `SELECT c.occurrence_id, c.completed_at, c.late, s.staff_no FROM checklist_records r
  JOIN checklist_completions c ON c.occurrence_id = r.occurrence_id AND c.journal_id <> r.journal_id
  LEFT JOIN staff s ON s.id = c.staff_id WHERE r.day >= ? AND r.day <= ? ORDER BY c.completed_at, c.journal_id`;

/**
 * When the hall was set up (its hall.configured row): windows that ended before it are nobody's miss.
 * A set-up time after the clock's now (the clock was put back, or a data directory copied) counts from
 * the start of today.
 */
export function setUpAt(db: Db, now: number): number {
  // The hall's first row: a scan in journal order stops at once (type has no index).
  const first = stmt(
    db,
    "SELECT occurred_at AS at FROM journal WHERE type = 'hall.configured' ORDER BY rowid LIMIT 1",
  ).get() as { at: number } | undefined;
  return first === undefined || first.at > now ? startOfDay(now, read.settings(db).timeZone) : first.at;
}

/** How far back the due view looks for occurrences still open (a monthly check may be done late). */
const LOOKBACK_DAYS = 32;

/**
 * The manager's (and counter's) view at `now`: every occurrence of today that has begun, and every
 * earlier one still open for a late completion or done today. Computed from the templates and the
 * clock; the stored records are one range read by day.
 */
export function dueView(db: Db, now: number, role: string | null): DueView[] {
  const tz = read.settings(db).timeZone;
  const today = businessDay(now, tz);
  const from = addDays(today, -LOOKBACK_DAYS);
  const records = new Map(
    (
      stmt(db, RECORDS_SQL).all(from, today) as {
        occurrence_id: string;
        completed_at: number;
        staff_no: string | null;
        countersigned_no: string | null;
      }[]
    ).map((r) => [r.occurrence_id, r]),
  );
  const missed = new Set(
    (stmt(db, MISSED_SQL).all(from, today) as { occurrence_id: string }[]).map((r) => r.occurrence_id),
  );
  const also = new Map<string, DueView['alsoCompletedBy']>();
  for (const c of stmt(db, ALSO_SQL).all(from, today) as {
    occurrence_id: string;
    completed_at: number;
    late: number;
    staff_no: string | null;
  }[]) {
    const list = also.get(c.occurrence_id) ?? [];
    list.push({ staffNo: c.staff_no ?? '', completedAt: c.completed_at, late: c.late === 1 });
    also.set(c.occurrence_id, list);
  }
  const todayStart = startOfDay(now, tz);
  const fromMs = todayStart - LOOKBACK_DAYS * 86_400_000;
  const setUp = setUpAt(db, now);
  const out: DueView[] = [];
  for (const t of templates(db)) {
    if (role !== null && t.role !== role) continue;
    for (const o of occurrencesOnDays(t.code, t, tz, from, addDays(today, 1))) {
      if (o.startAt > now || o.startAt < fromMs) continue;
      const rec = records.get(o.occurrenceId) ?? null;
      const status = statusAt(o, rec?.completed_at ?? null, now);
      const doneToday = rec !== null && rec.completed_at >= todayStart;
      if (o.day !== today && status !== 'overdue' && !doneToday) continue;
      if (o.dueAt <= setUp && rec === null) continue;
      out.push({
        occurrenceId: o.occurrenceId,
        templateCode: t.code,
        name: t.name,
        nameEn: t.nameEn,
        rule: t.rule,
        role: t.role,
        day: o.day,
        startAt: o.startAt,
        dueAt: o.dueAt,
        status,
        missed: missed.has(o.occurrenceId) || status === 'missed',
        opening: t.opening,
        countersign: t.countersign,
        completedAt: rec?.completed_at ?? null,
        completedBy: rec?.staff_no ?? null,
        countersignedBy: rec?.countersigned_no ?? null,
        alsoCompletedBy: also.get(o.occurrenceId) ?? [],
        items: t.items.map((i) => ({
          code: i.code,
          label: i.label,
          labelEn: i.labelEn,
          kind: i.kind,
          required: i.required,
          min: i.min ?? null,
          max: i.max ?? null,
          unit: i.unit,
        })),
      });
    }
  }
  return out.sort((a, b) => a.dueAt - b.dueAt || a.templateCode.localeCompare(b.templateCode));
}

/** Today's opening checklists not yet done (R-OPEN-1), begun or not: the hall opens when there is none. */
export function openingToday(db: Db, now: number): { occurrenceId: string; name: string }[] {
  const tz = read.settings(db).timeZone;
  const today = businessDay(now, tz);
  return templates(db)
    .filter((t) => t.opening)
    .map((t) => occurrenceAt(t.code, t, today, tz))
    .filter((o): o is Occurrence => o !== null && recordOf(db, o.occurrenceId) === null)
    .map((o) => ({ occurrenceId: o.occurrenceId, name: template(db, o.templateCode)?.name ?? '' }));
}

const parseValue = (v: string | null): StoredItem['value'] =>
  v === null ? null : (JSON.parse(v) as StoredItem['value']);

/** History per template and per item, newest first: each result as recorded (amendments marked), and missed windows. */
export function history(
  db: Db,
  q: { template?: string; item?: string; from?: string; to?: string },
): HistoryRow[] {
  const from = q.from ?? '0000-00-00';
  const to = q.to ?? '9999-99-99';
  const tpl = q.template ?? null;
  const rows = stmt(
    db,
    // Each result under the completion it belongs to (a second completion of the occurrence is kept
    // and marked); an amendment's results under the record that stands.
    `SELECT r.occurrence_id, r.template_code, r.day, coalesce(k.late, r.late) AS late,
       coalesce(k.completed_at, r.completed_at) AS completed_at, s.staff_no, c.staff_no AS cs_no,
       x.item_code, x.result, x.value, x.note, x.amendment_id,
       x.completion_id IS NOT NULL AND x.completion_id <> r.journal_id AS duplicate
     FROM checklist_records r
     JOIN checklist_results x ON x.occurrence_id = r.occurrence_id
     LEFT JOIN checklist_completions k ON k.journal_id = x.completion_id
     LEFT JOIN staff s ON s.id = coalesce(k.staff_id, r.staff_id) LEFT JOIN staff c ON c.id = r.countersigned_by
     WHERE r.day >= ? AND r.day <= ? AND (? IS NULL OR r.template_code = ?) AND (? IS NULL OR x.item_code = ?)
     ORDER BY r.day DESC, r.template_code, x.item_code, x.at`,
  ).all(from, to, tpl, tpl, q.item ?? null, q.item ?? null) as {
    occurrence_id: string;
    template_code: string;
    day: string;
    late: number;
    completed_at: number;
    staff_no: string | null;
    cs_no: string | null;
    item_code: string;
    result: HistoryRow['result'];
    value: string | null;
    note: string | null;
    amendment_id: string | null;
    duplicate: number;
  }[];
  const missed = stmt(
    db,
    `SELECT m.occurrence_id, m.template_code, m.day FROM checklist_missed m
     WHERE m.day >= ? AND m.day <= ? AND (? IS NULL OR m.template_code = ?)
       AND NOT EXISTS (SELECT 1 FROM checklist_records r WHERE r.occurrence_id = m.occurrence_id)`,
  ).all(from, to, tpl, tpl) as { occurrence_id: string; template_code: string; day: string }[];
  const out: HistoryRow[] = rows.map((r) => ({
    occurrenceId: r.occurrence_id,
    templateCode: r.template_code,
    day: r.day,
    status: r.late ? 'late' : 'done',
    completedAt: r.completed_at,
    staffNo: r.staff_no ?? '',
    countersignedBy: r.cs_no,
    itemCode: r.item_code,
    result: r.result,
    value: parseValue(r.value),
    note: r.note,
    amended: r.amendment_id !== null,
    duplicate: r.duplicate === 1,
  }));
  for (const m of missed)
    out.push({
      occurrenceId: m.occurrence_id,
      templateCode: m.template_code,
      day: m.day,
      status: 'missed',
      completedAt: null,
      staffNo: '',
      countersignedBy: null,
      itemCode: null,
      result: null,
      value: null,
      note: null,
      amended: false,
      duplicate: false,
    });
  return out.sort((a, b) => b.day.localeCompare(a.day) || a.templateCode.localeCompare(b.templateCode));
}

export interface FollowupRow {
  id: string;
  occurrence_id: string;
  template_code: string;
  item_code: string;
  value: string | null;
  note: string | null;
  opened_at: number;
  opened_no: string | null;
  resolved_at: number | null;
  resolved_no: string | null;
  resolution: string | null;
}

/** Open follow-ups (oldest first), then those resolved since `since`. */
export function followups(db: Db, since: number) {
  const rows = stmt(
    db,
    `SELECT f.*, o.staff_no AS opened_no, r.staff_no AS resolved_no FROM checklist_followups f
     LEFT JOIN staff o ON o.id = f.opened_by LEFT JOIN staff r ON r.id = f.resolved_by
     WHERE f.resolved_at IS NULL OR f.resolved_at >= ? ORDER BY f.resolved_at IS NOT NULL, f.opened_at`,
  ).all(since) as FollowupRow[];
  const byCode = new Map(templates(db).map((t) => [t.code, t]));
  return rows.map((f) => {
    const t = byCode.get(f.template_code);
    return {
      id: f.id,
      occurrenceId: f.occurrence_id,
      templateCode: f.template_code,
      templateName: t?.name ?? f.template_code,
      itemCode: f.item_code,
      itemLabel: t?.items.find((i) => i.code === f.item_code)?.label ?? f.item_code,
      value: parseValue(f.value),
      note: f.note,
      openedAt: f.opened_at,
      openedBy: f.opened_no ?? '',
      resolvedAt: f.resolved_at,
      resolvedBy: f.resolved_no,
      resolution: f.resolution,
    };
  });
}

export function followupRow(db: Db, id: string): { resolved_at: number | null } | null {
  return (
    (stmt(db, 'SELECT resolved_at FROM checklist_followups WHERE id = ?').get(id) as
      { resolved_at: number | null } | undefined) ?? null
  );
}

/** Occurrences whose due time passed in (from, now] with no record and no missed mark yet. */
export function unmarkedMissed(db: Db, from: number, now: number): Occurrence[] {
  const tz = read.settings(db).timeZone;
  const has = stmt(
    db,
    `SELECT EXISTS (SELECT 1 FROM checklist_records WHERE occurrence_id = ?)
       OR EXISTS (SELECT 1 FROM checklist_missed WHERE occurrence_id = ?) AS has`,
  );
  const out: Occurrence[] = [];
  for (const t of templates(db))
    for (const o of occurrencesBetween(t.code, t, tz, from - 40 * 86_400_000, now))
      if (
        o.dueAt <= now &&
        o.startAt >= from &&
        !(has.get(o.occurrenceId, o.occurrenceId) as { has: number }).has
      )
        out.push(o);
  return out;
}
