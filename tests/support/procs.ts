import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestStore } from './headoffice.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A node program of ours in a child process (tsx loader), so a test can kill -9 it. */
export interface Child {
  proc: ChildProcess;
  url: Promise<string>;
  /** Resolves with the signal (e.g. 'SIGKILL') or exit code when the process ends. */
  exited: Promise<string>;
  output(): string;
  /** SIGTERM and wait for the end. */
  stop(): Promise<string>;
}

function run(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  urlPattern: RegExp,
): Child {
  const merged: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: merged as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<string>((resolve) =>
    proc.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = urlPattern.exec(out);
      if (m) resolve(m[1]!);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    void exited.then((how) =>
      reject(new Error(`${script} ended (${how}) before listening:\n${out.slice(-2000)}`)),
    );
  });
  url.catch(() => undefined);
  return {
    proc,
    url,
    exited,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** `hall/cli.ts --data DIR --port 0` (a node already paired: later starts need only --data). */
export function spawnHall(
  dataDir: string,
  env: Record<string, string | undefined> = {},
  args: string[] = [],
): Child {
  return run(
    'hall/cli.ts',
    ['--data', dataDir, '--port', '0', ...args],
    env,
    /hall node .* on (http:\/\/[\d.:]+)/,
  );
}

/** `headoffice/cli.ts --demo --port 0` on a test store (DATABASE_URL for PostgreSQL, else PGlite in its dir). */
export function spawnHeadOffice(store: TestStore, env: Record<string, string | undefined> = {}): Child {
  return run(
    'headoffice/cli.ts',
    ['--demo', '--data', store.dataDir, '--port', '0'],
    { DATABASE_URL: store.databaseUrl, ...env },
    /head office on (http:\/\/[\d.:]+)/,
  );
}
