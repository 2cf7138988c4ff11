import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { onPostgres, useTestDatabase } from '../../../test/support/db.ts';
import { createCompany } from '../auth/companies.ts';
import { newId } from '../ids.ts';
import { queryRows } from './database.ts';
import { pgErrorOf } from './pg-error.ts';
import { withSystemTx, withTx } from './tx.ts';

const t = useTestDatabase();
const system = { type: 'system', id: null } as const;

async function twoCompanies() {
  return withSystemTx(t.database, async (db) => ({
    a: await createCompany(db, { name: `A ${newId()}`, currencyCode: 'EUR' }),
    b: await createCompany(db, { name: `B ${newId()}`, currencyCode: 'USD' }),
  }));
}

async function insertParty(companyId: string, name: string) {
  return withTx(t.database, { companyId, actor: system }, async (tx) => {
    const id = newId();
    await tx.db.execute(
      sql`insert into crm_parties (company_id, id, kind, name) values (${companyId}, ${id}, 'person', ${name})`,
    );
    return id;
  });
}

describe('transactions', () => {
  it('run as a role that is not a superuser, so row-level security applies', async () => {
    const { a } = await twoCompanies();
    const rows = await withTx(t.database, { companyId: a.id, actor: system }, (tx) =>
      queryRows<{ su: string; role: string }>(
        tx.db,
        sql`select current_setting('is_superuser') as su, current_user as role`,
      ),
    );
    expect(rows[0]).toEqual({ su: 'off', role: 'tandem_app' });
  });

  it('see only the rows of their own company', async () => {
    const { a, b } = await twoCompanies();
    await insertParty(a.id, 'Alice');
    await insertParty(b.id, 'Bob');
    const seen = await withTx(t.database, { companyId: a.id, actor: system }, (tx) =>
      queryRows<{ name: string }>(tx.db, sql`select name from crm_parties`),
    );
    expect(seen.map((r) => r.name)).toEqual(['Alice']);
  });

  it('read nothing when no company is set, even without a filter', async () => {
    const { a } = await twoCompanies();
    await insertParty(a.id, 'Carol');
    const rows = await t.database.transaction(async (db) => {
      await db.execute(sql`select set_config('role', 'tandem_app', true)`);
      return queryRows<{ n: number }>(db, sql`select count(*)::int as n from crm_parties`);
    });
    expect(rows[0]!.n).toBe(0);
  });

  it('refuse to write a row into another company', async () => {
    const { a, b } = await twoCompanies();
    await expect(
      withTx(t.database, { companyId: a.id, actor: system }, (tx) =>
        tx.db.execute(
          sql`insert into crm_parties (company_id, id, kind, name) values (${b.id}, ${newId()}, 'person', 'Mallory')`,
        ),
      ),
    ).rejects.toSatisfy((e) => /row-level security/.test(pgErrorOf(e)?.message ?? ''));
  });

  it('write audit rows and no outbox events when the change rolls back', async () => {
    const { a } = await twoCompanies();
    await expect(
      withTx(t.database, { companyId: a.id, actor: system }, async (tx) => {
        tx.audit('crm.party', 'x', 'create', {});
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [count] = await withTx(t.database, { companyId: a.id, actor: system }, (tx) =>
      queryRows<{ n: number }>(tx.db, sql`select count(*)::int as n from audit_log`),
    );
    expect(count!.n).toBe(0);
  });

  it('keep the audit log append-only for the application role', async () => {
    const { a } = await twoCompanies();
    await withTx(t.database, { companyId: a.id, actor: system }, async (tx) => {
      tx.audit('crm.party', 'x', 'create', {});
    });
    await expect(
      withTx(t.database, { companyId: a.id, actor: system }, (tx) =>
        tx.db.execute(sql`update audit_log set action = 'forged'`),
      ),
    ).rejects.toSatisfy((e) => pgErrorOf(e)?.code === '42501');
    await expect(
      withTx(t.database, { companyId: a.id, actor: system }, (tx) =>
        tx.db.execute(sql`delete from audit_log`),
      ),
    ).rejects.toSatisfy((e) => pgErrorOf(e)?.code === '42501');
  });
});

describe.skipIf(!onPostgres)('the connection pool', () => {
  it('recovers when the server drops every connection (as on a restart)', async () => {
    const { a } = await twoCompanies();
    // Fill the pool with idle connections, then have the server end them all.
    await Promise.all(Array.from({ length: 5 }, () => insertParty(a.id, 'Before')));
    await t.database.transaction((db) =>
      db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => insertParty(a.id, 'After')));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  });
});
