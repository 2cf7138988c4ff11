import { defineConfig } from 'vitest/config';

// `npm run test:faults`: crash and restart tests, apart from the main suite because they kill
// servers and restart PostgreSQL. They need TANDEM_TEST_DATABASE_URL and skip themselves without it.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
