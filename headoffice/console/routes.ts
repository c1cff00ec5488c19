import argon2 from 'argon2';
import { DomainError } from '../../shared/errors.ts';
import type { Api } from '../../server/http/route.ts';
import { consoleContract } from '../../shared/api/headoffice/console.ts';
import type { QuarantineRowT } from '../../shared/api/console.ts';
import { parseRef } from '../../shared/sync/refdata.ts';
import { PIN_PATTERN } from '../../shared/primitives.ts';
import type { HoContext, HoPrincipal } from '../context.ts';
import type { HoWho } from '../http.ts';
import { loginHo } from '../auth/service.ts';
import { createHall, listHalls, newHallPairingCode, revokeHallDevice } from '../halls/service.ts';
import { listRef, putRef } from '../refdata/service.ts';
import { consoleViews } from './views.ts';

async function withPinHash(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { pin, ...rest } = body;
  if (typeof pin !== 'string' || !PIN_PATTERN.test(pin)) return body;
  return { ...rest, pinHash: await argon2.hash(pin, { type: argon2.argon2id }) };
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
