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
/** Every rule is anchored on one fixed first day, so INTERVAL=2 means the same days on every node. */
const ANCHOR = Date.UTC(2020, 0, 1);
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
  if (got.day !== day || got.minuteOfDay === want) return guess;
  return guess + (want - got.minuteOfDay) * 60_000;
}

const rules = new Map<string, RRule>();
function ruleOf(recurrence: string): RRule {
  let r = rules.get(recurrence);
  if (!r) {
    r = new RRule({
      ...RRule.parseString(recurrence.replace(/^RRULE:/i, '')),
      dtstart: new Date(ANCHOR),
    });
    rules.set(recurrence, r);
  }
  return r;
}

const floating = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Whether the rule falls on this local day. */
export function fallsOn(t: Pick<ChecklistTemplate, 'recurrence'>, day: string): boolean {
  const d = floating(day);
  return ruleOf(t.recurrence).between(d, d, true).length > 0;
}

function occurrenceOn(code: string, t: Timed, day: string, timeZone: string): Occurrence {
  const startAt = wallTime(day, t.startTime, timeZone);
  const dueAt = wallTime(day, t.dueTime, timeZone);
  let closesAt = dueAt;
  if (t.lateAllowed) {
    const next = ruleOf(t.recurrence).after(floating(day), false);
    const nextStart = next ? wallTime(dayOf(next), t.startTime, timeZone) : Infinity;
    closesAt = Math.max(dueAt, Math.min(nextStart, dueAt + LATE_LIMIT_MS));
  }
  return { occurrenceId: occurrenceId(code, day), templateCode: code, day, startAt, dueAt, closesAt };
}

/** The occurrence of a template on a day, or null when its rule does not fall on that day. */
export function occurrenceAt(code: string, t: Timed, day: string, timeZone: string): Occurrence | null {
  return fallsOn(t, day) ? occurrenceOn(code, t, day, timeZone) : null;
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
  const first = floating(addDays(businessDay(from, timeZone), -1));
  const last = floating(addDays(businessDay(to, timeZone), 1));
  return ruleOf(t.recurrence)
    .between(first, last, true)
    .map((d) => occurrenceOn(code, t, dayOf(d), timeZone))
    .filter((o) => o.startAt >= from && o.startAt < to);
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
