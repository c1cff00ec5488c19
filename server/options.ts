import type { Clock, Ids } from '../shared/runtime.ts';

/** What both servers (a hall node, head office) take from their CLI or from a test. */
export interface ServerOptions {
  port?: number;
  host?: string;
  /** Seed the demo records on an empty store. */
  demo?: boolean;
  clock?: Clock;
  ids?: Ids;
  logLevel?: string;
}
