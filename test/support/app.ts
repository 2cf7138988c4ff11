import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { modules } from '../../src/modules/registry.ts';
import { addMember, createCompany } from '../../src/platform/auth/companies.ts';
import { isSignedIn, type SignedIn, signIn } from '../../src/platform/auth/sessions.ts';
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

async function signedIn(database: Database, email: string, companyId?: string): Promise<SignedIn> {
  const result = await signIn(database, { email, password: TEST_PASSWORD, companyId });
  if (!isSignedIn(result)) throw new Error('a new test user has no second factor');
  return result;
}

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
  const session = await signedIn(database, email);
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
  const session = await signedIn(database, email, companyId);
  return {
    token: session.token,
    companyId,
    userId,
    email,
    auth: { authorization: `Bearer ${session.token}` },
  };
}

// A fixed key for sealing secrets in tests (never use it anywhere else).
export const TEST_SECRET_KEY = `test:${Buffer.alloc(32, 7).toString('base64')}`;

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ TANDEM_RATE_LIMIT_MAX: '100000', TANDEM_SECRET_KEY: TEST_SECRET_KEY, ...overrides });
}

/** A test file's own database and an in-process app on it (requests through app.inject). */
export function useTestApp(overrides: Record<string, string> | (() => Record<string, string>) = {}) {
  const db = useTestDatabase();
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await buildApp({
      // A function is read when the app is built, after earlier beforeAll hooks (a test SMTP server).
      config: testConfig(typeof overrides === 'function' ? overrides() : overrides),
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
