import { DomainError } from '../../shared/errors.ts';
import { gapReply, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol.ts';
import { stationSyncContract } from '../../shared/api/hall/sync.ts';
import type { Api } from '../http/route.ts';
import { receiveBatch } from './receiver.ts';
import { hubSnapshot } from './pull.ts';

/** 426 for a sender speaking another protocol version: it must upgrade first (DESIGN §4). */
export function checkProtocol(headers: { [SYNC_PROTOCOL_HEADER]?: string | undefined }): void {
  const v = headers[SYNC_PROTOCOL_HEADER];
  if (v !== undefined && Number(v) !== SYNC_PROTOCOL_VERSION)
    throw new DomainError('E_UPGRADE_REQUIRED', { version: SYNC_PROTOCOL_VERSION });
}

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
    pull: ({ query, headers }) => {
      checkProtocol(headers);
      return hubSnapshot(ctx, query.since);
    },
  });
}
