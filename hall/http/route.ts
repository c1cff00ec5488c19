import { DomainError } from '../../shared/errors.ts';
import { Api as GenericApi, type AccessPolicy, type Handlers } from '../../server/http/route.ts';
import { authenticate } from '../auth/service.ts';
import * as read from '../../db/read.ts';
import type { Contract, ContractMap } from '../../shared/api/contract.ts';
import type { HallWho } from '../../shared/api/hall/index.ts';
import { idempotent, type HallHandlers } from './command.ts';

/** A station forwards a clerk's queue command with its own device token and this header. */
export const ON_BEHALF_HEADER = 'x-servicehall-on-behalf';

/**
 * A counter PC (station) signs its clerks in locally, so it vouches for them when it forwards their
 * queue commands to the hub. Only a counter device may, and only for its own counter when it has one.
 * What it vouches for is capped at the clerk role: a compromised counter PC must not act as a manager
 * at the hub (managers use the hub's own manager screen).
 */
function onBehalf(ctx: HallContext, station: Principal, header: string): Principal | null {
  if (station.kind !== 'device' || station.role !== 'counter') return null;
  let claim: { staffNo?: unknown; counterNo?: unknown };
  try {
    claim = JSON.parse(header) as typeof claim;
  } catch {
    return null;
  }
  // Staff are matched by staff number: ids differ between a hub and the reference data it relays.
  const staff = typeof claim.staffNo === 'string' ? read.staffByNo(ctx.db, claim.staffNo) : null;
  const counterNo = typeof claim.counterNo === 'number' ? claim.counterNo : null;
  if (!staff || (station.counterNo !== null && counterNo !== station.counterNo)) return null;
  return {
    kind: 'staff',
    staffId: staff.id,
    staffNo: staff.staffNo,
    name: staff.name,
    role: 'clerk',
    counterNo,
  };
}
import type { HallContext, Principal } from '../context.ts';

/** A manager (and admin) may do what a clerk may (shared/api/hall/access.ts names who is who). */
function allowed(p: Principal, access: readonly HallWho[]): boolean {
  if (p.kind === 'staff') {
    if (p.role === 'admin') return access.some((w) => w === 'admin' || w === 'manager' || w === 'clerk');
    if (p.role === 'manager') return access.some((w) => w === 'manager' || w === 'clerk');
    return access.includes('clerk');
  }
  return access.includes(p.role === 'counter' ? 'counter-device' : p.role);
}

/** The hall node's route table: the LAN API under /api/v1 with hall principals. */
export class Api extends GenericApi<HallWho, Principal> {
  constructor(
    app: ConstructorParameters<typeof GenericApi>[0],
    readonly ctx: HallContext,
    prefix = '/api/v1',
  ) {
    const policy: AccessPolicy<HallWho, Principal> = {
      authenticate: (token, req) => {
        const principal = authenticate(ctx, token);
        const behalf = req.headers[ON_BEHALF_HEADER];
        return typeof behalf === 'string' && principal ? onBehalf(ctx, principal, behalf) : principal;
      },
      allowed,
      anonymous: {
        kind: 'device',
        deviceId: 'anonymous',
        role: 'display',
        name: 'anonymous',
        counterNo: null,
      },
      prefix,
    };
    super(app, policy);
  }

  /**
   * Registers a domain's implementation of its contracts by name; a command (an idempotent contract
   * implemented as a write procedure) is applied in one commit, once per Idempotency-Key (DESIGN §3).
   */
  override implement<M extends ContractMap<HallWho>>(map: M, handlers: HallHandlers<M>): void {
    super.implement(map, handlers as Handlers<M, Principal>);
  }

  protected override register(contract: Contract<HallWho>, impl: unknown): void {
    if (typeof impl === 'function') super.register(contract, impl);
    else this.add(idempotent(this.ctx, contract, impl as Parameters<typeof idempotent>[2]));
  }
}

/** The staff member behind a request: a device (kiosk, display, pad) has no records of its own, so 403. */
export function staffOnly(p: Principal): Extract<Principal, { kind: 'staff' }> {
  if (p.kind !== 'staff') throw new DomainError('E_FORBIDDEN');
  return p;
}

/** A clerk acts for the counter they are signed in at (DESIGN §6 "clerk signed in at counter no"). */
export function requireAtCounter(p: Principal, counterNo: number): void {
  if (p.kind !== 'staff' || p.counterNo !== counterNo)
    throw new DomainError('E_NOT_YOUR_COUNTER', { counterNo });
}
