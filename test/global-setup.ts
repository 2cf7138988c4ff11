import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres, pgliteClientOf } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import {
  createDatabaseFromTemplate,
  databaseUrlFor,
  dropDatabase,
  type TestTemplate,
} from '../src/platform/db/test-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testTemplate: TestTemplate;
  }
}

// Migrates one database for the whole run; every test file copies it.
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TANDEM_TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `tandem_tpl_${process.pid}_${Date.now()}`;
    await createDatabaseFromTemplate(adminUrl, 'template0', name);
    const database = await openPostgres(databaseUrlFor(adminUrl, name), { poolMax: 1 });
    await migrate(database);
    await database.close();
    project.provide('testTemplate', { kind: 'postgres', adminUrl, name });
    return async () => {
      await dropDatabase(adminUrl, name);
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-test-'));
  const database = await openPglite();
  await migrate(database);
  const dump = await pgliteClientOf(database)!.dumpDataDir('none');
  const dumpPath = path.join(dir, 'template.tar');
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('testTemplate', { kind: 'pglite', dumpPath });
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
