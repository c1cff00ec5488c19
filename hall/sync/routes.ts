import { z } from 'zod';
import { DomainError } from '../../shared/errors.ts';
import { gapReply } from '../../shared/sync/protocol.ts';
import {
  PullReply,
  PushBody,
  PUSH_BODY_LIMIT,
  PushReply,
  SYNC_PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
} from '../../shared/sync/protocol.ts';
import type { Api } from '../http/route.ts';
import { receiveBatch } from './receiver.ts';
import { hubSnapshot } from './pull.ts';

/** The hub's sync endpoints for its stations: the same protocol as head office's (DESIGN §4). */
export function hubSyncRoutes(api: Api): void {
  const ctx = api.ctx;
  const checkProtocol = (v: unknown) => {
    if (v !== undefined && Number(v) !== SYNC_PROTOCOL_VERSION)
      throw new DomainError('E_UPGRADE_REQUIRED', { version: SYNC_PROTOCOL_VERSION });
  };
  api.add({
    method: 'POST',
    url: '/push',
    summary: 'A station pushes one batch of its journal (409 with ackedSeq on a gap)',
    tag: 'sync',
    access: ['counter-device'],
    body: PushBody,
    reply: PushReply,
    // A full protocol batch; the rest of the LAN API keeps the node's small limit (hall/node.ts).
    bodyLimit: PUSH_BODY_LIMIT,
    handler: async ({ principal, body, req, reply }) => {
      checkProtocol(req.headers[SYNC_PROTOCOL_HEADER]);
      // A station pushes only its own rows.
      if (principal.kind !== 'device' || principal.deviceId !== body.deviceId)
        throw new DomainError('E_FORBIDDEN');
      const result = await receiveBatch(ctx, body);
      if (result.kind === 'gap') {
        return reply.code(409).send(gapReply(result.ackedSeq));
      }
      return result.reply;
    },
  });
  api.add({
    method: 'GET',
    url: '/pull',
    summary: 'A station pulls the hall’s reference data',
    tag: 'sync',
    access: ['counter-device'],
    query: z.object({ since: z.coerce.number().int().min(0).default(0) }),
    reply: PullReply,
    handler: ({ query, req }) => {
      checkProtocol(req.headers[SYNC_PROTOCOL_HEADER]);
      return hubSnapshot(ctx, query.since);
    },
  });
}
