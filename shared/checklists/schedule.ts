import { RRule } from './rrule.ts';
import { startOfLocalDay } from '../cases/deadlines.ts';
import { addDays, businessDay, localParts, parseHhMm } from '../time/businessDay.ts';
import type { ChecklistTemplate } from './template.ts';

/**
 * When checklists fall due (issue 13). The RRULE runs on "floating" dates (UTC midnights standing for
 * the hall's calendar days), so months, month ends and leap days are the library's; each day is then
 * placed in the hall's time zone with its window start and due time. Pure: the caller passes the clock.
 */
export interface Occurrence {
  occurrenceId: string;
  templateCode: string;
  /** The hall's calendar day it falls on. */
  day: string;
  startAt: number;
  dueAt: number;
  /** Until when it may still be done (late): the next occurrence's start, or its due time when late is not allowed. */
  closesAt: number;
}

export type OccurrenceStatus = 'due' | 'overdue' | 'missed' | 'done' | 'late';

type Timed = Pick<ChecklistTemplate, 'recurrence' | 'startTime' | 'dueTime' | 'lateAllowed'>;

const DAY_MS = 86_400_000;
/** A late completion is accepted at most this long after the due time, even for a yearly check. */
const LATE_LIMIT_MS = 31 * DAY_MS;

export const occurrenceId = (code: string, day: string) => `${code}@${day}`;
const OCCURRENCE_ID = /^([a-z0-9][a-z0-9_-]{0,31})@(\d{4}-\d{2}-\d{2})$/;

export function parseOccurrenceId(id: string): { templateCode: string; day: string } | null {
  const m = OCCURRENCE_ID.exec(id);
  if (!m || Number.isNaN(Date.parse(`${m[2]}T00:00:00Z`))) return null;
  return { templateCode: m[1]!, day: m[2]! };
}

/** A wall-clock time of a local day as an instant; a time a clock change skipped falls after it. */
export function wallTime(day: string, hhmm: string, timeZone: string): number {
  const want = parseHhMm(hhmm);
  const guess = startOfLocalDay(day, timeZone) + want * 60_000;
  const got = localParts(guess, timeZone);
  if (got.minuteOfDay === want) return guess;
  const fixed = guess + (want - got.minuteOfDay) * 60_000;
  const back = localParts(fixed, timeZone);
  return back.day === day && back.minuteOfDay === want ? fixed : guess;
}

/**
 * A rule with an INTERVAL (or a COUNT) counts from one fixed first day, Wednesday 1 January 2020, so
 * "every other week" means the same weeks on every node. The library walks from its first day on every
 * question, so any other rule starts instead on the 1st of the month before the day asked about, with
 * what it would have taken from its first day (weekday, day of month, month) written out: same days.
 */
