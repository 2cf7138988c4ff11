import { afterAll, beforeAll, inject } from 'vitest';
import type { Database } from '../../src/platform/db/database.ts';
import { openTestDatabase, type TestDatabase } from '../../src/platform/db/test-database.ts';

/** True when this run uses the PostgreSQL server (concurrency tests need more than one connection). */
export const onPostgres = inject('testTemplate').kind === 'postgres';

export function openFileDatabase(): Promise<TestDatabase> {
  return openTestDatabase(inject('testTemplate'));
}

/** A migrated database of this test file's own, opened before its tests and dropped after. */
export function useTestDatabase(): { readonly database: Database; readonly url: string | undefined } {
  let test: TestDatabase | undefined;
  beforeAll(async () => {
    test = await openFileDatabase();
  });
  afterAll(async () => {
    await test?.dispose();
  });
  return {
    get database() {
      if (!test) throw new Error('the test database is opened in beforeAll');
      return test.database;
    },
    get url() {
      return test?.url;
    },
  };
}
