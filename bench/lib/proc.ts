import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReadyLine } from '../../shared/readyLine.ts';
import {
  spawnChild,
  startChild,
  type Child,
  type ChildOptions,
  type Started,
} from '../../tests/support/child.ts';
import { bundleScript } from '../../tests/support/bundle.ts';

const CHILD_DIR = fileURLToPath(new URL('../child/', import.meta.url));

/** Bundles `bench/child/<script>.ts` as the shell bundles the hall node. Returns the bundle's path. */
export const bundleChild = (script: string, outDir: string): Promise<string> =>
  bundleScript(
    `${CHILD_DIR}${script}.ts`,
    outDir,
    fileURLToPath(new URL('../../db/migrations/', import.meta.url)),
  );

/** The resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb[1]) / 1024;
}

interface BenchChildOptions {
  env?: Record<string, string | undefined>;
  /** Run this bundled .mjs of the script instead (plain node, no tsx: as the shell ships the node). */
  bundle?: string;
}

/** How the harness runs `bench/child/<script>.ts` with its arguments as one JSON argument. */
function benchChild(
  script: string,
  args: Record<string, unknown>,
  opts: BenchChildOptions,
): [string, string[], ChildOptions] {
  return [
    opts.bundle ?? `${CHILD_DIR}${script}.ts`,
    [JSON.stringify(args)],
    {
      label: `bench ${script}`,
      env: { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', ...opts.env },
      // BENCH_PROFILE_DIR=dir: each child writes a V8 CPU profile there when it exits (to find a miss's cause).
      execArgv: process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : [],
      echoStderr: true,
      // A demo hall seeding or head office on a cold PostgreSQL: no figure times this wait.
      readyMs: 120_000,
    },
  ];
}

/**
 * `bench/child/<script>.ts` as its own node process, through the tests' harness (tests/support/child.ts:
 * node itself is the child, so the pid is the node's). Returns at once; `ready` resolves with the
 * child's JSON ready line, which carries fields of the child's own (`T`). Stderr is passed through.
 */
export function spawnBenchChild<T extends object = object>(
  script: string,
  args: Record<string, unknown>,
  opts: BenchChildOptions = {},
): Child<ReadyLine & T> {
  return spawnChild<ReadyLine & T>(...benchChild(script, args, opts));
}

/** spawnBenchChild, once the child has printed its ready line. */
export function startBenchChild<T extends object = object>(
  script: string,
  args: Record<string, unknown>,
  opts: BenchChildOptions = {},
): Promise<Started<ReadyLine & T>> {
  return startChild<ReadyLine & T>(...benchChild(script, args, opts));
}
