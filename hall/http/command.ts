import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../../shared/journal/canonical.ts';
import { IdempotencyHeader, type Contract, type ContractMap } from '../../shared/api/contract.ts';
import type { HallWho } from '../../shared/api/hall/index.ts';
import type { CallOf, Handler, HandlerResult, RouteSpec } from '../../server/http/route.ts';
import { recordedBy, type HallContext, type Principal } from '../context.ts';
import type { Invocation } from '../writer/invoke.ts';

/**
 * A command's implementation: `invoke` checks what needs no records (who may act at which counter, an
 * approver's PIN) and names the write procedure, which the writer applies in one transaction; its
 * result is the reply body.
 */
export interface Command<Call, R> {
  invoke: (call: Call) => Invocation<R> | Promise<Invocation<R>>;
  /**
   * Turns the procedure's stored result into the reply, or throws the refusal it records: run on the
   * first reply and on every replay alike, so a retried refusal is refused again, not applied again.
   */
  settle?: (stored: unknown) => R;
}

/** Implements an idempotent contract as a write procedure applied once per key. */
export const command = <Call, R>(invoke: Command<Call, R>['invoke']): Command<Call, R> => ({ invoke });

/**
 * A command whose procedure records a refusal durably (a rating pressed twice is journaled as misuse)
 * and returns it as a value; `settle` answers it, the same on a replay (POST /ratings).
 */
export const settledCommand = <Call, T, R>(
  invoke: (call: Call) => Invocation<T> | Promise<Invocation<T>>,
  settle: (stored: T) => R,
): Command<Call, R> => ({
  invoke: invoke as unknown as Command<Call, R>['invoke'],
  settle: settle as (stored: unknown) => R,
});

/** The command implementing contract C. */
export type CommandFor<C extends Contract> = Command<CallOf<C, Principal>, HandlerResult<C>>;

/** A hall domain's implementation of its contracts: a handler each, or a command where idempotent. */
export type HallHandlers<M extends ContractMap<HallWho>> = {
  [K in keyof M]: M[K]['idempotent'] extends true
    ? Handler<M[K], Principal> | CommandFor<M[K]>
    : Handler<M[K], Principal>;
};

/**
 * DESIGN §3 "every command carries an idempotency key so a retried request is applied once": with a
 * key, the writer's `idempotentCommand` applies the command once and replays its stored reply to
 * retries (hall/writer/procedures.ts). Without a key the command simply runs.
 */
export function idempotent(
  ctx: HallContext,
  contract: Contract<HallWho>,
  { invoke: toInvocation, settle = (stored) => stored as HandlerResult<Contract> }: CommandFor<Contract>,
): RouteSpec<HallWho, Principal, z.ZodType, z.ZodType, unknown, typeof IdempotencyHeader> {
  return {
    ...contract,
    headers: IdempotencyHeader,
    handler: async (call) => {
      const key = call.headers['idempotency-key'] ?? null;
      const inner = await toInvocation(call as CallOf<Contract, Principal>);
      if (key === null) return settle((await ctx.commits.apply(inner)).value);
      // The parsed params and body hold only JSON values (they came from JSON and the contracts'
      // transforms make strings, numbers and booleans), so their canonical text is taken as they are.
      const fingerprint = createHash('sha256')
        .update(
          canonicalJson({
            method: contract.method,
            url: contract.url,
            params: call.params ?? null,
            body: call.body ?? null,
          }),
        )
        .digest('hex');
      const stamp = { principal: recordedBy(call.principal), fingerprint, status: contract.status ?? 200 };
      const { value } = await ctx.commits.run('idempotentCommand', key, stamp, inner);
      if (value.replayed) void call.reply.header('idempotent-replayed', 'true');
      return settle(value.reply);
    },
  };
}
