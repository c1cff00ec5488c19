import argon2 from 'argon2';
import * as read from '../../db/read.ts';
import { stmt } from '../../db/projections/index.ts';
import { DomainError } from '../../shared/errors.ts';
import type { DeviceRole, StaffRole } from '../../shared/primitives.ts';
import type { HallContext, Principal, WriteContext } from '../context.ts';
import { counterOrThrow, signInAtCounter, signOutOfCounter } from '../queue/counters.ts';
import { hashToken, newToken } from './tokens.ts';
import { sessionStaff, type SessionRow } from '../../server/tokens.ts';
import { watchTables, type Watched } from '../../db/changeWatch.ts';
import type { Db } from '../../db/open.ts';

const SESSION_MS = 16 * 60 * 60_000; // one long shift

export function hashPin(pin: string): Promise<string> {
  return argon2.hash(pin, { type: argon2.argon2id });
}

interface FailureRow {
  failures: number;
  locked_until: number | null;
}

/** Staff sign-in with staff number + PIN (argon2id), at a counter or not. */
export async function login(
  ctx: HallContext,
  input: { staffNo: string; pin: string; counterNo?: number | undefined },
): Promise<{
  token: string;
  staff: { id: string; staffNo: string; name: string; role: StaffRole };
  counterNo: number | null;
}> {
  const staff = await checkPin(ctx, input);
  if (input.counterNo !== undefined) counterOrThrow(ctx.db, input.counterNo);
  const token = newToken();
  const counterNo = input.counterNo ?? null;
  await ctx.commits.run('startSession', {
    staffNo: staff.staffNo,
    staffId: staff.id,
    tokenHash: hashToken(token),
    counterNo,
    expiresAt: ctx.clock.now() + SESSION_MS,
  });
  return {
    token,
    staff: { id: staff.id, staffNo: staff.staffNo, name: staff.name, role: staff.role },
    counterNo,
  };
}

/**
 * Someone signing on the spot (an approver, a witness, a companion: DESIGN §6b): the same PIN check
 * and lock-out as signing in, and no session. Refused unless they hold one of `roles`.
 */
export async function countersign(
  ctx: HallContext,
  signature: { staffNo: string; pin: string },
  roles: readonly StaffRole[],
): Promise<{ id: string; staffNo: string; name: string; role: StaffRole }> {
  const staff = await checkPin(ctx, signature);
  if (!roles.includes(staff.role)) throw new DomainError('E_APPROVER', { detail: staff.staffNo });
  return { id: staff.id, staffNo: staff.staffNo, name: staff.name, role: staff.role };
}

/**
 * Staff number + PIN against the argon2id hash. After `loginMaxFailures` wrong PINs in a row the staff
 * number is locked for `loginLockMinutes`, also against the right PIN.
 */
async function checkPin(ctx: HallContext, input: { staffNo: string; pin: string }) {
  const { db, clock } = ctx;
  const s = read.settings(db);
  // Read fresh before and after the (asynchronous) hash check: wrong PINs sent in parallel must each
  // count, and a right PIN that raced them past the lock is refused as well.
  const failuresNow = () =>
    stmt(db, 'SELECT failures, locked_until FROM local_login_failures WHERE staff_no = ?').get(
      input.staffNo,
    ) as FailureRow | undefined;
  const refuseIfLocked = () => {
    const row = failuresNow();
    const now = clock.now();
    if (row?.locked_until && row.locked_until > now) {
      throw new DomainError('E_LOCKED_OUT', { minutes: Math.ceil((row.locked_until - now) / 60_000) });
    }
  };
  refuseIfLocked();
  const staff = read.staffByNo(db, input.staffNo);
  // Verify against a dummy hash for unknown staff numbers so timing does not reveal which exist.
  const ok = staff
    ? await argon2.verify(staff.pinHash, input.pin)
    : (await argon2.verify(await dummyHash(), input.pin), false);
  refuseIfLocked();
  if (!ok || !staff) {
    const { value: lockedUntil } = await ctx.commits.run('recordLoginFailure', input.staffNo, {
      maxFailures: s.loginMaxFailures,
      lockMs: s.loginLockMinutes * 60_000,
    });
    if (lockedUntil) throw new DomainError('E_LOCKED_OUT', { minutes: s.loginLockMinutes });
    throw new DomainError('E_BAD_CREDENTIALS');
  }
  return staff;
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPin('000000'));

/** Who must hear that a session ended (the live sockets opened with its token), per node. */
const sessionEndListeners = new WeakMap<HallContext, ((tokenHash: string) => void)[]>();

export function onSessionEnded(ctx: HallContext, listener: (tokenHash: string) => void): void {
  const list = sessionEndListeners.get(ctx) ?? [];
  list.push(listener);
  sessionEndListeners.set(ctx, list);
}

export async function logout(ctx: HallContext, token: string, p: Principal): Promise<void> {
  const tokenHash = hashToken(token);
  await ctx.commits.run('endSession', tokenHash, p);
  for (const listener of sessionEndListeners.get(ctx) ?? []) listener(tokenHash);
}

