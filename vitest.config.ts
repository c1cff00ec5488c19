import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration, fault and e2e tests start real nodes and browsers: two cores cannot run many at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
