import { createHash } from 'node:crypto';
import { z } from 'zod';
import { findReply, saveReply } from '../../db/commandReplies.ts';
import { DomainError } from '../../shared/errors.ts';
import { canonicalJson } from '../../shared/journal/canonical.ts';
import type { Call, RouteSpec } from '../../shared/http/route.ts';
import { recordedBy, type HallContext, type Principal } from '../context.ts';
import type { Who } from './route.ts';

/** How long a command's reply is kept for retries with the same key. */
export const REPLY_TTL_MS = 24 * 60 * 60_000;

export const IdempotencyKey = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII');

/** The optional `Idempotency-Key` header of a command (HTTP header names arrive in lower case). */
export const IdempotencyHeader = z.object({ 'idempotency-key': IdempotencyKey.optional() });

/** A queue command: `run` is applied inside one CommitQueue transaction and returns the reply body. */
export type CommandSpec<B extends z.ZodType, P extends z.ZodType, R> = Omit<
  RouteSpec<Who, Principal, B, P, R>,
  'handler' | 'headers'
> & { run: (call: Call<Principal, z.output<B>, z.output<P>>) => R };

/**
 * DESIGN §3 "every command carries an idempotency key so a retried request is applied once": the
 * first successful application stores its reply in the same transaction as its events; a retry with
 * the same key, sender and request gets that reply back and applies nothing. Reusing a key for another
 * request or by someone else is refused. Without a key the command simply runs.
 */
export function idempotent<B extends z.ZodType, P extends z.ZodType, R>(
  ctx: HallContext,
  spec: CommandSpec<B, P, R>,
): RouteSpec<Who, Principal, B, P, unknown, typeof IdempotencyHeader> {
  const { run, ...route } = spec;
  return {
    ...route,
    headers: IdempotencyHeader,
    handler: async (call) => {
      const key = call.headers['idempotency-key'] ?? null;
      if (key === null) return (await ctx.commits.run(() => run(call))).value;
      const principal = recordedBy(call.principal);
      const fingerprint = createHash('sha256')
        .update(
          canonicalJson({
            method: spec.method,
            url: spec.url,
            params: toJson(call.params),
            body: toJson(call.body),
          }),
        )
        .digest('hex');
      // Looked up inside the transaction: concurrent duplicates are serialised by the commit queue.
      const { value } = await ctx.commits.run(() => {
        const now = ctx.clock.now();
        const stored = findReply(ctx.db, key, now - REPLY_TTL_MS);
        if (stored) {
          if (stored.principal !== principal || stored.fingerprint !== fingerprint)
            throw new DomainError('E_IDEMPOTENCY_CONFLICT');
          return { replayed: true, reply: stored.reply };
        }
        const reply = toJson(run(call));
        const status = reply === null ? 204 : (spec.status ?? 200);
        saveReply(ctx.db, key, { principal, fingerprint, status, reply }, now, now - REPLY_TTL_MS);
        return { replayed: false, reply };
      });
      if (value.replayed) void call.reply.header('idempotent-replayed', 'true');
      return value.reply;
    },
  };
}

/** The value as its JSON reply reads back, so a first reply and its replays are byte-identical. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}
