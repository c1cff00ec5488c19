import { describeMismatch, integrityStatus } from '../sync/integrity.ts';
import { tokensAtRest } from '../sync/upstreams.ts';
import type * as S from '../../shared/api/schemas.ts';
import * as read from '../../db/read.ts';
import { pairedWithDemo } from '../identity.ts';
import { CALLABLE } from '../../shared/queue/model.ts';
import { adminContract, healthContract } from '../../shared/api/hall/admin.ts';
import { businessDay, isWithinHours } from '../../shared/time/businessDay.ts';
import type { Api } from '../http/route.ts';
import type { HallContext, Principal } from '../context.ts';
import { formatError, replyCode, type Lang } from '../../shared/errors.ts';
import { counterServes, estimateFor, estimateInputs } from '../queue/service.ts';

export function serviceViews(ctx: HallContext): S.ServiceViewT[] {
  const waiting = read.ticketsByStatus(ctx.db, CALLABLE);
  const inputs = estimateInputs(ctx);
  return inputs.services.map((s) => {
    const n = waiting.filter((t) => t.serviceCode === s.code).length;
    return {
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      prefix: s.prefix,
      slaMinutes: s.slaMinutes,
      open: s.open,
      waiting: n,
      estimatedWaitMinutes: estimateFor(ctx, inputs, s.code, n),
      counterOpen: counterServes(inputs, s.code),
    };
  });
}

export function hallState(ctx: HallContext): S.HallStateT {
  const now = ctx.clock.now();
  const settings = read.settings(ctx.db);
  const hall = read.hall(ctx.db);
  const day = businessDay(now, settings.timeZone);
  const stats = read.dayStats(ctx.db, day);
  const waiting = read.ticketsByStatus(ctx.db, CALLABLE);
  const inHours =
    !settings.enforceOpeningHours ||
    isWithinHours(now, settings.timeZone, settings.openingTime, settings.closingTime);
  return {
    hallId: ctx.hallId,
    name: hall?.name ?? settings.hallName,
    demo: hall?.demo ?? false,
    open: hall?.open ?? false,
    issuing: (hall?.open ?? false) && inHours,
    businessDay: day,
    now,
    settings,
    services: serviceViews(ctx),
    counters: read.counters(ctx.db),
    alerts: read.openAlerts(ctx.db),
    stats: {
      issuedToday: stats.issued,
      servedToday: stats.served,
      longestWaitMs: waiting.reduce((max, t) => Math.max(max, now - t.issuedAt), 0),
    },
  };
}

/**
 * What is wrong with this node right now, each with its reason in the request's language (issue 9): a
 * storage fault (the next successful commit clears it), a journal that differs from what head office
 * acknowledged (a hub's periodic check), a broken hash chain (the check at start). `ok` is true when
 * nothing is.
 */
function healthProblems(ctx: HallContext, lang: Lang) {
  const problems: { code: string; message: string; since: number }[] = [];
  const storage = ctx.commits.storageProblem();
  if (storage)
    problems.push({
      code: replyCode(storage.code),
      message: formatError(storage.code, lang),
      since: storage.since,
    });
  const integrity = ctx.role === 'hub' ? integrityStatus(ctx.db) : null;
  const mismatches = integrity?.mismatches ?? [];
  const reason = mismatches.map(describeMismatch).join('; ');
  if (mismatches.length > 0 && integrity)
    problems.push({
      code: 'E_INTEGRITY',
      message: formatError('E_INTEGRITY', lang, { detail: reason }),
      since: integrity.checkedAt,
    });
  const chain = ctx.checks.chain;
  if (chain && chain.breaks.length > 0) {
    const b = chain.breaks[0]!;
    const more = chain.breaks.length > 1 ? ` (+${chain.breaks.length - 1})` : '';
    problems.push({
      code: 'E_CHAIN',
      message: formatError('E_CHAIN', lang, {
        detail: `device ${b.device_id} seq ${b.device_seq}: ${b.reason}${more}`,
      }),
      since: chain.checkedAt,
    });
  }
  // Offline-first: a pull failing while head office is away is not a problem (the sync status says so).
  for (const job of ctx.jobs())
    if (job.lastError !== null && !job.network)
      problems.push({
        code: 'E_JOB',
        message: formatError('E_JOB', lang, { job: job.name, detail: job.lastError.slice(0, 200) }),
        since: job.failingSince ?? ctx.clock.now(),
      });
  return {
    ok: problems.length === 0,
    problems,
    ...(mismatches.length > 0
      ? { reason: `journal differs from what head office acknowledged: ${reason}` }
      : {}),
    ...(integrity ? { integrity } : {}),
  };
}

export function healthRoute(api: Api): void {
  const ctx = api.ctx;
  api.implement(healthContract, {
    health: ({ lang }) => ({
      ...healthProblems(ctx, lang),
      version: ctx.version,
      hallId: ctx.hallId,
      role: ctx.role,
      deviceId: ctx.deviceId,
      journalSeq: ctx.journal.lastSeq(),
      demo: read.hall(ctx.db)?.demo ?? pairedWithDemo(ctx.db),
      sync: ctx.syncStatus(),
      jobs: ctx.jobs(),
      tokensAtRest: tokensAtRest(ctx.db),
    }),
  });
}

export function adminRoutes(api: Api): void {
  const ctx = api.ctx;
  const openHall =
    (open: boolean) =>
    async ({ principal, body }: { principal: Principal; body?: { override?: { reason: string } } }) => {
      await ctx.commits.run('setHallOpen', principal, open, body?.override);
      return hallState(ctx);
    };
  const openService =
    (open: boolean) =>
    async ({ principal, params }: { principal: Principal; params: { code: string } }) => {
      await ctx.commits.run('setServiceOpen', principal, params.code, open);
      return hallState(ctx);
    };
  api.implement(adminContract, {
    services: () => serviceViews(ctx),
    hall: () => hallState(ctx),
    openHall: openHall(true),
    closeHall: openHall(false),
    openService: openService(true),
    closeService: openService(false),
    changeSettings: async ({ principal, body }) =>
      (await ctx.commits.run('changeSettings', principal, body)).value,
  });
}
