import { bundleChildPrograms, removeBundles } from './support/bundle.ts';
import { ROOT } from './support/child.ts';

/**
 * Vitest's global setup: bundles the hall node and head office once per run, so the dozens of child
 * processes the fault and start-up tests start load one file each instead of compiling the sources
 * through tsx every time (tests/support/child.ts). A child then runs the code exactly as the
 * shell ships it (scripts/build-electron.ts bundles the same way).
 */
export default async function setup(): Promise<() => void> {
  const dir = await bundleChildPrograms(ROOT);
  process.env.SERVICEHALL_TEST_BUNDLES = dir;
  return () => removeBundles(dir);
}
