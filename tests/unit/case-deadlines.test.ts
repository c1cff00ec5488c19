import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueAt, startOfLocalDay } from '../../shared/cases/deadlines.ts';
import { addDays, businessDay } from '../../shared/time/businessDay.ts';

const DAY = 86_400_000;
const SH = 'Asia/Shanghai';
const at = (local: string, zone = '+08:00') => Date.parse(`${local}${zone}`);

describe('complaint deadlines (R-CMP-1)', () => {
  it('R-CMP-1: calendar days are whole days from the moment of receipt', () => {
    expect(dueAt(at('2026-11-27T16:55:00'), 3, 'calendar', SH)).toBe(at('2026-11-30T16:55:00'));
  });

  it('R-CMP-1: working days skip the weekend and end at midnight hall time', () => {
    // Friday 27 Nov 2026, 16:55 → Mon, Tue, Wed: due at the end of Wednesday 2 Dec.
    expect(dueAt(at('2026-11-27T16:55:00'), 3, 'working', SH)).toBe(at('2026-12-03T00:00:00') - 1);
  });

  it('R-CMP-1: working days follow 调休 — the National Day week does not count, its make-up Saturday does', () => {
    // 30 Sep 2026 (Wed): 1–7 Oct are holidays, Sat 10 Oct is a working day (State Council 2026).
    expect(dueAt(at('2026-09-30T10:00:00'), 3, 'working', SH)).toBe(at('2026-10-11T00:00:00') - 1);
  });

  it('R-CMP-1: a month end and a year end are crossed like any other day', () => {
    expect(dueAt(at('2026-12-30T09:00:00'), 5, 'calendar', SH)).toBe(at('2027-01-04T09:00:00'));
    expect(businessDay(dueAt(at('2026-01-30T09:00:00'), 3, 'working', SH), SH)).toBe('2026-02-04');
  });

  it('R-CMP-1 (property): working-day deadlines are never earlier than calendar ones and end a local day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 1) }),
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(
          'Asia/Shanghai',
          'Asia/Urumqi',
          'Europe/Berlin',
          'America/New_York',
          'Pacific/Kiritimati',
        ),
        (received, days, zone) => {
          const working = dueAt(received, days, 'working', zone);
          const calendar = dueAt(received, days, 'calendar', zone);
          expect(working).toBeGreaterThanOrEqual(calendar - DAY);
          // It is the last millisecond of a local day, after the day of receipt.
          const dueDay = businessDay(working, zone);
          expect(businessDay(working + 1, zone)).toBe(addDays(dueDay, 1));
          expect(startOfLocalDay(addDays(dueDay, 1), zone)).toBe(working + 1);
          expect(dueDay > businessDay(received, zone)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
