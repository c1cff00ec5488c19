import { expect } from 'vitest';
import { runCli } from './child.ts';

/**
 * DESIGN-2 after a crash: `verify` finds every hash chain whole and `rebuild` replays the journal into
 * exactly the projections the node had (both command lines, on a stopped node's data folder).
 */
export async function expectVerifiesAndRebuilds(dataDir: string): Promise<void> {
  const verify = await runCli('hall', ['verify', '--data', dataDir]);
  expect(verify.stdout).toContain('every hash chain verifies');
  expect(verify.code).toBe(0);
  const rebuild = await runCli('hall', ['rebuild', '--data', dataDir]);
  expect(rebuild.stdout).toMatch(/replayed \d+ journal rows/);
  expect(rebuild.stdout).toContain('projections reproduced exactly');
  expect(rebuild.code).toBe(0);
}
