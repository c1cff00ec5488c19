import { z } from 'zod';

/**
 * Every rule that speaks of a day uses the hall's time zone (DESIGN §2).
 * Intl is pure and available in Node, Chromium and Electron alike.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The latest instant a Date can hold; past it every clock and day format throws (issue 9). */
export const MAX_DATE_MS = 8_640_000_000_000_000;

/** An instant a person enters (ms UTC): a positive integer any clock can show. */
export const Instant = z.number().int().positive().max(MAX_DATE_MS);

export interface LocalParts {
  readonly day: string; // YYYY-MM-DD
  readonly minuteOfDay: number;
}

/**
 * The last answer per time zone, by UTC minute: formatToParts is among the dearest calls a queue
 * command makes, and a command asks several times within the same minute. Exact because every zone's
 * offset from UTC is a whole number of minutes (since 1972).
 */
const lastByZone = new Map<string, { minute: number; parts: LocalParts }>();

export function localParts(ms: number, timeZone: string): LocalParts {
  const minute = Math.floor(ms / 60_000);
  const last = lastByZone.get(timeZone);
  if (last?.minute === minute) return last.parts;
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const local: LocalParts = {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
  lastByZone.set(timeZone, { minute, parts: local });
  return local;
}

/** `2026-11-25 10:23:45` in the hall's time zone: how a receipt and a Z-report print a moment. */
export function localStamp(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The business day of an instant: the calendar day in the hall's time zone. */
export function businessDay(ms: number, timeZone: string): string {
  return localParts(ms, timeZone).day;
}

/**
 * The first instant (UTC ms) of the business day that contains `ms`, in the hall's time zone. A
 * daylight-saving change since midnight moved the wall clock, so the first guess is corrected once.
 */
export function startOfDay(ms: number, timeZone: string): number {
  const { day, minuteOfDay } = localParts(ms, timeZone);
  const guess = ms - (ms % 60_000) - minuteOfDay * 60_000;
  const at = localParts(guess, timeZone);
  // Clocks went forward: the guess is late yesterday. Clocks went back: it is past midnight today.
  return at.day === day ? guess - at.minuteOfDay * 60_000 : guess + (24 * 60 - at.minuteOfDay) * 60_000;
}

/** "08:00" → 480. */
export function parseHhMm(text: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new Error(`not a time of day: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isWithinHours(ms: number, timeZone: string, open: string, close: string): boolean {
  const minute = localParts(ms, timeZone).minuteOfDay;
  return minute >= parseHhMm(open) && minute < parseHhMm(close);
}

/** The calendar day `n` days after `day` (`YYYY-MM-DD`); calendar arithmetic, no time zone involved. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The first instant of business day `day` and of the day after it (UTC ms), in the hall's time zone. */
export function dayBounds(day: string, timeZone: string): { from: number; to: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let probe = Date.UTC(y, m - 1, d, 12);
  // Noon UTC falls on the day itself for every zone within ±12 h; step back in from the few beyond.
  if (businessDay(probe, timeZone) > day) probe -= 12 * 3_600_000;
  else if (businessDay(probe, timeZone) < day) probe += 12 * 3_600_000;
  const from = startOfDay(probe, timeZone);
  return { from, to: startOfDay(from + 30 * 3_600_000, timeZone) };
}
