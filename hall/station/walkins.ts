import { z } from 'zod';
import * as read from '../../db/read.ts';
import { DomainError } from '../../shared/errors.ts';
import { ServiceCode } from '../../shared/queue/model.ts';
import { businessDay } from '../../shared/time/businessDay.ts';
import type { Api } from '../http/route.ts';

export const WalkinBody = z
  .object({
    serviceCode: ServiceCode,
    startedAt: z.number().int().positive(),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

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
      const walkinId = ctx.ids.next();
      await ctx.commits.run(() =>
        ctx.journal.append(
          'walkin.served',
          {
            walkinId,
            serviceCode: body.serviceCode,
            counterNo: principal.counterNo!,
            staffId: principal.staffId,
            startedAt: body.startedAt,
            businessDay: businessDay(now, read.settings(ctx.db).timeZone),
            note: body.note ?? null,
          },
          principal.staffId,
        ),
      );
      return { walkinId, number: `W-${walkinId.slice(-6).toUpperCase()}` };
    },
  });
}
