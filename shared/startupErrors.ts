/**
 * Start-up failures a newcomer can cause, each as one line that says what to do, with its own exit
 * code (README "Start-up problems"). Both command lines (hall node and head office) use it; anything
 * not recognised keeps its own first line and exit code 1. Pure: the callers print and exit.
 */
export const EXIT = {
  failed: 1,
  usage: 2,
  portInUse: 3,
  dataFolder: 4,
  database: 5,
  pairing: 6,
} as const;

export interface StartupFailure {
  line: string;
  exitCode: number;
}

/** An error that already carries its one-line explanation and exit code. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const FOLDER_CODES = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EEXIST',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
]);

export function explainStartupError(
  error: unknown,
  where: { port: number; dataDir?: string },
): StartupFailure {
  if (error instanceof StartupError) return { line: error.message, exitCode: error.exitCode };
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (code === 'EADDRINUSE')
    return {
      line: `port ${where.port} is already in use: stop the program using it, or choose another port with --port N`,
      exitCode: EXIT.portInUse,
    };
  if (FOLDER_CODES.has(code) && where.dataDir !== undefined)
    return {
      line: `cannot write the data folder ${where.dataDir} (${code}): choose a writable folder with --data DIR`,
      exitCode: EXIT.dataFolder,
    };
  return { line: message.split('\n')[0] ?? message, exitCode: EXIT.failed };
}

/** The one line for a pairing refused upstream (a wrong, used or expired code). */
export function pairingRefused(what: 'hub' | 'head office', url: string, reply: string): StartupError {
  let reason = reply.trim();
  try {
    const parsed = JSON.parse(reply) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') reason = parsed.error.message;
  } catch {
    // not JSON: the text as it came
  }
  return new StartupError(
    `the ${what} at ${url} refused the pairing code (${reason.split('\n')[0]}): ask for a new code and start again with --pair CODE`,
    EXIT.pairing,
  );
}
