import { describe, expect, it } from 'vitest';
import {
  admitted,
  MeetingBody,
  meetingProblem,
  retentionCutoff,
  roundTemperature,
  temperatureInRange,
  toolCount,
} from '../../shared/registers/model.ts';
import { DEFAULT_SETTINGS } from '../../shared/settings.ts';
import { dayBounds } from '../../shared/time/businessDay.ts';

const DAY = 86_400_000;

describe('register rules (shared/registers)', () => {
  it('R-VIS-1: above the limit (default 37.3 °C) the visitor is turned away; at it they are admitted', () => {
    const limit = DEFAULT_SETTINGS.visitorTemperatureLimitC;
    expect(limit).toBe(37.3);
    expect(admitted(36.5, limit)).toBe(true);
    expect(admitted(37.3, limit)).toBe(true);
    expect(admitted(roundTemperature(37.34), limit)).toBe(true);
    expect(admitted(37.4, limit)).toBe(false);
    expect(admitted(roundTemperature(37.35), limit)).toBe(false);
  });

  it('R-VIS-1: a temperature outside 30–45 °C is a typing error', () => {
    for (const t of [29.9, 45.1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(temperatureInRange(t), String(t)).toBe(false);
    for (const t of [30, 36.6, 45]) expect(temperatureInRange(t)).toBe(true);
  });

  it('R-TOOL-1: the day-end count: tools out, and of them the ones past due', () => {
    const now = 1_000;
    expect(
      toolCount(
        [
          { returnedAt: null, dueAt: 500 },
          { returnedAt: null, dueAt: 2_000 },
          { returnedAt: 900, dueAt: 500 },
        ],
        now,
      ),
    ).toEqual({ out: 2, overdue: 1 });
  });

  it('R-ASSESS-4: a meeting lists each attendee once and scores only those who attended', () => {
    const base = MeetingBody.parse({
      kind: 'training',
      day: '2026-11-25',
      minutes: 60,
      topics: '电价',
      attendees: ['1001', '1002'],
      scores: [{ staffNo: '1001', score: 90 }],
    });
    expect(meetingProblem(base)).toBeNull();
    expect(meetingProblem({ ...base, attendees: ['1001', '1001'] })).toMatch(/twice/);
    expect(meetingProblem({ ...base, scores: [{ staffNo: '1003', score: 80 }] })).toMatch(/did not attend/);
    expect(MeetingBody.safeParse({ ...base, scores: [{ staffNo: '1001', score: 101 }] }).success).toBe(false);
  });

  it('R-REC-1: each record type has its own retention period; the cutoff is that many days back', () => {
    expect(DEFAULT_SETTINGS.retentionDays).toEqual({
      visitors: 180,
      tools: 365,
      meetings: 1_095,
      handovers: 1_095,
    });
    expect(retentionCutoff(400 * DAY, 180)).toBe(220 * DAY);
  });

  it('a business day’s bounds in the hall’s time zone, also far east and west of UTC', () => {
    expect(dayBounds('2026-11-25', 'Asia/Shanghai')).toEqual({
      from: Date.UTC(2026, 10, 24, 16),
      to: Date.UTC(2026, 10, 25, 16),
    });
    expect(dayBounds('2026-11-25', 'Pacific/Kiritimati').from).toBe(Date.UTC(2026, 10, 24, 10));
    expect(dayBounds('2026-11-25', 'Pacific/Pago_Pago').from).toBe(Date.UTC(2026, 10, 25, 11));
  });
});
