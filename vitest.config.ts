import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'rules/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // e2e suites start real servers on port 0; a few files at a time keeps a 2-core CI calm.
    maxWorkers: 2,
  },
});
