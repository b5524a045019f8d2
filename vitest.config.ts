import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'shared/**/*.test.ts',
      'cli/**/*.test.ts',
      'test/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    // Each file opens its own fresh databases; PGlite start-up and the browser need room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: two files at a time keeps PGlite, PostgreSQL and Chromium from starving each other.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
