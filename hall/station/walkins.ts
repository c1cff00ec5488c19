import { z } from 'zod';
import * as read from '../../db/read.ts';
import { stmt } from '../../db/projections/index.ts';
import { WalkinList } from '../../shared/api/walkins.ts';
import { DomainError } from '../../shared/errors.ts';
import { ServiceCode } from '../../shared/primitives.ts';
import { Instant, businessDay } from '../../shared/time/businessDay.ts';
import type { Api } from '../http/route.ts';
import { ackedSeq } from '../sync/upstreams.ts';
import type { WriteContext } from '../context.ts';

export const WalkinBody = z
  .object({
    serviceCode: ServiceCode,
    startedAt: Instant,
    /** Omitted: the customer was served just now. Given: a service recorded after it finished. */
    finishedAt: Instant.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

/** How far back a walk-in's start may lie when it is entered. */
const WALKIN_MAX_AGE_MS = 12 * 60 * 60_000;

/** A walk-in served at this station, on the station's business day. */
export function recordWalkin(
  ctx: WriteContext,
  w: {
    walkinId: string;
    serviceCode: string;
    counterNo: number;
    staffId: string;
    startedAt: number;
    finishedAt?: number | undefined;
    note: string | null;
  },
): void {
  const day = businessDay(ctx.clock.now(), read.settings(ctx.db).timeZone);
  // Without a finish time (served just now) the row's own time is the finish.
  ctx.journal.append('walkin.served', { ...w, businessDay: day }, w.staffId);
}

/**
 * While its hub is unreachable a counter still serves the customer in front of it: the service is
 * recorded in the station's own journal and reconciled at the hub when the station's rows arrive.
 */
export function walkinRoutes(api: Api): void {
  const ctx = api.ctx;
  api.add({
    method: 'POST',
    url: '/walkins',
    summary: 'Record a customer served without a ticket while the hub is unreachable',
    tag: 'station',
    access: ['clerk'],
    body: WalkinBody,
    reply: z.object({ walkinId: z.string(), number: z.string() }),
    status: 201,
    handler: async ({ principal, body }) => {
      if (principal.kind !== 'staff' || principal.counterNo === null)
        throw new DomainError('E_NOT_YOUR_COUNTER', { counterNo: '?' });
      if (!read.services(ctx.db).some((s) => s.code === body.serviceCode))
        throw new DomainError('E_UNKNOWN_SERVICE', { code: body.serviceCode });
      const now = ctx.clock.now();
      if (body.startedAt > now)
        throw new DomainError('E_VALIDATION', { detail: 'startedAt is in the future' });
      if (body.finishedAt !== undefined && body.finishedAt > now)
        throw new DomainError('E_VALIDATION', { detail: 'finishedAt is in the future' });
      if (body.finishedAt !== undefined && body.finishedAt < body.startedAt)
        throw new DomainError('E_VALIDATION', { detail: 'finishedAt is before startedAt' });
      // A walk-in is entered right after the customer leaves and counts as today's service
      // (recordWalkin): a start in 1970 would pass as hours of handling time in every report.
      if (body.startedAt < now - WALKIN_MAX_AGE_MS)
        throw new DomainError('E_TIME_RANGE', { hours: WALKIN_MAX_AGE_MS / 3_600_000 });
      const walkinId = ctx.ids.next();
      await ctx.commits.run('recordWalkin', {
        walkinId,
        serviceCode: body.serviceCode,
        counterNo: principal.counterNo,
        staffId: principal.staffId,
        startedAt: body.startedAt,
        finishedAt: body.finishedAt,
        note: body.note ?? null,
      });
      return { walkinId, number: `W-${walkinId.slice(-6).toUpperCase()}` };
    },
  });
  api.add({
    method: 'GET',
    url: '/walkins',
    summary: 'This station’s walk-ins of today and whether the hub has them yet; the local services',
    tag: 'station',
    access: ['clerk'],
    reply: WalkinList,
    handler: () => {
      const day = businessDay(ctx.clock.now(), read.settings(ctx.db).timeZone);
      const acked = ackedSeq(ctx.db, 'hub', ctx.deviceId);
      const rows = stmt(
        ctx.db,
        `SELECT device_seq, payload, occurred_at FROM journal
         WHERE device_id = ? AND type = 'walkin.served' ORDER BY device_seq DESC LIMIT 200`,
      ).all(ctx.deviceId) as { device_seq: number; payload: string; occurred_at: number }[];
      const walkins = rows
        .map((r) => ({ ...r, p: JSON.parse(r.payload) as Record<string, unknown> }))
        .filter((r) => r.p.businessDay === day)
        .map((r) => ({
          walkinId: String(r.p.walkinId),
          number: `W-${String(r.p.walkinId).slice(-6).toUpperCase()}`,
          serviceCode: String(r.p.serviceCode),
          counterNo: Number(r.p.counterNo),
          startedAt: Number(r.p.startedAt),
          finishedAt: typeof r.p.finishedAt === 'number' ? r.p.finishedAt : r.occurred_at,
          note: (r.p.note as string | null) ?? null,
          synced: r.device_seq <= acked,
        }));
      const services = read.services(ctx.db).map((s) => ({ code: s.code, name: s.name, nameEn: s.nameEn }));
      return { services, walkins };
    },
  });
}
