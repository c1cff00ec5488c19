import { z } from 'zod';
import { ServiceCode } from '../../primitives.ts';
import { Instant } from '../../time/businessDay.ts';
import { WalkinList } from '../walkins.ts';
import { hallRoutes } from './access.ts';

export const WalkinBody = z
  .object({
    serviceCode: ServiceCode,
    startedAt: Instant,
    /** Omitted: the customer was served just now. Given: a service recorded after it finished. */
    finishedAt: Instant.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .strict();

/** A counter PC's own routes: what it does by itself while its hub is unreachable. */
export const stationContract = hallRoutes({
  recordWalkin: {
    method: 'POST',
    url: '/walkins',
    summary: 'Record a customer served without a ticket while the hub is unreachable',
    tag: 'station',
    access: ['clerk'],
    body: WalkinBody,
    reply: z.object({ walkinId: z.string(), number: z.string() }),
    status: 201,
  },
  walkins: {
    method: 'GET',
    url: '/walkins',
    summary: 'This station’s walk-ins of today and whether the hub has them yet; the local services',
    tag: 'station',
    access: ['clerk'],
    reply: WalkinList,
  },
});
