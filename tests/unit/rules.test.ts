import { describe, expect, it } from 'vitest';
import { businessDay, isWithinHours, startOfDay } from '../../shared/time/businessDay.ts';
import { formatTicketNumber } from '../../shared/queue/numbering.ts';
import { estimateWaitMinutes, isOverrun, slaLevel } from '../../shared/queue/sla.ts';
import { DEFAULT_SETTINGS, SettingsPatch } from '../../shared/settings.ts';
import { formatError, langFromHeader } from '../../shared/errors.ts';

const MIN = 60_000;

describe('business day and hours', () => {
  it('DESIGN-2: the business day follows the hall time zone, not UTC', () => {
    // 23:30 UTC on the 23rd is 07:30 on the 24th in Shanghai.
    expect(businessDay(Date.UTC(2026, 10, 23, 23, 30), 'Asia/Shanghai')).toBe('2026-11-24');
    expect(businessDay(Date.UTC(2026, 10, 23, 15, 59), 'Asia/Shanghai')).toBe('2026-11-23');
  });

  it('DESIGN-2: a business day starts at midnight hall time, also on a day the clocks change', () => {
    expect(startOfDay(Date.UTC(2026, 10, 23, 23, 30), 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 23, 16, 0));
    // Berlin: clocks went forward at 02:00 (UTC+1 → UTC+2) and back at 03:00 (UTC+2 → UTC+1).
    expect(startOfDay(Date.UTC(2024, 2, 31, 10, 17, 5), 'Europe/Berlin')).toBe(Date.UTC(2024, 2, 30, 23, 0));
    expect(startOfDay(Date.UTC(2024, 9, 27, 11, 0), 'Europe/Berlin')).toBe(Date.UTC(2024, 9, 26, 22, 0));
    expect(startOfDay(Date.UTC(2024, 9, 27, 22, 59), 'Europe/Berlin')).toBe(Date.UTC(2024, 9, 26, 22, 0));
    expect(startOfDay(Date.UTC(2024, 9, 27, 23, 0), 'Europe/Berlin')).toBe(Date.UTC(2024, 9, 27, 23, 0));
  });

  it('R-HRS-1: opening hours default to 08:00–17:00 hall time', () => {
    expect(DEFAULT_SETTINGS.openingTime).toBe('08:00');
    expect(DEFAULT_SETTINGS.closingTime).toBe('17:00');
    expect(isWithinHours(Date.UTC(2026, 10, 24, 0, 0), 'Asia/Shanghai', '08:00', '17:00')).toBe(true); // 08:00
    expect(isWithinHours(Date.UTC(2026, 10, 23, 23, 59), 'Asia/Shanghai', '08:00', '17:00')).toBe(false); // 07:59
    expect(isWithinHours(Date.UTC(2026, 10, 24, 9, 0), 'Asia/Shanghai', '08:00', '17:00')).toBe(false); // 17:00
  });
});

describe('numbers and limits', () => {
  it('DESIGN-2: ticket numbers are the prefix and three digits, growing past 999', () => {
    expect(formatTicketNumber('A', 1)).toBe('A001');
    expect(formatTicketNumber('B', 23)).toBe('B023');
    expect(formatTicketNumber('C', 1000)).toBe('C1000');
    expect(() => formatTicketNumber('A', 0)).toThrow();
  });

  it('R-SLA-1: the handling clock turns amber at 80% and red at the limit', () => {
    expect(slaLevel(3.9 * MIN, 5, 0.8)).toBe('ok');
    expect(slaLevel(4 * MIN, 5, 0.8)).toBe('warn');
    expect(slaLevel(5 * MIN, 5, 0.8)).toBe('over');
    expect(isOverrun(5 * MIN, 5)).toBe(false);
    expect(isOverrun(5 * MIN + 1, 5)).toBe(true);
  });

  it('R-SLA-1: the defaults are settings from RULES.md, never literals in code', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      maxWaitGuardMinutes: 30,
      consecutivePriorityCap: 2,
      recallCap: 5,
      noShowReactivateMinutes: 30,
      slaWarnRatio: 0.8,
      peakWaitTargetMinutes: 15,
      timeZone: 'Asia/Shanghai',
    });
  });

  it('R-SLA-2: peak periods default to 09:00–11:00 and 14:00–16:00', () => {
    expect(DEFAULT_SETTINGS.peakPeriods).toEqual([
      { from: '09:00', to: '11:00' },
      { from: '14:00', to: '16:00' },
    ]);
  });

  it('DESIGN-3: the wait estimate shares the people ahead among open counters', () => {
    expect(estimateWaitMinutes(0, 5, 2)).toBe(0);
    expect(estimateWaitMinutes(4, 5, 2)).toBe(10);
    expect(estimateWaitMinutes(3, 5, 0)).toBe(15);
  });

  it('DESIGN-5: a settings patch refuses unknown keys and out-of-range values', () => {
    expect(SettingsPatch.safeParse({ recallCap: 3 }).success).toBe(true);
    expect(SettingsPatch.safeParse({ recallCap: 0 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ nope: 1 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ openingTime: '25:00' }).success).toBe(false);
  });

  it('DESIGN-5: error messages are Chinese by default and English on request', () => {
    expect(langFromHeader(undefined)).toBe('zh-CN');
    expect(langFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(formatError('E_UNKNOWN_SERVICE', 'zh-CN', { code: 'Z' })).toBe('没有此业务：Z');
    expect(formatError('E_UNKNOWN_SERVICE', 'en', { code: 'Z' })).toBe('No such service: Z');
  });
});
