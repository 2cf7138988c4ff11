import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addMember, type Company, createCompany } from './auth/companies.ts';
import { createUser, findUserByEmail } from './auth/users.ts';
import { type Database, queryRows } from './db/database.ts';
import { withSystemTx, withTx } from './db/tx.ts';
import { installModules, type TandemModule } from './module.ts';

export const DEMO_ADMIN_EMAIL = 'admin@demo.tandem.test';
export const DEMO_COMPANY_NAME = 'Tandem Demo Trading';

export type DemoResult = {
  company: Company;
  admin: { email: string; password: string | null };
};

/** True when no company exists yet: the first start of a new installation. */
export async function isFreshInstallation(database: Database): Promise<boolean> {
  const [row] = await withSystemTx(database, (db) =>
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from companies`),
  );
  return row!.n === 0;
}

/**
 * Creates a company and fills it with every module's demo data, in one transaction per module,
 * with an admin who can sign in. The admin's password is generated and returned once; an admin
 * user that already exists keeps theirs.
 */
export async function loadDemo(
  database: Database,
  modules: TandemModule[],
  options: { companyName?: string; currencyCode?: string; progress?: (message: string) => void } = {},
): Promise<DemoResult> {
  const progress = options.progress ?? (() => undefined);
  const { company, password } = await withSystemTx(database, async (db) => {
    const company = await createCompany(db, {
      name: options.companyName ?? DEMO_COMPANY_NAME,
      currencyCode: options.currencyCode ?? 'EUR',
    });
    let user = await findUserByEmail(db, DEMO_ADMIN_EMAIL);
    let password: string | null = null;
    if (!user) {
      password = randomBytes(12).toString('base64url');
      const created = await createUser(db, { email: DEMO_ADMIN_EMAIL, displayName: 'Demo Admin', password });
      user = {
        ...created,
        passwordHash: null,
        createdAt: new Date(),
        updatedAt: new Date(),
        disabledAt: null,
      };
    }
    await addMember(db, { companyId: company.id, userId: user.id, role: 'admin' });
    return { company, password };
  });
  progress(`demo: company "${company.name}" created`);
  const context = { companyId: company.id, actor: { type: 'system' as const, id: null } };
  // The modules' in-transaction subscribers (the books' posting rules) must hear the demo's events,
  // also when the demo loads before any server is built (the CLI, a first start).
  installModules(modules);
  for (const module of modules) {
    if (!module.demo) continue;
    const started = Date.now();
    await withTx(database, context, (tx) => module.demo!(tx, progress));
    progress(`demo: ${module.name} loaded in ${Date.now() - started} ms`);
  }
  return { company, admin: { email: DEMO_ADMIN_EMAIL, password } };
}