/** A wrong PIN counts; the staff number locks when the count reaches the limit. Returns the lock's end. */
export function recordLoginFailure(
  ctx: WriteContext,
  staffNo: string,
  limits: { maxFailures: number; lockMs: number },
): number | null {
  const row = stmt(ctx.db, 'SELECT failures FROM local_login_failures WHERE staff_no = ?').get(staffNo) as
    { failures: number } | undefined;
  const count = (row?.failures ?? 0) + 1;
  const lockedUntil = count >= limits.maxFailures ? ctx.clock.now() + limits.lockMs : null;
  stmt(
    ctx.db,
    `INSERT INTO local_login_failures (staff_no, failures, locked_until) VALUES (?, ?, ?)
     ON CONFLICT (staff_no) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
  ).run(staffNo, lockedUntil ? 0 : count, lockedUntil);
  return lockedUntil;
}

/** A signed-in session, and the counter taken when one was chosen. */
export function startSession(
  ctx: WriteContext,
  session: {
    staffNo: string;
    staffId: string;
    tokenHash: string;
    counterNo: number | null;
    expiresAt: number;
  },
): void {
  stmt(ctx.db, 'DELETE FROM local_login_failures WHERE staff_no = ?').run(session.staffNo);
  stmt(
    ctx.db,
    `INSERT INTO local_sessions (token_hash, staff_id, counter_no, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(session.tokenHash, session.staffId, session.counterNo, ctx.clock.now(), session.expiresAt);
  if (session.counterNo !== null) signInAtCounter(ctx, session.staffId, session.counterNo);
}

export function endSession(ctx: WriteContext, tokenHash: string, p: Principal): void {
  stmt(ctx.db, 'DELETE FROM local_sessions WHERE token_hash = ?').run(tokenHash);
  if (p.kind === 'staff' && p.counterNo !== null) signOutOfCounter(ctx, p.staffId, p.counterNo);
}

/** Resolves a bearer token to a principal, or null. A revoked device's token stops working at once. */
/** The tables a principal is read from, and the columns of them it shows. */
const PRINCIPAL_SOURCES: readonly Watched[] = [
  { table: 'local_sessions' },
  { table: 'staff', columns: ['id', 'staff_no', 'name', 'role'] },
  { table: 'counters', columns: ['counter_no', 'staff_id'] },
  { table: 'local_device_tokens' },
  { table: 'devices', columns: ['id', 'role', 'name', 'counter_no', 'revoked'] },
  { table: 'local_screen_tokens' },
];
const CACHE_MOST = 10_000;

interface Known {
  principal: Principal;
  expiresAt: number;
}
const knownByDb = new WeakMap<Db, Map<string, Known>>();

/**
 * Every request authenticates, and on a station taking money that read was a tenth of a receipt's
 * work: principals found are kept by token hash, and the whole cache is emptied the moment any table
 * they are read from changes (a sign-out, a counter taken over, a device revoked: db/changeWatch.ts).
 * A session still expires by the clock on every call. Only found tokens are kept, so random tokens
 * cannot fill it.
 */
function knownPrincipals(db: Db): Map<string, Known> | null {
  const known = knownByDb.get(db);
  if (known) return known;
  // Temporary triggers made inside a transaction would go with its rollback.
  if (db.inTransaction) return null;
  const fresh = new Map<string, Known>();
  watchTables(db, 'principals', PRINCIPAL_SOURCES, () => fresh.clear());
  knownByDb.set(db, fresh);
  return fresh;
}

export function authenticate(ctx: HallContext, token: string): Principal | null {
  const h = hashToken(token);
  const now = ctx.clock.now();
  const known = knownPrincipals(ctx.db);
  const hit = known?.get(h);
  if (hit) return hit.expiresAt > now ? hit.principal : null;
  const found = readPrincipal(ctx, h, now);
  if (found && known) {
    if (known.size >= CACHE_MOST) known.clear();
    known.set(h, { principal: Object.freeze(found.principal), expiresAt: found.expiresAt });
  }
  return found?.principal ?? null;
}

function readPrincipal(ctx: HallContext, h: string, now: number): Known | null {
  // One read per request (every request authenticates): the session, its staff member, and whether
  // the counter it names is still theirs: nobody took it over and they did not sign in at another one
  // (DESIGN §6 "clerk signed in at counter no").
  const session = stmt(
    ctx.db,
    `SELECT st.id, st.staff_no, st.name, st.role, s.expires_at,
       CASE WHEN c.staff_id = s.staff_id THEN c.counter_no END AS counter_no
     FROM local_sessions s JOIN staff st ON st.id = s.staff_id
     LEFT JOIN counters c ON c.counter_no = s.counter_no
     WHERE s.token_hash = ?`,
  ).get(h) as (SessionRow<StaffRole> & { counter_no: number | null }) | undefined;
  if (session) {
    const staff = sessionStaff(session, now);
    return staff && { principal: { ...staff, counterNo: session.counter_no }, expiresAt: session.expires_at };
  }
  const device = stmt(
    ctx.db,
    `SELECT d.id, d.role, d.name, d.counter_no FROM local_device_tokens t JOIN devices d ON d.id = t.device_id
     WHERE t.token_hash = ? AND d.revoked = 0`,
  ).get(h) as { id: string; role: DeviceRole; name: string; counter_no: number | null } | undefined;
  if (!device) {
    const screen = screenPrincipal(ctx, h);
    return screen && { principal: screen, expiresAt: Infinity };
  }
  return {
    principal: {
      kind: 'device',
      deviceId: device.id,
      role: device.role,
      name: device.name,
      counterNo: device.counter_no,
    },
    expiresAt: Infinity,
  };
}

/**
 * A customer screen or pad this node paired for one of its counters (issue 12, hall/ratings): it acts
 * as that counter's pad, on this node only.
 */
function screenPrincipal(ctx: HallContext, tokenHash: string): Principal | null {
  const screen = stmt(
    ctx.db,
    'SELECT screen_id, counter_no, kind FROM local_screen_tokens WHERE token_hash = ?',
  ).get(tokenHash) as { screen_id: string; counter_no: number; kind: string } | undefined;
  if (!screen) return null;
  return {
    kind: 'device',
    deviceId: screen.screen_id,
    role: 'pad',
    name: `${screen.kind} ${screen.counter_no}`,
    counterNo: screen.counter_no,
  };
}
