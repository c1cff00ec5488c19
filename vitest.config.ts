import { defineConfig } from 'vitest/config';

/**
 * Sized for a two-core machine that other work shares (CI, a developer's laptop during a build):
 * budgets are several times what a test takes on an idle machine, and tests wait on state, never on
 * time, so a budget only matters when something is wrong.
 */
export default defineConfig({
  test: {
    globalSetup: ['tests/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['tests/{unit,integration,fault,electron}/**/*.test.ts'],
          // Integration and fault tests start real nodes, some as child processes: one file per core.
          maxWorkers: 2,
          // Files share their worker's module graph: each loaded the whole server again before, about
          // 300 s of the run summed over its files on a loaded machine. Nothing here mocks modules or
          // keeps state in a module that a test changes (module caches are keyed by their database).
          isolate: false,
          sequence: { groupOrder: 0 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // A file runs a hall node or head office and Chromium's processes: two such files at once,
          // or one beside the node project's, starve each other on two cores. They run one at a time,
          // after the node project.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // A test's first steps also start its file's nodes and Chromium (file-scoped fixtures).
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // As tests/e2e/browser.ts WAIT_MS for locator waits.
          expect: { poll: { timeout: 60_000, interval: 100 } },
        },
      },
    ],
  },
});
