import { z } from 'zod';
import { startOfLocalDay } from './deadlines.ts';
import { CaseKind, maskPhone } from './model.ts';

/** A month as the report names it: `YYYY-MM`. */
export const MonthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

/** A case's history as the month report reads it. */
export interface CaseHistory {
  id: string;
  no: number;
  kind: CaseKind;
  summary: string;
  phone: string | null;
  openedBy: string;
  openedAt: number;
  replyDueAt: number | null;
  opinionDueAt: number | null;
  repliedAt: number | null;
  opinionAt: number | null;
  closedAt: number | null;
  /** Every action after the opening, in order: who did it and, for a reassignment, to whom. */
  actions: readonly { kind: string; at: number; toStaffId: string | null }[];
}

export const ReportRow = z.object({
  staffId: z.string(),
  staffNo: z.string(),
  name: z.string(),
  accepted: z.number().int(),
  finished: z.number().int(),
  unfinished: z.number().int(),
  stalled: z.number().int(),
  overdue: z.number().int(),
});

export const ReportCase = z.object({
  id: z.string(),
  no: z.number().int(),
  kind: CaseKind,
  summary: z.string(),
  phone: z.string().nullable(),
  staffNo: z.string(),
  openedAt: z.number().int(),
  lastActionAt: z.number().int(),
  stalled: z.boolean(),
  overdue: z.boolean(),
});

/** R-CMP-2: the month-end flow report, per clerk, with the cases still unfinished at its end. */
export const CaseReport = z.object({
  month: MonthText,
  from: z.number().int(),
  /** The report's moment: the month's end, or now while the month runs. */
  asOf: z.number().int(),
  stalledDays: z.number().int(),
  rows: z.array(ReportRow),
  unfinished: z.array(ReportCase),
});
export type CaseReport = z.infer<typeof CaseReport>;

/** The first instant of a month and of the next, in the hall's time zone. */
export function monthRange(month: string, timeZone: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: startOfLocalDay(`${month}-01`, timeZone), to: startOfLocalDay(next, timeZone) };
}

/** R-FR-1: who owned the case at `at`: its opener, then each reassignment's new owner. */
export function ownerAt(c: CaseHistory, at: number): string {
  let owner = c.openedBy;
  for (const a of c.actions) if (a.at <= at && a.kind === 'reassign' && a.toStaffId) owner = a.toStaffId;
  return owner;
}

const DAY_MS = 86_400_000;
const first = (...ts: (number | null)[]) => {
  const set = ts.filter((t): t is number => t !== null);
  return set.length ? Math.min(...set) : Infinity;
};

/** Each deadline with when it was met (Infinity: never). */
function deadlines(c: CaseHistory): { due: number; met: number }[] {
  const out: { due: number; met: number }[] = [];
  if (c.replyDueAt !== null)
    out.push({ due: c.replyDueAt, met: first(c.repliedAt, c.opinionAt, c.closedAt) });
  if (c.opinionDueAt !== null) out.push({ due: c.opinionDueAt, met: first(c.opinionAt, c.closedAt) });
  return out;
}

/**
 * The report for one month (R-CMP-2), counted per clerk: accepted (opened by them in the month),
 * finished (closed while they owned it), unfinished at the report's moment, stalled (unfinished with no
 * action for `stalledDays`), overdue (a deadline passed unmet at some moment of the month while they
 * owned it at the end). The phone is masked.
 */
export function monthReport(
  cases: readonly CaseHistory[],
  o: {
    month: string;
    timeZone: string;
    now: number;
    stalledDays: number;
    staff: (id: string) => { staffNo: string; name: string };
  },
): CaseReport {
  const { from, to } = monthRange(o.month, o.timeZone);
  const asOf = Math.min(to - 1, o.now);
  const rows = new Map<string, z.infer<typeof ReportRow>>();
  const row = (staffId: string) => {
    let r = rows.get(staffId);
    if (!r) {
      const s = o.staff(staffId);
      r = { staffId, ...s, accepted: 0, finished: 0, unfinished: 0, stalled: 0, overdue: 0 };
      rows.set(staffId, r);
    }
    return r;
  };
  const unfinished: z.infer<typeof ReportCase>[] = [];
  for (const c of cases) {
    if (c.openedAt > asOf || (c.closedAt !== null && c.closedAt < from)) continue;
    if (c.openedAt >= from) row(c.openedBy).accepted++;
    const closed = c.closedAt !== null && c.closedAt <= asOf;
    const end = closed ? (c.closedAt as number) : asOf;
    const owner = ownerAt(c, end);
    if (closed) row(owner).finished++;
    const overdue = deadlines(c).some((d) => d.due < end && d.met > Math.max(d.due, from));
    if (overdue) row(owner).overdue++;
    if (closed) continue;
    const lastActionAt = Math.max(c.openedAt, ...c.actions.filter((a) => a.at <= asOf).map((a) => a.at));
    const stalled = asOf - lastActionAt >= o.stalledDays * DAY_MS;
    const r = row(owner);
    r.unfinished++;
    if (stalled) r.stalled++;
    unfinished.push({
      id: c.id,
      no: c.no,
      kind: c.kind,
      summary: c.summary,
      phone: maskPhone(c.phone),
      staffNo: r.staffNo,
      openedAt: c.openedAt,
      lastActionAt,
      stalled,
      overdue,
    });
  }
  return {
    month: o.month,
    from,
    asOf,
    stalledDays: o.stalledDays,
    rows: [...rows.values()].sort((a, b) => a.staffNo.localeCompare(b.staffNo)),
    unfinished: unfinished.sort((a, b) => a.no - b.no),
  };
}

export const csvCell = (v: string | number | boolean | null) => {
  const s = v === null ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The report as CSV (UTF-8 with a BOM so spreadsheets read the Chinese): per clerk, then the cases. */
export function reportCsv(r: CaseReport, isoTime: (at: number) => string): string {
  const lines = [
    ['month', 'staff_no', 'name', 'accepted', 'finished', 'unfinished', 'stalled', 'overdue'],
    ...r.rows.map((x) => [
      r.month,
      x.staffNo,
      x.name,
      x.accepted,
      x.finished,
      x.unfinished,
      x.stalled,
      x.overdue,
    ]),
    [],
    [
      'case_no',
      'kind',
      'owner_staff_no',
      'phone',
      'opened_at',
      'last_action_at',
      'stalled',
      'overdue',
      'summary',
    ],
    ...r.unfinished.map((c) => [
      c.no,
      c.kind,
      c.staffNo,
      c.phone,
      isoTime(c.openedAt),
      isoTime(c.lastActionAt),
      c.stalled,
      c.overdue,
      c.summary,
    ]),
  ];
  return `\ufeff${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
