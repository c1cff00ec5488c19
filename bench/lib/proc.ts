import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD_DIR = fileURLToPath(new URL('../child/', import.meta.url));

/**
 * Bundles a child script with esbuild the way scripts/build-electron.ts bundles the hall node for the
 * shell (native modules external, migrations beside the bundle). Returns the bundle's path.
 */
export async function bundleChild(script: string, outDir: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = path.join(outDir, `${script}.mjs`);
  await build({
    entryPoints: [`${CHILD_DIR}${script}.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'argon2'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  cpSync(fileURLToPath(new URL('../../db/migrations/', import.meta.url)), path.join(outDir, 'migrations'), {
    recursive: true,
  });
  return outfile;
}

/** A bench child process (a hall node or head office) and the JSON line it printed when ready. */
export interface Child<T> {
  proc: ChildProcess;
  pid: number;
  ready: T;
  stop(): Promise<void>;
}

/** The resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb[1]) / 1024;
}

/**
 * Starts `bench/child/<script>.ts` as its own node process (node --import tsx, so the pid is the node
 * itself) and waits for its `{"benchReady":true,…}` line on stdout. Stderr is passed through for diagnosis.
 */
export function startChild<T>(
  script: string,
  args: Record<string, unknown>,
  env: Record<string, string | undefined> = {},
  onSpawn?: (pid: number) => void,
  /** Run this bundled .mjs of the script instead (plain node, no tsx: as the shell ships the node). */
  bundle?: string,
): Promise<Child<T>> {
  const proc = spawn(
    process.execPath,
    [
      // BENCH_PROFILE_DIR=dir: each child writes a V8 CPU profile there when it exits (to find a miss's cause).
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      ...(bundle ? [bundle] : ['--import', 'tsx', `${CHILD_DIR}${script}.ts`]),
      JSON.stringify(args),
    ],
    {
      env: { ...process.env, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (proc.pid === undefined) return Promise.reject(new Error(`could not start ${script}`));
  onSpawn?.(proc.pid);
  const pid = proc.pid;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout! });
    let done = false;
    lines.on('line', (line) => {
      if (done || !line.startsWith('{')) return;
      try {
        const parsed = JSON.parse(line) as { benchReady?: unknown };
        if (parsed.benchReady !== true) return;
        done = true;
        resolve({ proc, pid, ready: parsed as T, stop });
      } catch {
        // not the ready line (a log line that happens to start with a brace)
      }
    });
    proc.once('exit', (code, signal) => {
      if (!done) reject(new Error(`${script} exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}
