import { findReply, saveReply } from '../../db/commandReplies.ts';
import type { EventPayload, EventType } from '../../shared/events/catalog.ts';
import { DomainError } from '../../shared/errors.ts';
import type { WriteContext } from '../context.ts';
import { seedDemoRecords } from '../demo.ts';
import { domains } from '../domains.ts';
import type { ProcedureMap } from '../domain.ts';
import type { Invocation } from './invoke.ts';

/** How long a command's reply is kept for retries with the same key. */
export const REPLY_TTL_MS = 24 * 60 * 60_000;

/** Events appended as they are, for callers that record a fact rather than apply a rule. */
export type EventToAppend = {
  [K in EventType]: { type: K; payload: EventPayload<K>; by: string };
}[EventType];

function appendEvents(ctx: WriteContext, events: EventToAppend[]): number {
  for (const e of events) ctx.journal.append(e.type, e.payload as EventPayload<EventType>, e.by);
  return events.length;
}

/**
 * DESIGN §3 "every command carries an idempotency key so a retried request is applied once": the
 * first successful application stores its reply in the same transaction as its events; a retry with
 * the same key, sender and request gets that reply back and applies nothing. Reusing a key for another
 * request is refused; keys are scoped to their sender, so someone else's same key is their own.
 */
function idempotentCommand(
  ctx: WriteContext,
  key: string,
  stamp: { principal: string; fingerprint: string; status: number },
  inner: Invocation,
): { replayed: boolean; reply: unknown } {
  const now = ctx.clock.now();
  // Looked up inside the transaction: concurrent duplicates are serialised by the writer.
  // Keys are per sender (issue 9): another sender's same key is another command.
  const stored = findReply(ctx.db, stamp.principal, key, now - REPLY_TTL_MS);
  if (stored) {
    if (stored.fingerprint !== stamp.fingerprint) throw new DomainError('E_IDEMPOTENCY_CONFLICT');
    return { replayed: true, reply: stored.reply };
  }
  // Serialised once: the stored text, and the reply read back from it, so a first reply and its
  // replays are byte-identical.
  const replyJson = JSON.stringify(dispatch(ctx, inner)) ?? 'null';
  const reply = JSON.parse(replyJson) as unknown;
  const status = reply === null ? 204 : stamp.status;
  saveReply(
    ctx.db,
    key,
    { principal: stamp.principal, fingerprint: stamp.fingerprint, status, replyJson },
    now,
    now - REPLY_TTL_MS,
  );
  return { replayed: false, reply };
}

type Domains = typeof domains;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;
type DomainProcedures = UnionToIntersection<Domains[keyof Domains]['procedures']>;

/** Every domain's procedures in one map; two domains naming the same procedure is a start-up error. */
function merge(maps: readonly ProcedureMap[]): ProcedureMap {
  const all: ProcedureMap = {};
  for (const map of maps)
    for (const [name, fn] of Object.entries(map)) {
      if (Object.hasOwn(all, name)) throw new Error(`write procedure ${name} is defined twice`);
      all[name] = fn;
    }
  return all;
}

/**
 * Everything that changes a hall's records, by name: each domain's procedures (hall/domains.ts) and
 * the writer's own. A procedure runs inside one transaction of the writer (see hall/domain.ts).
 */
export const procedures = merge([
  ...Object.values(domains).map((d) => d.procedures),
  { seedDemoRecords, appendEvents, idempotentCommand },
]) as DomainProcedures & {
  seedDemoRecords: typeof seedDemoRecords;
  appendEvents: typeof appendEvents;
  idempotentCommand: typeof idempotentCommand;
};

export type Procedures = typeof procedures;

export function dispatch(ctx: WriteContext, inv: Invocation): unknown {
  if (!Object.hasOwn(procedures, inv.name)) throw new Error(`unknown write procedure ${String(inv.name)}`);
  const procedure = procedures[inv.name] as (ctx: WriteContext, ...args: unknown[]) => unknown;
  return procedure(ctx, ...inv.args);
}
