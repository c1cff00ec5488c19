import { findReply, saveReply } from '../../db/commandReplies.ts';
import type { EventPayload, EventType } from '../../shared/events/catalog.ts';
import { DomainError } from '../../shared/errors.ts';
import type { WriteContext } from '../context.ts';
import { changeSettings, setHallOpen, setServiceOpen } from '../admin/service.ts';
import { endSession, recordLoginFailure, startSession } from '../auth/service.ts';
import { createDevice, makePairingCode, pairWithCode, revokeDevice } from '../devices/service.ts';
import { seedDemoRecords } from '../demo.ts';
import { comeBack, goAway, raiseOverdueAwayAlerts } from '../queue/counters.ts';
import { actOnTicket, callNext, closeEndedDays, issueTicket, transferTicket } from '../queue/service.ts';
import { recordWalkin } from '../station/walkins.ts';
import { applyPull } from '../sync/pull.ts';
import { acceptStationBatch } from '../sync/receiver.ts';

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
  const reply = asJson(dispatch(ctx, inner));
  const status = reply === null ? 204 : stamp.status;
  saveReply(
    ctx.db,
    key,
    { principal: stamp.principal, fingerprint: stamp.fingerprint, status, reply },
    now,
    now - REPLY_TTL_MS,
  );
  return { replayed: false, reply };
}

/** The value as its JSON reply reads back, so a first reply and its replays are byte-identical. */
export function asJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * Everything that changes a hall's records, by name. A procedure runs inside one transaction of the
 * writer; its arguments and result are plain data (they would survive structured cloning to a writer
 * elsewhere), and it reads the time only through `ctx.clock`.
 */
export const procedures = {
  issueTicket,
  callNext,
  actOnTicket,
  transferTicket,
  goAway,
  comeBack,
  raiseOverdueAwayAlerts,
  closeEndedDays,
  setHallOpen,
  setServiceOpen,
  changeSettings,
  createDevice,
  revokeDevice,
  makePairingCode,
  pairWithCode,
  recordLoginFailure,
  startSession,
  endSession,
  recordWalkin,
  acceptStationBatch,
  applyPull,
  seedDemoRecords,
  appendEvents,
  idempotentCommand,
} satisfies Record<string, (ctx: WriteContext, ...args: never[]) => unknown>;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type ArgsOf<K extends ProcedureName> = Procedures[K] extends (
  ctx: WriteContext,
  ...args: infer A
) => unknown
  ? A
  : never;

/** A procedure call as data: what a route hands the writer. */
export interface Invocation<R = unknown> {
  name: ProcedureName;
  args: unknown[];
  /** Only carries the result type. */
  readonly result?: R;
}

export function invoke<K extends ProcedureName>(
  name: K,
  ...args: ArgsOf<K>
): Invocation<ReturnType<Procedures[K]>> {
  return { name, args };
}

export function dispatch(ctx: WriteContext, inv: Invocation): unknown {
  if (!Object.hasOwn(procedures, inv.name)) throw new Error(`unknown write procedure ${String(inv.name)}`);
  const procedure = procedures[inv.name] as (ctx: WriteContext, ...args: unknown[]) => unknown;
  return procedure(ctx, ...inv.args);
}
