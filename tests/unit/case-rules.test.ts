import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../shared/cases/model.ts';
import { monthReport, ownerAt, reportCsv, type CaseHistory } from '../../shared/cases/report.ts';
import { isOverdue, mayAct, needsReminder, nextDueAt, type CaseClock } from '../../shared/cases/rules.ts';

const H = 3_600_000;
const DAY = 24 * H;
const open: CaseClock = {
  replyDueAt: 3 * DAY,
  opinionDueAt: 5 * DAY,
  repliedAt: null,
  opinionAt: null,
  closedAt: null,
};

describe('case rules (R-FR-1, R-FR-2, R-CMP-1, R-DUTY-1)', () => {
  it('R-CMP-1: the reply deadline comes first; a reply leaves the opinion; an opinion meets both', () => {
    expect(nextDueAt(open)).toBe(3 * DAY);
    expect(nextDueAt({ ...open, repliedAt: DAY })).toBe(5 * DAY);
    expect(nextDueAt({ ...open, opinionAt: DAY })).toBeNull();
    expect(nextDueAt({ ...open, closedAt: DAY })).toBeNull();
  });

  it('R-DUTY-1: overdue exactly when a deadline has passed unmet, at any moment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.option(fc.integer({ min: 0, max: 10 * DAY })),
        (now, replied) => {
          const c = { ...open, repliedAt: replied !== null && replied <= now ? replied : null };
          const expected = c.repliedAt === null ? now > 3 * DAY : now > 5 * DAY;
          expect(isOverdue(c, now)).toBe(expected);
        },
      ),
    );
  });

  it('R-FR-2: the owner is reminded within the lead before a deadline, not after it passed', () => {
    expect(needsReminder(open, 3 * DAY - 5 * H, 240)).toBe(false);
    expect(needsReminder(open, 3 * DAY - 3 * H, 240)).toBe(true);
    expect(needsReminder(open, 3 * DAY + 1, 240)).toBe(false);
  });

  it('R-FR-1: the owner and managers act; only a manager reassigns; anyone logs their own assist', () => {
    const clerk = { staffId: 'a', manager: false };
    expect(mayAct(clerk, 'a', 'close')).toBe(true);
    expect(mayAct(clerk, 'b', 'close')).toBe(false);
    expect(mayAct(clerk, 'a', 'reassign')).toBe(false);
    expect(mayAct(clerk, 'b', 'assist')).toBe(true);
    expect(mayAct({ staffId: 'm', manager: true }, 'b', 'reassign')).toBe(true);
  });

  it('personal data: a phone is masked to its first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('02112345678')).toBe('021****5678');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('month report (R-CMP-2)', () => {
  const nov = Date.parse('2026-11-01T00:00:00+08:00');
  const aCase = (c: Partial<CaseHistory>): CaseHistory => ({
    id: 'c',
    no: 1,
    kind: 'flow',
    summary: '=cmd',
    phone: '13812345678',
    openedBy: 'a',
    openedAt: nov + DAY,
    replyDueAt: null,
    opinionDueAt: null,
    repliedAt: null,
    opinionAt: null,
    closedAt: null,
    actions: [],
    ...c,
  });
  const staff = (id: string) => ({ staffNo: id === 'a' ? '1001' : '1002', name: id });

  it('R-FR-1: a reassigned case counts for its owner at the time', () => {
    const c = aCase({ actions: [{ kind: 'reassign', at: nov + 2 * DAY, toStaffId: 'b' }] });
    expect(ownerAt(c, nov + DAY)).toBe('a');
    expect(ownerAt(c, nov + 3 * DAY)).toBe('b');
  });

  it('R-CMP-2: accepted by the opener, unfinished and stalled for the owner at the month end; CSV masks and defuses', () => {
    const r = monthReport(
      [
        aCase({ id: 'x', actions: [{ kind: 'reassign', at: nov + 2 * DAY, toStaffId: 'b' }] }),
        aCase({ id: 'y', no: 2, closedAt: nov + 3 * DAY, replyDueAt: nov + 2 * DAY }),
      ],
      { month: '2026-11', timeZone: 'Asia/Shanghai', now: nov + 40 * DAY, stalledDays: 3, staff },
    );
    expect(r.rows).toEqual([
      {
        staffId: 'a',
        staffNo: '1001',
        name: 'a',
        accepted: 2,
        finished: 1,
        unfinished: 0,
        stalled: 0,
        overdue: 1,
      },
      {
        staffId: 'b',
        staffNo: '1002',
        name: 'b',
        accepted: 0,
        finished: 0,
        unfinished: 1,
        stalled: 1,
        overdue: 0,
      },
    ]);
    const csv = reportCsv(r, String);
    expect(csv).toContain('138****5678');
    expect(csv).not.toContain('13812345678');
    expect(csv).toContain(",'=cmd");
  });
});
