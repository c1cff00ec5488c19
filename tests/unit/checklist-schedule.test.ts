import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completionAt,
  occurrenceAt,
  occurrencesBetween,
  parseOccurrenceId,
  statusAt,
  wallTime,
} from '../../shared/checklists/schedule.ts';
import { checkItems, imageMime } from '../../shared/checklists/items.ts';
import { ChecklistTemplate } from '../../shared/checklists/template.ts';
import { parseRef } from '../../shared/sync/refdata.ts';
import { refFields } from '../../renderer/src/console/zodForm.ts';
import { addDays, businessDay, localParts } from '../../shared/time/businessDay.ts';

const SH = 'Asia/Shanghai';
const at = (local: string, zone = '+08:00') => Date.parse(`${local}${zone}`);
const DAY = 86_400_000;
const daily = { recurrence: 'FREQ=DAILY', startTime: '07:30', dueTime: '08:00', lateAllowed: true };
const monthEnd = {
  recurrence: 'FREQ=MONTHLY;BYMONTHDAY=-1',
  startTime: '09:00',
  dueTime: '17:00',
  lateAllowed: true,
};
const ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Kolkata',
  'Europe/Berlin',
  'America/New_York',
  'Pacific/Kiritimati',
  'UTC',
];

describe('checklist schedules (issue 13)', () => {
  it('R-OPEN-1: a daily check falls each day in the hall’s time zone, with its window and due time', () => {
    const o = occurrencesBetween('opening', daily, SH, at('2026-11-25T00:00:00'), at('2026-11-27T00:00:00'));
    expect(o.map((x) => x.occurrenceId)).toEqual(['opening@2026-11-25', 'opening@2026-11-26']);
    expect(o[0]).toMatchObject({ startAt: at('2026-11-25T07:30:00'), dueAt: at('2026-11-25T08:00:00') });
    // Late is allowed until the next one begins.
    expect(o[0]!.closesAt).toBe(at('2026-11-26T07:30:00'));
  });

  it('R-FIRE-1: a month-end check falls on the last day of each month, February and leap years included', () => {
    const o = occurrencesBetween('fire', monthEnd, SH, at('2027-12-01T00:00:00'), at('2028-04-01T00:00:00'));
    expect(o.map((x) => x.day)).toEqual(['2027-12-31', '2028-01-31', '2028-02-29', '2028-03-31']);
    expect(occurrenceAt('fire', monthEnd, '2028-02-28', SH)).toBeNull();
  });

  it('R-FIRE-1: a check on the 31st skips the months without one (RFC 5545)', () => {
    const on31 = { ...monthEnd, recurrence: 'FREQ=MONTHLY;BYMONTHDAY=31' };
    const o = occurrencesBetween('fire', on31, SH, at('2026-01-01T00:00:00'), at('2026-06-01T00:00:00'));
    expect(o.map((x) => x.day)).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
  });

  it('R-OPEN-1: states with an injectable clock — due, overdue, missed; done on time or late (never on time after its due)', () => {
    const o = occurrenceAt('opening', { ...daily, lateAllowed: false }, '2026-11-25', SH)!;
    expect(statusAt(o, null, at('2026-11-25T07:45:00'))).toBe('due');
    expect(statusAt(o, null, at('2026-11-25T08:00:01'))).toBe('missed');
    expect(completionAt(o, at('2026-11-25T07:00:00'))).toBe('early');
    expect(completionAt(o, at('2026-11-25T08:00:01'))).toBe('closed');
    const late = occurrenceAt('opening', daily, '2026-11-25', SH)!;
    expect(statusAt(late, null, at('2026-11-25T08:30:00'))).toBe('overdue');
    expect(statusAt(late, null, at('2026-11-26T07:30:00'))).toBe('missed');
    expect(statusAt(late, at('2026-11-25T08:30:00'), at('2026-11-25T09:00:00'))).toBe('late');
    expect(statusAt(late, at('2026-11-25T07:59:00'), at('2026-11-26T09:00:00'))).toBe('done');
  });

  it('R-OPEN-1: a daylight-saving zone keeps the wall-clock time; the skipped hour falls after the change', () => {
    // New York, 8 March 2026: clocks go from 02:00 to 03:00.
    expect(wallTime('2026-03-08', '07:30', 'America/New_York')).toBe(Date.parse('2026-03-08T11:30:00Z'));
    expect(wallTime('2026-03-07', '07:30', 'America/New_York')).toBe(Date.parse('2026-03-07T12:30:00Z'));
    expect(
      localParts(wallTime('2026-03-08', '02:30', 'America/New_York'), 'America/New_York').minuteOfDay,
    ).toBe(3 * 60 + 30);
  });

  it('R-OPEN-1 (property): every occurrence starts at its wall-clock time on its own local day, in order, one a day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 1) }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(...ZONES),
        (from, days, tz) => {
          const list = occurrencesBetween('opening', daily, tz, from, from + days * DAY);
          expect(list.length).toBeGreaterThanOrEqual(days - 1);
          expect(list.length).toBeLessThanOrEqual(days + 1);
          list.forEach((o, i) => {
            expect(businessDay(o.startAt, tz)).toBe(o.day);
            expect(localParts(o.startAt, tz).minuteOfDay).toBe(7 * 60 + 30);
            expect(o.dueAt - o.startAt).toBe(30 * 60_000);
            if (i > 0) expect(o.day).toBe(addDays(list[i - 1]!.day, 1));
            expect(o.startAt >= from && o.startAt < from + days * DAY).toBe(true);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('R-FIRE-1 (property): month-end checks across years and zones fall on the last local day, once a month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...ZONES),
        (from, tz) => {
          const list = occurrencesBetween('fire', monthEnd, tz, from, from + 400 * DAY);
          expect(list.length).toBeGreaterThanOrEqual(12);
          expect(list.length).toBeLessThanOrEqual(14);
          for (const o of list) {
            expect(addDays(o.day, 1).endsWith('-01')).toBe(true);
            expect(businessDay(o.startAt, tz)).toBe(o.day);
            expect(statusAt(o, null, o.dueAt - 1)).toBe('due');
            expect(statusAt(o, null, o.dueAt)).toBe('overdue');
            // Late until the next month's check begins: a late completion is never done on time.
            expect(statusAt(o, o.dueAt + 1, o.closesAt)).toBe('late');
            expect(statusAt(o, null, o.closesAt)).toBe('missed');
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('issue 13: an occurrence id names a template and a real day', () => {
    expect(parseOccurrenceId('opening@2026-11-25')).toEqual({ templateCode: 'opening', day: '2026-11-25' });
    expect(parseOccurrenceId('opening@2026-13-40')).toBeNull();
    expect(parseOccurrenceId('../x@2026-11-25')).toBeNull();
  });
});

describe('checklist templates and items (issue 13)', () => {
  it('issue 13: a template from before issue 13 (a name and strings) still reads, as pass/fail items', () => {
    const old = parseRef('checklist', 'opening', { name: '开厅检查', items: ['桌椅无损坏', '空调正常'] });
    expect(old.ok).toBe(true);
    const t = ChecklistTemplate.parse({ name: '开厅检查', items: ['桌椅无损坏', '空调正常'] });
    expect(t.items).toEqual([
      { code: 'i1', label: '桌椅无损坏', labelEn: '', kind: 'pass_fail', unit: '', required: true },
      { code: 'i2', label: '空调正常', labelEn: '', kind: 'pass_fail', unit: '', required: true },
    ]);
    expect(t).toMatchObject({ recurrence: 'FREQ=DAILY', lateAllowed: true, role: 'clerk' });
  });

  it('issue 13: a bad recurrence, window or key is refused with its reason', () => {
    const base = { name: 'x', items: ['a'] };
    expect(ChecklistTemplate.safeParse({ ...base, recurrence: 'every day' }).success).toBe(false);
    expect(
      ChecklistTemplate.safeParse({ ...base, recurrence: 'FREQ=DAILY;DTSTART=20200101T000000Z' }).success,
    ).toBe(false);
    expect(ChecklistTemplate.safeParse({ ...base, startTime: '09:00', dueTime: '08:00' }).success).toBe(
      false,
    );
    expect(parseRef('checklist', 'Opening Check', base)).toMatchObject({ ok: false });
  });

  it('R-HLTH-1: a reading outside its limits fails the item; a missing required item or a wrong value is refused', () => {
    const items = ChecklistTemplate.parse({
      name: 'h',
      items: [
        { code: 't', label: '体温', kind: 'number', min: 35, max: 37.3 },
        { code: 'n', label: '备注', kind: 'text', required: false },
      ],
    }).items;
    expect(checkItems(items, [{ code: 't', result: 'pass', value: 38 }], true)).toMatchObject({
      ok: true,
      failed: ['t'],
    });
    expect(checkItems(items, [{ code: 't', result: 'pass', value: 36.5 }], true)).toMatchObject({
      ok: true,
      failed: [],
    });
    expect(checkItems(items, [{ code: 't', result: 'na' }], true)).toMatchObject({ ok: true, failed: [] });
    expect(checkItems(items, [{ code: 'n', result: 'pass', value: 'x' }], true)).toEqual({
      ok: false,
      detail: 't is required',
    });
    expect(checkItems(items, [{ code: 't', result: 'pass', value: '36' }], true)).toEqual({
      ok: false,
      detail: 't needs a number',
    });
  });

  it('issue 13: a photo is known by its first bytes, not its name', () => {
    expect(imageMime(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(imageMime(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(imageMime(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(imageMime(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(imageMime(new Uint8Array())).toBeNull();
  });

  it('issue 13: head office’s console edits the richer template: items as a JSON field checked by the same schema', () => {
    const fields = Object.fromEntries(refFields('checklist').map((f) => [f.name, f]));
    expect(fields.items?.kind).toEqual({ type: 'json' });
    expect(fields.recurrence?.kind).toEqual({ type: 'text' });
    expect(fields.role?.kind).toEqual({ type: 'choice', options: ['clerk', 'manager', 'admin'] });
    expect(fields.lateAllowed?.kind).toEqual({ type: 'bool' });
    expect(
      fields.items?.schema.safeParse([{ code: 'a', label: 'x', kind: 'number', min: 2, max: 1 }]).success,
    ).toBe(false);
    expect(
      fields.items?.schema.safeParse([{ code: 'a', label: 'x', kind: 'number', min: 1, max: 2, unit: 'MPa' }])
        .success,
    ).toBe(true);
  });
});
