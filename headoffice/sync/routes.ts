import { DomainError } from '../../shared/errors.ts';
import type { Api } from '../../server/http/route.ts';
import { checkProtocol, gapReply } from '../../shared/sync/protocol.ts';
import { hubSyncContract } from '../../shared/api/headoffice/sync.ts';
import { hubGate, stationGate } from '../../shared/events/authority.ts';
import { THIS_BUILD } from '../../shared/sync/ingest.ts';
import { HO_PAIR_LIMITS } from '../../shared/pairingCode.ts';
import { FailureLimiter } from '../../server/http/rateLimit.ts';
import type { HoContext, HoPrincipal } from '../context.ts';
import type { HoWho } from '../http.ts';
import { pairHub } from '../halls/service.ts';
import { assertOwnsDevice, registerStation } from '../halls/devices.ts';
import { hallAcks, recordIntegrityReport } from '../halls/integrity.ts';
import { ingestBatch } from '../ingest/ingest.ts';
import { pullRef } from '../refdata/service.ts';

export function syncRoutes(api: Api<HoWho, HoPrincipal>, ctx: HoContext): void {
  const pairGuesses = new FailureLimiter(HO_PAIR_LIMITS);
  api.implement(hubSyncContract, {
    push: async ({ principal, body, headers, reply }) => {
      checkProtocol(headers);
      if (principal.kind !== 'hub') throw new DomainError('E_FORBIDDEN');
      // A hub pushes only its own rows and its registered stations' (issue 9): else 403, nothing stored.
      const station = await assertOwnsDevice(ctx.sql, principal, body.deviceId);
      // The origin rule, as the hub checked it (shared/events/authority.ts); the hub alone follows a
      // station's sessions, so head office checks the type, the signer kind and the counter.
      const authorize =
        station === null
          ? hubGate(principal.deviceId)
          : stationGate({ deviceId: body.deviceId, counterNo: station.counterNo });
      // Rows carry the hub's own hall id; cursors and quarantine are kept under head office's.
      const result = await ingestBatch(
        ctx.sql,
        principal.hallId,
        principal.localHallId,
        body,
        ctx.clock.now(),
        THIS_BUILD,
        authorize,
      );
      if (result.kind === 'gap') return reply.code(409).send(gapReply(result.ackedSeq));
      return result.reply;
    },
    pull: ({ query, headers }) => {
      checkProtocol(headers);
      return pullRef(ctx, query.since);
    },
    registerStation: async ({ principal, body }) => {
      if (principal.kind !== 'hub') throw new DomainError('E_FORBIDDEN');
      const owner = await registerStation(ctx, principal, {
        deviceId: body.deviceId,
        name: body.name,
        counterNo: body.counterNo,
      });
      return { deviceId: body.deviceId, hallId: owner.hallId, counterNo: owner.counterNo };
    },
    acks: ({ principal }) => {
      if (principal.kind !== 'hub') throw new DomainError('E_FORBIDDEN');
      return hallAcks(ctx, principal.hallId);
    },
    reportIntegrity: async ({ principal, body }) => {
      if (principal.kind !== 'hub') throw new DomainError('E_FORBIDDEN');
      // Only devices of the hub's own hall can be reported (a report never names another hall's).
      const acks = new Set((await hallAcks(ctx, principal.hallId)).map((a) => a.deviceId));
      const foreign = body.mismatches.find((m) => !acks.has(m.deviceId));
      if (foreign) throw new DomainError('E_DEVICE_NOT_OWNED', { deviceId: foreign.deviceId });
      return recordIntegrityReport(ctx, principal, body.mismatches);
    },
    pair: async ({ body, req, reply }) => {
      // Wrong codes are limited per source address and from all sources (shared/pairingCode.ts has
      // the arithmetic); while limited even the right code waits, so a guess never learns anything.
      const at = ctx.clock.now();
      const wait = pairGuesses.take(req.ip, at);
      if (wait > 0) {
        void reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw new DomainError('E_RATE_LIMITED');
      }
      try {
        const { token, hallId } = await pairHub(ctx, body.code, body.deviceId, body.hallId);
        pairGuesses.refund(req.ip, at);
        return { token, hallId };
      } catch (error) {
        // Only a wrong code counts; a right code refused for another reason is given back.
        if (!(error instanceof DomainError && error.code === 'E_PAIRING_CODE'))
          pairGuesses.refund(req.ip, at);
        throw error;
      }
    },
  });
}
