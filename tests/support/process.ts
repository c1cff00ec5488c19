import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where `hall/cli.ts` lives. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'hall', 'cli.ts')];

/** A hall node as its own operating-system process (`npm run hall -- …` without the npm wrapper). */
export interface HallProcess {
  child: ChildProcess;
  url: string;
  /** The demo kiosk's token, when this start seeded or reopened a demo hall. */
  kioskToken: string | null;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: no clean-up of any kind. */
  kill9(): Promise<void>;
  /** SIGTERM: the node's clean stop. */
  stop(): Promise<void>;
}

export function startHallProcess(args: string[], timeoutMs = 30_000): Promise<HallProcess> {
  // The node itself is the child (no npx/npm in between), so SIGKILL reaches the process that writes.
  const child = spawn(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hall node did not start:\n${out}`));
    }, timeoutMs);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`hall node exited before it was ready:\n${out}`));
    });
    const onData = () => {
      const ready = / on (http:\/\/[\d.]+:\d+),/.exec(out);
      if (!ready) return;
      // A demo start prints its device links after the ready line; the manager link is the last.
      if (args.includes('--demo') && !/manager: \S+\n/.test(out)) return;
      child.stdout!.off('data', onData);
      clearTimeout(timer);
      const kiosk = /kiosk#token=(\S+)\n/.exec(out);
      resolve({
        child,
        url: ready[1]!,
        kioskToken: kiosk?.[1] ?? null,
        output: () => out,
        exited,
        kill9: async () => {
          child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
  });
}

/** Runs one CLI command (`verify`, `rebuild`, `backup`, `restore`) to completion. */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, stdout: out }));
  });
}
