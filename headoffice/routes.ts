import { DomainError } from '../shared/errors.ts';
import { Api, type AccessPolicy } from '../server/http/route.ts';
import { gapReply, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../shared/sync/protocol.ts';
import { hubSyncContract } from '../shared/api/headoffice/sync.ts';
import { consoleContract } from '../shared/api/headoffice/console.ts';
import type { HoWho } from '../shared/api/headoffice/access.ts';
import type { QuarantineRowT } from '../shared/api/console.ts';
import type { FastifyInstance } from 'fastify';
import type { HoContext, HoPrincipal } from './context.ts';
import { authenticateHo, loginHo } from './auth/service.ts';
import { createHall, listHalls, newHallPairingCode, pairHub, revokeHallDevice } from './halls/service.ts';
import { ingestBatch } from './ingest/ingest.ts';
import { assertOwnsDevice, registerStation } from './halls/devices.ts';
import { hubGate, stationGate } from '../shared/events/authority.ts';
import { THIS_BUILD } from '../shared/sync/ingest.ts';
import { hallAcks, recordIntegrityReport } from './halls/integrity.ts';
import { listRef, pullRef, putRef } from './refdata/service.ts';
import { consoleViews } from './console.ts';
import { parseRef } from '../shared/sync/refdata.ts';
import { FailureLimiter } from '../server/http/rateLimit.ts';
import { HO_PAIR_LIMITS } from '../shared/pairingCode.ts';
import { PIN_PATTERN } from '../shared/primitives.ts';
import argon2 from 'argon2';

async function withPinHash(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { pin, ...rest } = body;
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) return body;
  return { ...rest, pinHash: await argon2.hash(pin, { type: argon2.argon2id }) };
}

export type { HoWho };

export function hoApi(app: FastifyInstance, ctx: HoContext, prefix: string): Api<HoWho, HoPrincipal> {
  const policy: AccessPolicy<HoWho, HoPrincipal> = {
    authenticate: async (token) => {
      const p = await authenticateHo(ctx, token);
      if (p?.kind === 'hub')
        await ctx.sql.query('UPDATE hall_devices SET last_seen_at = $1 WHERE device_id = $2', [
          ctx.clock.now(),
          p.deviceId,
        ]);
      return p;
    },
    allowed: (p, who) =>
      p.kind === 'hub'
        ? who.includes('hub')
        : who.includes(p.role) || (p.role === 'admin' && who.includes('viewer')),
    anonymous: { kind: 'staff', staffId: 'anonymous', staffNo: '', name: 'anonymous', role: 'viewer' },
    prefix,
  };
  return new Api(app, policy);
}

/** 426 for a sender speaking another protocol version: it must upgrade first (DESIGN §4). */
function checkProtocol(headers: { [SYNC_PROTOCOL_HEADER]?: string | undefined }): void {
  const v = headers[SYNC_PROTOCOL_HEADER];
  if (v !== undefined && Number(v) !== SYNC_PROTOCOL_VERSION)
    throw new DomainError('E_UPGRADE_REQUIRED', { version: SYNC_PROTOCOL_VERSION });
}

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

export function consoleApiRoutes(api: Api<HoWho, HoPrincipal>, ctx: HoContext): void {
  api.implement(consoleContract, {
    login: ({ body }) => loginHo(ctx, body.staffNo, body.pin),
    createHall: async ({ body }) => {
      const { hallId, pairingCode, expiresAt } = await createHall(ctx, body.name);
      return { hallId, pairingCode, expiresAt };
    },
    hallPairingCode: ({ params }) => newHallPairingCode(ctx, params.id),
    halls: () => listHalls(ctx),
    revokeHallDevice: async ({ params }) => {
      await revokeHallDevice(ctx, params.id);
    },
    quarantine: () =>
      ctx.sql.query<QuarantineRowT>(
        `SELECT device_id AS "deviceId", device_seq AS "deviceSeq", row_id AS "rowId", hall_id AS "hallId", reason, raw,
           received_at AS "receivedAt" FROM quarantine ORDER BY received_at DESC, device_seq LIMIT 500`,
      ),
    refList: ({ params }) => listRef(ctx, params.kind),
    putRef: async ({ params, body }) => {
      // Staff PINs are hashed here; only the argon2id hash is stored and sent to halls.
      const input = params.kind === 'staff' && typeof body.pin === 'string' ? await withPinHash(body) : body;
      const checked = parseRef(params.kind, params.key, input);
      if (!checked.ok) throw new DomainError('E_REF_INVALID', { detail: checked.reason });
      return { version: await putRef(ctx, params.kind, params.key, checked.data) };
    },
    deleteRef: async ({ params }) => ({ version: await putRef(ctx, params.kind, params.key, null) }),
    ...consoleViews(api, ctx),
  });
}
