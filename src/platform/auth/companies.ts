import { eq } from 'drizzle-orm';
import { assert } from '../assert.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../ids.ts';
import { seedDefaultRoles } from '../rbac/roles.ts';
import { companies, companyMembers } from './schema.ts';

export type Company = { id: string; name: string; currencyCode: string };

/**
 * Creates a tenant with its default roles. Runs in a system transaction: no company exists yet
 * to scope it by.
 */
export async function createCompany(
  db: Executor,
  input: { name: string; currencyCode: string },
): Promise<Company> {
  const [row] = await db
    .insert(companies)
    .values({ id: newId(), name: input.name, currencyCode: input.currencyCode.toUpperCase() })
    .returning({ id: companies.id, name: companies.name, currencyCode: companies.currencyCode });
  await seedDefaultRoles(db, row!.id);
  return row!;
}

export async function findCompanyByName(db: Executor, name: string): Promise<Company | undefined> {
  const [row] = await db
    .select({ id: companies.id, name: companies.name, currencyCode: companies.currencyCode })
    .from(companies)
    .where(eq(companies.name, name))
    .limit(1);
  return row;
}

export async function addMember(db: Executor, input: { companyId: string; userId: string; role: string }) {
  await db
    .insert(companyMembers)
    .values(input)
    .onConflictDoUpdate({
      target: [companyMembers.companyId, companyMembers.userId],
      set: { role: input.role },
    });
}

/** The company's currency (ISO 4217): the currency its books and stock values are kept in. */
export async function companyCurrency(db: Executor, companyId: string): Promise<string> {
  const [row] = await db
    .select({ currencyCode: companies.currencyCode })
    .from(companies)
    .where(eq(companies.id, companyId));
  // The transaction's own company: it exists, and row-level security lets its members see it.
  assert(row, `no company ${companyId}`);
  return row.currencyCode;
}
