import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { modules } from '../../src/modules/registry.ts';
import { addMember, createCompany } from '../../src/platform/auth/companies.ts';
import { signIn } from '../../src/platform/auth/sessions.ts';
import { createUser } from '../../src/platform/auth/users.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { withSystemTx } from '../../src/platform/db/tx.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { newId } from '../../src/platform/ids.ts';
import { LocalFileStore } from '../../src/platform/storage/local-file-store.ts';
import { useTestDatabase } from './db.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export type Member = {
  token: string;
  companyId: string;
  userId: string;
  email: string;
  auth: { authorization: string };
};

/** A new company with one member of the given role, signed in. */
export async function createMember(
  database: Database,
  role = 'admin',
  currencyCode = 'EUR',
): Promise<Member> {
  const email = `user-${newId()}@example.test`;
  const { companyId, userId } = await withSystemTx(database, async (db) => {
    const company = await createCompany(db, { name: `Company ${newId()}`, currencyCode });
    const user = await createUser(db, { email, displayName: 'Test User', password: TEST_PASSWORD });
    await addMember(db, { companyId: company.id, userId: user.id, role });
    return { companyId: company.id, userId: user.id };
  });
  const session = await signIn(database, { email, password: TEST_PASSWORD });
  return {
    token: session.token,
    companyId,
    userId,
    email,
    auth: { authorization: `Bearer ${session.token}` },
  };
}

/** Another user in an existing company, with the given role, signed in. */
export async function joinCompany(database: Database, companyId: string, role: string): Promise<Member> {
  const email = `user-${newId()}@example.test`;
  const userId = await withSystemTx(database, async (db) => {
    const user = await createUser(db, { email, displayName: 'Colleague', password: TEST_PASSWORD });
    await addMember(db, { companyId, userId: user.id, role });
    return user.id;
  });
  const session = await signIn(database, { email, password: TEST_PASSWORD, companyId });
  return {
    token: session.token,
    companyId,
    userId,
    email,
    auth: { authorization: `Bearer ${session.token}` },
  };
}

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ TANDEM_RATE_LIMIT_MAX: '100000', ...overrides });
}

/** A test file's own database and an in-process app on it (requests through app.inject). */
export function useTestApp(overrides: Record<string, string> = {}) {
  const db = useTestDatabase();
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await buildApp({
      config: testConfig(overrides),
      database: db.database,
      logger: pino({ level: 'silent' }),
      modules,
      files: testFileStore(),
      version: 'test',
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the app is built in beforeAll');
      return app;
    },
    get database() {
      return db.database;
    },
  };
}

/** A file store in a fresh temporary directory. */
export function testFileStore(): LocalFileStore {
  return new LocalFileStore({ root: mkdtempSync(path.join(os.tmpdir(), 'tandem-files-')) });
}
