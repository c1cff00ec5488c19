import { casesContract } from '../../shared/api/hall/cases.ts';
import { monthRange, monthReport, reportCsv } from '../../shared/cases/report.ts';
import type { Actor } from '../../shared/cases/rules.ts';
import { DomainError } from '../../shared/errors.ts';
import { localStamp } from '../../shared/time/businessDay.ts';
import * as read from '../../db/read.ts';
import { isManager, type HallContext, type Principal } from '../context.ts';
import { command } from '../http/command.ts';
import { staffOnly, type Api } from '../http/route.ts';
import { invoke } from '../writer/invoke.ts';
import {
  caseRow,
  caseView,
  historiesFor,
  openRows,
  openRowsOf,
  overdueRows,
  readAt,
  summaryOf,
} from './queries.ts';
import type { Opener } from './service.ts';

/** Cases are opened and acted on by staff: a device has no case of its own. */
function opener(p: Principal): Opener {
  const staff = staffOnly(p);
  return { staffId: staff.staffId, counterNo: staff.counterNo };
}

function actor(p: Principal): Actor {
  const staff = staffOnly(p);
  return { staffId: staff.staffId, manager: isManager(staff) };
}

function report(ctx: HallContext, month: string) {
  const s = read.settings(ctx.db);
  const now = ctx.clock.now();
  const { from, to } = monthRange(month, s.timeZone);
  return monthReport(historiesFor(ctx.db, from, Math.min(to - 1, now)), {
    month,
    timeZone: s.timeZone,
    now,
    stalledDays: s.caseStalledDays,
    staff: (id) => {
      const staff = read.staffById(ctx.db, id);
      return { staffNo: staff?.staffNo ?? '', name: staff?.name ?? '' };
    },
  });
}

export function casesRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(casesContract, {
    openCase: command(({ principal, body }) => invoke('openCase', opener(principal), body)),
    actOnCase: command(({ principal, params, body }) =>
      invoke('actOnCase', actor(principal), params.id, body),
    ),
    cases: ({ principal, query }) => {
      const who = actor(principal);
      // R-DUTY-1: computed at read time from the deadlines the projection keeps; no job needed.
      if ((query.overdue || query.scope === 'all') && !who.manager) throw new DomainError('E_FORBIDDEN');
      const at = readAt(ctx.db, ctx.clock.now());
      const rows = query.overdue
        ? overdueRows(ctx.db, at.now)
        : query.scope === 'all'
          ? openRows(ctx.db)
          : openRowsOf(ctx.db, who.staffId);
      return rows.map((r) => summaryOf(r, at));
    },
    case: ({ principal, params }) => {
      const who = actor(principal);
      const r = caseRow(ctx.db, params.id);
      if (!r) throw new DomainError('E_UNKNOWN_CASE');
      return caseView(ctx.db, r, who, readAt(ctx.db, ctx.clock.now()));
    },
    caseReport: ({ query }) => report(ctx, query.month),
    caseReportCsv: ({ query, reply }) => {
      const tz = read.settings(ctx.db).timeZone;
      const csv = reportCsv(report(ctx, query.month), (at) => localStamp(at, tz));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="cases-${query.month}.csv"`)
        .send(csv);
    },
  });
}
