import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** .data/bench (gitignored): cached databases and scratch directories on the same disk as the nodes'. */
export const BENCH_DIR = fileURLToPath(new URL('../../.data/bench/', import.meta.url));
const SCRATCH = path.join(BENCH_DIR, 'tmp');

/**
 * A scratch directory on the real disk. Not os.tmpdir(): it may be a tmpfs, where fsync costs nothing
 * and every durable-commit figure would be meaningless.
 */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  mkdirSync(SCRATCH, { recursive: true });
  const dir = mkdtempSync(path.join(SCRATCH, `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
