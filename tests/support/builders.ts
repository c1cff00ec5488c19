import { expect } from 'vitest';
import type { Db } from '../../db/open.ts';
import { projectionDigest, rebuildProjections } from '../../db/rebuild.ts';
import {
  ErrorReply,
  HallState,
  type HallStateT,
  IssueReply,
  type IssueReplyT,
} from '../../shared/api/schemas.ts';
import { Ticket } from '../../shared/queue/model.ts';
import type { TestHall } from './hall.ts';
import { parseReply } from './http.ts';

/** Tokens of the demo hall's people, signed in as a test needs them. */
export interface Staff {
  /** manager 9001, signed in on first use (each sign-in is an argon2 check, so only when needed) */
  manager: () => Promise<string>;
  /** clerk 100N signed in at counter N */
  clerk: (counterNo: number) => Promise<string>;
}

export function staffOf(hall: TestHall): Staff {
  const clerks = new Map<number, Promise<string>>();
  let manager: Promise<string> | null = null;
  return {
    manager: () => (manager ??= hall.login('9001')),
    clerk: (n: number) => {
      let t = clerks.get(n);
      if (!t) clerks.set(n, (t = hall.login(`100${n}`, n)));
      return t;
    },
  };
}

/** Journals an overdue-away alert as builds before `alert.raised.away` did: a zh-CN sentence only. */
export function journalSentenceAlert(hall: TestHall, counterNo: number, sentence: string): void {
  const { ctx } = hall.node;
  ctx.db.transaction(() =>
    ctx.journal.append(
      'alert.raised',
      { alertId: `old-alert-${counterNo}`, kind: 'away_overdue', counterNo, message: sentence },
      `device:${ctx.deviceId}`,
    ),
  )();
}

/** What "the journal is unchanged" compares: row count, last rowid and the set of ids. */
export function journalMark(db: Db): { count: number; maxRowid: number | null; ids: string } {
  const r = db.prepare('SELECT count(*) AS count, max(rowid) AS maxRowid FROM journal').get() as {
    count: number;
    maxRowid: number | null;
  };
  const ids = (db.prepare('SELECT id FROM journal ORDER BY rowid').pluck().all() as string[]).join(',');
  return { ...r, ids };
}

export interface JournalEvent {
  rowid: number;
  type: string;
  device_id: string;
  device_seq: number;
  recorded_by: string;
  payload: Record<string, unknown>;
}

/** The journal's rows of some types, in the order they were written. */
export function journalEvents(db: Db, ...types: string[]): JournalEvent[] {
  const rows = db
    .prepare(
      `SELECT rowid, type, device_id, device_seq, recorded_by, payload FROM journal
       WHERE type IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
    )
    .all(JSON.stringify(types)) as (Omit<JournalEvent, 'payload'> & { payload: string })[];
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
}

/** The LAN API's error shape (ErrorReply): `{error:{code,message}}` with a non-empty message. */
export function expectError(res: { status: number; body: unknown }, status: number, code?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const { error } = parseReply(ErrorReply, res);
  expect(error.message.trim().length).toBeGreaterThan(0);
  if (code) expect(error.code).toBe(code);
}

/** The hall's open alerts, as the manager screen reads them (GET /hall). */
export const hallAlerts = async (hall: TestHall, token: string): Promise<HallStateT['alerts']> =>
  parseReply(HallState, await hall.request('GET', '/hall', { token })).alerts;

/** What a ticket command replies (hall/queue/routes.ts: `reply: Ticket`). */
export type TicketReply = Ticket;

/** Issues a ticket from the kiosk and returns the reply, failing the test on anything but 201. */
export async function issue(
  hall: TestHall,
  serviceCode: string,
  opts: { priority?: boolean; key?: string; token?: string } = {},
): Promise<IssueReplyT> {
  const res = await hall.request('POST', '/tickets', {
    token: opts.token ?? hall.kioskToken,
    body: { serviceCode, ...(opts.priority ? { priority: true } : {}) },
    ...(opts.key ? { headers: { 'idempotency-key': opts.key } } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return parseReply(IssueReply, res);
}

/** call-next at a counter; returns the ticket, or null on 204. */
export async function callNext(
  hall: TestHall,
  token: string,
  counterNo: number,
): Promise<TicketReply | null> {
  const res = await hall.request('POST', `/counters/${counterNo}/call-next`, { token });
  if (res.status === 204) return null;
  return ticketReply('call-next', res);
}

/** A ticket command that must succeed. */
export async function act(
  hall: TestHall,
  token: string,
  ticketId: string,
  action: string,
  body?: unknown,
): Promise<TicketReply> {
  const res = await hall.request('POST', `/tickets/${ticketId}/${action}`, {
    token,
    ...(body === undefined ? {} : { body }),
  });
  return ticketReply(action, res);
}

/** The ticket a command replied with, failing the test (naming the command) on anything but 200. */
function ticketReply(command: string, res: { status: number; body: unknown }): TicketReply {
  expect(res.status, `${command}: ${JSON.stringify(res.body)}`).toBe(200);
  return parseReply(Ticket, res);
}

/** A fixed instant in the hall's zone (Asia/Shanghai, UTC+8): "2026-11-25 10:00" → ms. */
export function shanghai(local: string): number {
  return Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
}

/**
 * Runs `steps` (refusals, reads) and checks that they changed nothing: the same journal rows and the
 * same projections (DESIGN §5 "bad input changes nothing").
 */
export async function changesNothing(hall: TestHall, steps: () => Promise<unknown>): Promise<void> {
  const db = hall.node.ctx.db;
  const before = { journal: journalMark(db), projections: projectionDigest(db) };
  await steps();
  expect({ journal: journalMark(db), projections: projectionDigest(db) }).toEqual(before);
}

/** Refused with `status` (and `code`), and nothing changed. */
export const refusedUnchanged = (
  hall: TestHall,
  send: () => Promise<{ status: number; body: unknown }>,
  status: number,
  code?: string,
): Promise<void> => changesNothing(hall, async () => expectError(await send(), status, code));

/** DESIGN §2: the projections are what the journal replays to: a rebuild from it gives them byte for byte. */
export function expectProjectionsReplay(db: Db): void {
  const { before, after } = rebuildProjections(db);
  expect(after).toBe(before);
}
