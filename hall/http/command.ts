import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../shared/journal/canonical.ts';
import type { Call, RouteSpec } from '../../server/http/route.ts';
import { recordedBy, type HallContext, type Principal } from '../context.ts';
import type { Who } from './route.ts';
import { asJson, type Invocation } from '../writer/procedures.ts';

export const IdempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII');

/** The optional `Idempotency-Key` header of a command (HTTP header names arrive in lower case). */
export const IdempotencyHeader = z.object({ 'idempotency-key': IdempotencyKey.optional() });

/**
 * A queue command: `invoke` checks what needs no records (who may act at which counter) and names the
 * write procedure, which the writer applies in one transaction; its result is the reply body.
 */
export type CommandSpec<B extends z.ZodType, P extends z.ZodType, R> = Omit<
  RouteSpec<Who, Principal, B, P, R>,
  'handler' | 'headers'
> & { invoke: (call: Call<Principal, z.output<B>, z.output<P>>) => Invocation<R> };

/**
 * DESIGN §3 "every command carries an idempotency key so a retried request is applied once": with a
 * key, the writer's `idempotentCommand` applies the command once and replays its stored reply to
 * retries (hall/writer/procedures.ts). Without a key the command simply runs.
 */
export function idempotent<B extends z.ZodType, P extends z.ZodType, R>(
  ctx: HallContext,
  spec: CommandSpec<B, P, R>,
): RouteSpec<Who, Principal, B, P, unknown, typeof IdempotencyHeader> {
  const { invoke: toInvocation, ...route } = spec;
  return {
    ...route,
    headers: IdempotencyHeader,
    handler: async (call) => {
      const key = call.headers['idempotency-key'] ?? null;
      const inner = toInvocation(call);
      if (key === null) return (await ctx.commits.apply(inner)).value;
      const fingerprint = createHash('sha256')
        .update(
          canonicalJson({
            method: spec.method,
            url: spec.url,
            params: asJson(call.params),
            body: asJson(call.body),
          }),
        )
        .digest('hex');
      const stamp = { principal: recordedBy(call.principal), fingerprint, status: spec.status ?? 200 };
      const { value } = await ctx.commits.run('idempotentCommand', key, stamp, inner);
      if (value.replayed) void call.reply.header('idempotent-replayed', 'true');
      return value.reply;
    },
  };
}
