/**
 * Fault injection for tests/fault (DESIGN §8): inert unless the environment variable SERVICEHALL_FAULT
 * names this point (`name` or `name:N` for the N-th time it is reached); then the process dies at once,
 * exactly as by `kill -9`. Kept to this one function so that every injection point is greppable.
 */
export type FaultPoint =
  | 'sender-before-send'
  | 'sender-after-reply'
  | 'pull-apply'
  | 'ingest-before-commit'
  | 'ingest-after-commit'
  | 'pull-serve'
  | 'migration';

const hits = new Map<string, number>();

export function faultPoint(name: FaultPoint): void {
  // shared/ imports no node: module; the global process exists only where a fault can be injected.
  const proc = (
    globalThis as {
      process?: {
        env: Record<string, string | undefined>;
        pid: number;
        kill(pid: number, signal: string): void;
      };
    }
  ).process;
  const spec = proc?.env.SERVICEHALL_FAULT;
  if (!spec || !proc) return;
  const [point, nth] = spec.split(':');
  if (point !== name) return;
  const n = (hits.get(name) ?? 0) + 1;
  hits.set(name, n);
  if (n >= Number(nth ?? 1)) proc.kill(proc.pid, 'SIGKILL');
}
