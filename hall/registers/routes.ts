import { hallRegistersContract, nodeRegistersContract } from '../../shared/api/hall/registers.ts';
import { DomainError } from '../../shared/errors.ts';
import { toolCount } from '../../shared/registers/model.ts';
import { businessDay, dayBounds } from '../../shared/time/businessDay.ts';
import * as read from '../../db/read.ts';
import type { HallContext, Principal } from '../context.ts';
import { command } from '../http/command.ts';
import type { Api } from '../http/route.ts';
import { invoke } from '../writer/invoke.ts';
import {
  archives,
  loansOutOrBackSince,
  loanView,
  meetings,
  visitorsBetween,
  visitorView,
} from './queries.ts';
import { writeArchive } from './retention.ts';
import type { Recorder } from './service.ts';

function staffId(p: Principal): string {
  if (p.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
  return p.staffId;
}

/** A station records at its clerk's counter; the hub also takes a manager's entry with no counter. */
function recorder(ctx: HallContext, p: Principal): Recorder {
  const id = staffId(p);
  const counterNo = p.kind === 'staff' ? p.counterNo : null;
  if (counterNo === null && ctx.role === 'station') throw new DomainError('E_COUNTER_NEEDED');
  return { staffId: id, counterNo };
}

/** The bounds of business day `day` (today when absent) in the hall's time zone, and now. */
function day(ctx: HallContext, day?: string) {
  const tz = read.settings(ctx.db).timeZone;
  const now = ctx.clock.now();
  return { now, ...dayBounds(day ?? businessDay(now, tz), tz) };
}

/** Visitors and retention, on every node (each keeps and archives its own records). */
export function nodeRegistersRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(nodeRegistersContract, {
    registerVisitor: command(({ principal, body }) =>
      invoke('registerVisitor', recorder(ctx, principal), body),
    ),
    visitors: ({ query }) => {
      const { from, to } = day(ctx, query.day);
      return visitorsBetween(ctx.db, from, to).map((r) => visitorView(ctx.db, r));
    },
    runRetention: command(({ principal, body }) =>
      invoke('archiveRecords', staffId(principal), writeArchive(ctx, body.recordType)),
    ),
    archives: () => archives(ctx.db),
  });
}

/** The tool register, meetings and alerts: the hall's, on the hub. */
export function hallRegistersRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(hallRegistersContract, {
    lendTool: command(({ principal, body }) => invoke('lendTool', staffId(principal), body)),
    returnTool: command(({ principal, params }) => invoke('returnTool', staffId(principal), params.id)),
    tools: () => {
      const { now, from } = day(ctx);
      const loans = loansOutOrBackSince(ctx.db, from).map((r) => loanView(ctx.db, r, now));
      return { loans, count: toolCount(loans, now) };
    },
    recordMeeting: command(({ principal, body }) => invoke('recordMeeting', staffId(principal), body)),
    meetings: () => meetings(ctx.db),
    acknowledgeAlert: command(({ principal, params }) =>
      invoke('acknowledgeAlert', staffId(principal), params.id),
    ),
  });
}
