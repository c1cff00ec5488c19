import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { ReadyLine } from '../../shared/readyLine.ts';
import { CHILD_PROGRAMS } from './bundle.ts';

/**
 * The one harness for a node program of ours in its own process (a hall node, head office, a bench
 * child): start it, know it is up from its JSON ready line (shared/readyLine.ts), stop it. The node is
 * the child itself (no npx/npm in between), so a signal reaches the process that writes.
 */

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child<R extends ReadyLine = ReadyLine> {
  proc: ChildProcess;
  pid: number;
  /** The ready line; rejects, with the tail of the child's output, if it ends first or `readyMs` passes. */
  ready: Promise<R>;
  /** Resolves when the process has ended and its output is read. */
  exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
  /** SIGTERM (the clean stop), SIGKILL if it has not ended after `stopGraceMs`; resolves once it has. */
  stop(): Promise<Exit>;
  /** kill -9: no clean-up of any kind. */
  kill9(): Promise<Exit>;
}

/** A child whose ready line has arrived. */
export type Started<R extends ReadyLine = ReadyLine> = Child<R> & { line: R; url: string };

export interface ChildOptions {
  /** On top of this process's environment (and LOG_LEVEL=warn); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** How long the child may take to print its ready line before it is killed: generous, for a busy machine. */
  readyMs?: number;
  /** How long a SIGTERM may take before SIGKILL. */
  stopGraceMs?: number;
  /** Node flags before the script (e.g. --cpu-prof). */
  execArgv?: string[];
  /** Also copy the child's stderr to ours as it comes (the bench, to diagnose a slow run). */
  echoStderr?: boolean;
  /** Names the child in errors. */
  label?: string;
}

const READY_MS = 45_000;
const STOP_GRACE_MS = 10_000;
const TAIL = 2_000;

/** The ready line, if this stdout line is one. */
function parseReady(line: string): ReadyLine | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    // Returned whole: a bench child adds fields of its own (its demo tokens) after the four.
    return ReadyLine.safeParse(value).success ? (value as ReadyLine) : null;
  } catch {
    return null; // a log line that happens to start with a brace
  }
}

/**
 * The file to run for `script`: in a test run, the bundle the global setup made of it (tests/setup.ts),
 * which starts in a fifth of the CPU time tsx takes to load the sources; else the script through tsx.
 */
function runnable(script: string): string {
  const bundles = process.env.SERVICEHALL_TEST_BUNDLES;
  if (bundles && Object.hasOwn(CHILD_PROGRAMS, script)) {
    const bundle = path.join(bundles, script.replace(/\.ts$/, '.mjs'));
    if (existsSync(bundle)) return bundle;
  }
  return path.resolve(ROOT, script);
}

const describeExit = (e: Exit) => (e.signal ? `was killed by ${e.signal}` : `exited with code ${e.code}`);

/**
 * Starts `script` (relative to the repository root or absolute; TypeScript through tsx, a bundled .mjs
 * as it is) and returns at once: await `ready` for a child that should come up, `exited` for one that
 * a fault point kills first.
 */
export function spawnChild<R extends ReadyLine = ReadyLine>(
  script: string,
  args: string[],
  opts: ChildOptions = {},
): Child<R> {
  const file = runnable(script);
  const label = opts.label ?? path.relative(ROOT, path.resolve(ROOT, script));
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const proc = spawn(
    process.execPath,
    [...(opts.execArgv ?? []), ...(file.endsWith('.ts') ? ['--import', 'tsx'] : []), file, ...args],
    { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (opts.echoStderr) process.stderr.write(d);
  });
  const exited = new Promise<Exit>((resolve) => {
    proc.once('close', (code, signal) => resolve({ code, signal }));
    // Not even started (no 'close' follows for certain): said as a failed start.
    proc.once('error', (error) => {
      stderr += `${error.message}\n`;
      resolve({ code: null, signal: null });
    });
  });
  const tails = () =>
    `\n--- stderr (tail) ---\n${stderr.slice(-TAIL) || '(empty)'}\n--- stdout (tail) ---\n${stdout.slice(-TAIL) || '(empty)'}`;

  const readyMs = opts.readyMs ?? READY_MS;
  const ready = new Promise<R>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${label} printed no ready line within ${readyMs} ms; killed${tails()}`));
      proc.kill('SIGKILL');
    }, readyMs);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      const parsed = parseReady(line);
      if (!parsed) return;
      clearTimeout(timer);
      resolve(parsed as R);
    });
    void exited.then((e) => {
      clearTimeout(timer);
      reject(new Error(`${label} ${describeExit(e)} before it was ready${tails()}`));
    });
  });
  // Marked handled for a child that is meant to die before it is ready (awaited through `exited`);
  // whoever awaits `ready` still gets the rejection.
  ready.catch(() => undefined);

  const running = () => proc.exitCode === null && proc.signalCode === null;
  return {
    proc,
    pid: proc.pid!,
    ready,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      if (running()) {
        const timer = setTimeout(() => proc.kill('SIGKILL'), opts.stopGraceMs ?? STOP_GRACE_MS);
        proc.kill('SIGTERM');
        void exited.then(() => clearTimeout(timer));
      }
      return exited;
    },
    kill9: async () => {
      if (running()) proc.kill('SIGKILL');
      return exited;
    },
  };
}

/** Starts `script` and waits for its ready line (see spawnChild). */
export async function startChild<R extends ReadyLine = ReadyLine>(
  script: string,
  args: string[],
  opts: ChildOptions = {},
): Promise<Started<R>> {
  const child = spawnChild<R>(script, args, opts);
  const line = await child.ready;
  return Object.assign(child, { line, url: line.url });
}

/** `npm run hall -- ARGS`, not waited for. */
export const spawnHall = (args: string[], opts: ChildOptions = {}) =>
  spawnChild('hall/cli.ts', args, { label: 'hall node', ...opts });
/** `npm run hall -- ARGS`, once it listens. */
export const startHall = (args: string[], opts: ChildOptions = {}) =>
  startChild('hall/cli.ts', args, { label: 'hall node', ...opts });
/** `npm run headoffice -- ARGS`, not waited for. */
export const spawnHeadOffice = (args: string[], opts: ChildOptions = {}) =>
  spawnChild('headoffice/cli.ts', args, { label: 'head office', ...opts });
/** `npm run headoffice -- ARGS`, once it listens. */
export const startHeadOffice = (args: string[], opts: ChildOptions = {}) =>
  startChild('headoffice/cli.ts', args, { label: 'head office', ...opts });

export interface CliRun extends Exit {
  stdout: string;
  stderr: string;
}

/**
 * Runs one command line to its end: a hall command (`verify`, `rebuild`, `backup`, `restore`) or a
 * start that is meant to fail. A start that comes up after all is stopped, so it ends with code 0 for
 * the test to refuse; one that hangs is killed after `readyMs`.
 */
export async function runCli(
  cli: 'hall' | 'headoffice',
  args: string[],
  opts: ChildOptions = {},
): Promise<CliRun> {
  // A command line that fails at start (a port taken, PGlite opening a data folder) still loads the
  // whole server first: on a loaded two-core machine that alone has taken over 45 s.
  const child = spawnChild(`${cli}/cli.ts`, args, {
    label: `${cli} ${args[0] ?? ''}`.trim(),
    readyMs: 100_000,
    ...opts,
  });
  // Not being ready is the expected end here: `exited` says how it ended.
  void child.ready.then(
    () => child.stop(),
    () => undefined,
  );
  const exit = await child.exited;
  return { ...exit, stdout: child.stdout(), stderr: child.stderr() };
}
