import chineseDays from 'chinese-days';
import { addDays, businessDay, startOfDay } from '../time/businessDay.ts';

/**
 * R-CMP-1 counts a complaint's days either as calendar days or as working days (a setting). Working
 * days follow the State Council's calendar, 调休 included (chinese-days), so a Saturday made a working
 * day counts and the National Day week does not.
 */
export type DayCount = 'calendar' | 'working';

const DAY_MS = 86_400_000;

// chinese-days is CommonJS without named exports Node can see: take its functions from the default.
const chineseWorkday = (day: string): boolean => chineseDays.isWorkday(day);

/** The first instant of a calendar day in a time zone. */
export function startOfLocalDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Noon UTC lies in that local day for every zone within ±12 h; step to it for the few beyond.
  let at = Date.UTC(y, m - 1, d, 12);
  const local = businessDay(at, timeZone);
  if (local > day) at -= 12 * 3_600_000;
  else if (local < day) at += 12 * 3_600_000;
  return startOfDay(at, timeZone);
}

/**
 * When something received at `receivedAt` is due, `days` days later. Calendar days: the same moment
 * `days` × 24 h on. Working days: the end of the `days`-th working day after the day of receipt, in
 * the hall's time zone (the day of receipt does not count: a complaint at 16:55 has three full days).
 */
export function dueAt(
  receivedAt: number,
  days: number,
  count: DayCount,
  timeZone: string,
  isWorkday: (day: string) => boolean = chineseWorkday,
): number {
  if (count === 'calendar') return receivedAt + days * DAY_MS;
  let day = businessDay(receivedAt, timeZone);
  for (let counted = 0; counted < days;) {
    day = addDays(day, 1);
    if (isWorkday(day)) counted++;
  }
  return startOfLocalDay(addDays(day, 1), timeZone) - 1;
}
