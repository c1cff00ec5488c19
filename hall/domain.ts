import type { HallContext, WriteContext } from './context.ts';
import type { Api } from './http/route.ts';

/**
 * A domain's write procedures, by name. Each runs inside one transaction of the writer; its arguments
 * and result are plain data (they would survive structured cloning to a writer elsewhere), and it
 * reads the time only through `ctx.clock`.
 */
export type ProcedureMap = Record<string, (ctx: WriteContext, ...args: never[]) => unknown>;

/** Where a domain mounts its routes: the LAN API (/api/v1) and the station-facing sync API (/sync/v1). */
export interface Mount {
  api: Api;
  sync: Api;
}

/** Work a node does by itself on a timer; the scheduler logs a failure and shows it on /health. */
export interface Job {
  name: string;
  everyMs: number;
  /** Run once at start too (else first after everyMs). */
  atStart?: boolean;
  /**
   * The nodes it runs on: the hub only unless told otherwise. A station runs the jobs that look after
   * records it holds itself (retention of its own tables, R-REC-1).
   */
  on?: readonly HallContext['role'][];
  run(ctx: HallContext): Promise<unknown>;
}

/**
 * One domain of the hall node (queue, devices, receipts…): its procedures merge into the writer's
 * registry, its routes and jobs into the node, so adding a domain is one line in hall/domains.ts.
 */
export interface HallDomain<P extends ProcedureMap = ProcedureMap> {
  procedures: P;
  /** Its routes on a hub, and on a station (a counter PC). */
  hub?: (mount: Mount) => void;
  station?: (mount: Mount) => void;
  /** Its background work (on the hub, and on stations where a job says so). */
  jobs?: readonly Job[];
}

export const domain = <const P extends ProcedureMap>(d: HallDomain<P>): HallDomain<P> => d;

/**
 * A job that, every `everyMs` and at start, commits a sweep: a procedure that works out from the clock
 * what is due (alerts, missed windows) and records it once. The sweep's return type is written out:
 * the writer's types are built from the domains, so inferring it here would be circular.
 */
export const sweepJob = (
  name: string,
  everyMs: number,
  sweep: (commits: HallContext['commits']) => Promise<unknown>,
): Job => ({ name, everyMs, atStart: true, run: (ctx) => sweep(ctx.commits) });

/**
 * The routes of a domain whose counter-side screens every node serves (so a station works with its hub
 * down), and whose hall-wide routes are the hub's alone (a station forwards those).
 */
export const onEveryNode = (
  node: (api: Api) => void,
  hubOnly?: (api: Api) => void,
): Pick<HallDomain, 'hub' | 'station'> => ({
  hub: ({ api }) => {
    node(api);
    hubOnly?.(api);
  },
  station: ({ api }) => node(api),
});
