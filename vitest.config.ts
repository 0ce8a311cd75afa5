import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One throwaway PostgreSQL (Debian's packages) for the run: the PostgreSQL store's tests need a real server.
    globalSetup: ['test/support/postgres-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start their own server and Chromium; keep files from fighting over the CPU.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
