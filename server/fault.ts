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
  const spec = process.env.SERVICEHALL_FAULT;
  if (!spec) return;
  const [point, nth] = spec.split(':');
  if (point !== name) return;
  const n = (hits.get(name) ?? 0) + 1;
  hits.set(name, n);
  if (n >= Number(nth ?? 1)) process.kill(process.pid, 'SIGKILL');
}
