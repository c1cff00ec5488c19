import type { WriteContext } from '../context.ts';
import type { Procedures } from './procedures.ts';

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
