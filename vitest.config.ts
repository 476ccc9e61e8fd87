import { defineConfig } from 'vitest/config';

// Two projects: fast API/domain tests, and browser tests that drive the real server in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20000,
          // The seeded template database is built once per run, not once per file.
          globalSetup: ['test/helpers/global-setup.ts'],
          // Test files share a worker's module cache: express, zod, the app and the template bytes are
          // loaded once per worker instead of once per file. Safe because no test mocks modules or
          // changes process-wide state; each test still builds its own app and database.
          isolate: false,
          pool: 'threads',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60000,
          hookTimeout: 60000,
          fileParallelism: false,
        },
      },
    ],
  },
});
