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
