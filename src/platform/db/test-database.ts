import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from './database.ts';

// Test databases: each test file gets its own copy of one database migrated in global setup
// (test/global-setup.ts), so files run in parallel and never see each other's rows.

export type TestTemplate =
  | { kind: 'pglite'; dumpPath: string }
  | { kind: 'postgres'; adminUrl: string; name: string };

export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function createDatabaseFromTemplate(
  adminUrl: string,
  template: string,
  name: string,
): Promise<void> {
  // Two copies started at the same instant can find the template busy: try again shortly.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(adminUrl, `create database "${name}" template "${template}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
}

export type TestDatabase = { database: Database; url?: string; dispose(): Promise<void> };

let counter = 0;

/** A fresh, migrated database for one test file (or one test). */
export async function openTestDatabase(template: TestTemplate): Promise<TestDatabase> {
  if (template.kind === 'pglite') {
    const dump = await readFile(template.dumpPath);
    const database = await openPglite({ loadDataDir: new Blob([dump]) });
    return { database, dispose: () => database.close() };
  }
  const name = `${template.name}_f${process.pid}_${++counter}_${Date.now() % 100000}`;
  await createDatabaseFromTemplate(template.adminUrl, template.name, name);
  const url = databaseUrlFor(template.adminUrl, name);
  const database = await openPostgres(url, { poolMax: 40 });
  return {
    database,
    url,
    dispose: async () => {
      await database.close();
      await dropDatabase(template.adminUrl, name);
    },
  };
}
