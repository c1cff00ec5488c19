import type { JournalRow } from '../../shared/journal/row.ts';
import type { WriteContext } from '../context.ts';
import { GroupCommit, type StorageProblem } from './groupCommit.ts';
import { dispatch, type Procedures } from './procedures.ts';
import { invoke, type ArgsOf, type Invocation, type ProcedureName } from './invoke.ts';

export interface Committed<R> {
  value: R;
  /** The journal rows the procedure appended, durable by the time the promise settles. */
  rows: JournalRow[];
}

/**
 * The one way a hall node changes its records: a named procedure (hall/writer/procedures.ts), applied
 * in a group commit on the node's connection and answered once durable.
 */
export class Writer {
  private readonly group: GroupCommit;

  constructor(private readonly ctx: WriteContext) {
    this.group = new GroupCommit(ctx.db, ctx.journal, () => ctx.clock.now());
  }

  run<K extends ProcedureName>(name: K, ...args: ArgsOf<K>): Promise<Committed<ReturnType<Procedures[K]>>> {
    return this.apply(invoke(name, ...args));
  }

  apply<R>(inv: Invocation<R>): Promise<Committed<R>> {
    return this.group.run(() => dispatch(this.ctx, inv) as R);
  }

  /** Subscribers see the rows of each durable commit, in journal order. */
  onCommit(listener: (rows: JournalRow[]) => void): void {
    this.group.onCommit(listener);
  }

  /** A disk fault the latest commits met, until one succeeds again (for /health and the manager). */
  storageProblem(): StorageProblem | null {
    return this.group.storageProblem();
  }

  /** Resolves once everything queued so far has been answered. */
  close(): Promise<void> {
    return this.group.drained();
  }
}