const ANCHOR = '2020-01-01';
const parsed = new Map<string, ReturnType<typeof RRule.parseString>>();
const rules = new Map<string, RRule>();
function ruleOf(recurrence: string, near: string): RRule {
  let opts = parsed.get(recurrence);
  if (!opts) parsed.set(recurrence, (opts = RRule.parseString(recurrence.replace(/^RRULE:/i, ''))));
  const fixed = (opts.interval ?? 1) > 1 || opts.count != null;
  const first =
    fixed || near < '2020-03-01' ? ANCHOR : `${addDays(`${near.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
  const key = `${recurrence}|${first}`;
  let r = rules.get(key);
  if (!r) {
    const o = { ...opts };
    const noDay = o.bymonthday == null && o.byweekday == null && o.byyearday == null && o.byweekno == null;
    if (o.freq === RRule.WEEKLY && o.byweekday == null) o.byweekday = [RRule.WE];
    if ((o.freq === RRule.MONTHLY || o.freq === RRule.YEARLY) && noDay) o.bymonthday = [1];
    if (o.freq === RRule.YEARLY && o.bymonth == null && o.byyearday == null && o.byweekno == null)
      o.bymonth = [1];
    if (rules.size > 2_000) rules.clear();
    r = new RRule({ ...o, dtstart: floating(first) });
    rules.set(key, r);
  }
  return r;
}

const floating = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Whether the rule falls on this local day. */
export function fallsOn(t: Pick<ChecklistTemplate, 'recurrence'>, day: string): boolean {
  const d = floating(day);
  return ruleOf(t.recurrence, day).between(d, d, true).length > 0;
}

/** The occurrence on `day`, given the day the rule falls on next (null: none within the late limit). */
function occurrenceOn(
  code: string,
  t: Timed,
  day: string,
  next: string | null,
  timeZone: string,
): Occurrence {
  const startAt = wallTime(day, t.startTime, timeZone);
  const dueAt = wallTime(day, t.dueTime, timeZone);
  let closesAt = dueAt;
  if (t.lateAllowed) {
    const nextStart = next ? wallTime(next, t.startTime, timeZone) : Infinity;
    closesAt = Math.max(dueAt, Math.min(nextStart, dueAt + LATE_LIMIT_MS));
  }
  return { occurrenceId: occurrenceId(code, day), templateCode: code, day, startAt, dueAt, closesAt };
}

/** The day the rule falls on next after `day`, looking no further than the late limit. */
function nextDay(t: Timed, day: string): string | null {
  const [first] = ruleOf(t.recurrence, day).between(
    floating(addDays(day, 1)),
    floating(addDays(day, 32)),
    true,
  );
  return first ? dayOf(first) : null;
}

/** The occurrence of a template on a day, or null when its rule does not fall on that day. */
export function occurrenceAt(code: string, t: Timed, day: string, timeZone: string): Occurrence | null {
  return fallsOn(t, day) ? occurrenceOn(code, t, day, nextDay(t, day), timeZone) : null;
}

/** Every occurrence whose window starts in [from, to), in order. */
export function occurrencesBetween(
  code: string,
  t: Timed,
  timeZone: string,
  from: number,
  to: number,
): Occurrence[] {
  if (to <= from) return [];
  // One day either side: a window start may lie on the previous or next calendar day in UTC.
  const firstDay = addDays(businessDay(from, timeZone), -1);
  const lastDay = addDays(businessDay(to, timeZone), 1);
  return occurrencesOnDays(code, t, timeZone, firstDay, lastDay).filter(
    (o) => o.startAt >= from && o.startAt < to,
  );
}

/** Every occurrence on the local days firstDay…lastDay (for a caller that already knows its days). */
export function occurrencesOnDays(
  code: string,
  t: Timed,
  timeZone: string,
  firstDay: string,
  lastDay: string,
): Occurrence[] {
  return onDays(t, timeZone, firstDay, lastDay).map((o) => ({
    ...o,
    occurrenceId: occurrenceId(code, o.day),
    templateCode: code,
  }));
}

/**
 * The occurrences of a schedule over whole days, kept: a screen asks for the same days again and again
 * (every reader of the due view in a day), and the library's walk is the dear part.
 */
const byDays = new Map<string, Occurrence[]>();
function onDays(t: Timed, timeZone: string, firstDay: string, lastDay: string): Occurrence[] {
  const key = `${t.recurrence}|${t.startTime}|${t.dueTime}|${t.lateAllowed}|${timeZone}|${firstDay}|${lastDay}`;
  let list = byDays.get(key);
  if (!list) {
    const days = ruleOf(t.recurrence, firstDay)
      .between(floating(firstDay), floating(lastDay), true)
      .map(dayOf);
    // The one after the last, for its late limit: asked once, not once a day.
    const after = days.length > 0 ? nextDay(t, days[days.length - 1]!) : null;
    list = days.map((day, i) => occurrenceOn('', t, day, days[i + 1] ?? after, timeZone));
    if (byDays.size > 5_000) byDays.clear();
    byDays.set(key, list);
  }
  return list;
}

/** Its state at `now`, from whether (and when) it was completed. Missed is for ever: a late completion is late. */
export function statusAt(o: Occurrence, completedAt: number | null, now: number): OccurrenceStatus {
  if (completedAt !== null) return completedAt <= o.dueAt ? 'done' : 'late';
  if (now < o.dueAt) return 'due';
  return now < o.closesAt ? 'overdue' : 'missed';
}

/** Whether a completion at `now` is still accepted, and whether it is late. */
export function completionAt(o: Occurrence, now: number): 'early' | 'on_time' | 'late' | 'closed' {
  if (now < o.startAt) return 'early';
  if (now <= o.dueAt) return 'on_time';
  return now < o.closesAt ? 'late' : 'closed';
}
