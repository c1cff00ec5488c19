import { DomainError } from '../../shared/errors.ts';
import { checkProtocol, gapReply } from '../../shared/sync/protocol.ts';
import { stationSyncContract } from '../../shared/api/hall/sync.ts';
import type { Api } from '../http/route.ts';
import { receiveBatch } from './receiver.ts';
import { hubSnapshot } from './pull.ts';
import { noteStationHead } from './stationReports.ts';

/** The hub's sync endpoints for its stations: the same protocol as head office's (DESIGN §4). */
export function hubSyncRoutes(api: Api): void {
  const ctx = api.ctx;
  api.implement(stationSyncContract, {
    push: async ({ principal, body, headers, reply }) => {
      checkProtocol(headers);
      // A station pushes only its own rows.
      if (principal.kind !== 'device' || principal.deviceId !== body.deviceId)
        throw new DomainError('E_FORBIDDEN');
      const result = await receiveBatch(ctx, body);
      if (result.kind === 'gap') return reply.code(409).send(gapReply(result.ackedSeq));
      return result.reply;
    },
    pull: ({ principal, query, headers }) => {
      checkProtocol(headers);
      // A station says how far its journal goes; the hall's day close asks whether the hub holds it all.
      if (query.head !== undefined && principal.kind === 'device')
        noteStationHead(ctx.db, principal.deviceId, query.head, ctx.clock.now());
      return hubSnapshot(ctx, query.since);
    },
  });
}
