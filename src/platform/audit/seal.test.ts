import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { onPostgres, useTestDatabase } from '../../../test/support/db.ts';
import { createCompany } from '../auth/companies.ts';
import { runChecks } from '../checks.ts';
import { queryRows } from '../db/database.ts';
import { pgErrorOf } from '../db/pg-error.ts';
import { withSystemTx, withTx } from '../db/tx.ts';
import { newId } from '../ids.ts';
import { sealAuditLog } from './sealer.ts';
import { verifyAuditLog } from './verify.ts';

const t = useTestDatabase();
const system = { type: 'system', id: null } as const;

async function company() {
  return withSystemTx(t.database, (db) => createCompany(db, { name: `C ${newId()}`, currencyCode: 'EUR' }));
}

async function writeAudit(companyId: string, n: number) {
  await withTx(t.database, { companyId, actor: system }, async (tx) => {
    for (let i = 0; i < n; i++) tx.audit('test.thing', `thing-${i}`, 'create', { n: { old: null, new: i } });
  });
}

function reportOf(reports: Awaited<ReturnType<typeof verifyAuditLog>>, companyId: string) {
  return reports.find((r) => r.companyId === companyId);
}

// Tampering needs more than the owner role: the triggers refuse it. An attacker with superuser
// rights can switch triggers off; that is what these tests do, and what verify must catch.
async function tamper(statement: ReturnType<typeof sql>) {
  await t.database.transaction(async (db) => {
    await db.execute(sql`set local session_replication_role = replica`);
    await db.execute(statement);
  });
}

describe('the audit hash chain', () => {
  it('seals committed rows per company, in order, and verify finds every link intact', async () => {
    const a = await company();
    const b = await company();
    await writeAudit(a.id, 3);
    await writeAudit(b.id, 2);
    await writeAudit(a.id, 2);
    expect(reportOf(await verifyAuditLog(t.database), a.id)).toEqual({
      companyId: a.id,
      sealed: 0,
      unsealed: 5,
    });
    expect(await sealAuditLog(t.database, 2)).toBeGreaterThanOrEqual(7);
    const reports = await verifyAuditLog(t.database);
    expect(reportOf(reports, a.id)).toEqual({ companyId: a.id, sealed: 5, unsealed: 0 });
    expect(reportOf(reports, b.id)).toEqual({ companyId: b.id, sealed: 2, unsealed: 0 });
    await writeAudit(a.id, 1);
    await sealAuditLog(t.database);
    const seqs = await withSystemTx(t.database, (db) =>
      queryRows<{ seal_seq: number }>(
        db,
        sql`select seal_seq from audit_log where company_id = ${a.id} order by seal_seq`,
      ),
    );
    expect(seqs.map((r) => Number(r.seal_seq))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('names the first link whose row was changed after sealing', async () => {
    const a = await company();
    await writeAudit(a.id, 4);
    await sealAuditLog(t.database);
    await tamper(
      sql`update audit_log set changes = '{"n":{"old":null,"new":99}}' where company_id = ${a.id} and seal_seq = 2`,
    );
    const report = reportOf(await verifyAuditLog(t.database), a.id);
    expect(report?.sealed).toBe(1);
    expect(report?.broken).toMatchObject({ sealSeq: 2, reason: 'the row was changed after it was sealed' });
    const results = await runChecks(t.database, []);
    const chain = results.find((r) => r.name.includes('audit hash chain'));
    expect(chain?.violations.some((v) => v.includes(a.id) && v.includes('link 2'))).toBe(true);
  });

  it('names a removed link', async () => {
    const a = await company();
    await writeAudit(a.id, 3);
    await sealAuditLog(t.database);
    await tamper(sql`delete from audit_log where company_id = ${a.id} and seal_seq = 2`);
    const report = reportOf(await verifyAuditLog(t.database), a.id);
    expect(report?.broken).toMatchObject({ sealSeq: 3 });
    expect(report?.broken?.reason).toContain('removed');
  });

  it('refuses, even to the owner, any change but sealing, and any re-sealing', async () => {
    const a = await company();
    await writeAudit(a.id, 1);
    const owner = (statement: ReturnType<typeof sql>) =>
      t.database.transaction((db) => db.execute(statement));
    await expect(
      owner(sql`update audit_log set action = 'forged' where company_id = ${a.id}`),
    ).rejects.toSatisfy((e) => pgErrorOf(e)?.code === '23001');
    await sealAuditLog(t.database);
    await expect(
      owner(sql`update audit_log set hash = repeat('0', 64) where company_id = ${a.id}`),
    ).rejects.toSatisfy((e) => pgErrorOf(e)?.code === '23001');
    await expect(owner(sql`delete from audit_log where company_id = ${a.id}`)).rejects.toSatisfy(
      (e) => pgErrorOf(e)?.code === '23001',
    );
    await expect(owner(sql`truncate audit_log`)).rejects.toSatisfy((e) => pgErrorOf(e)?.code === '23001');
    const appRole = withTx(t.database, { companyId: a.id, actor: system }, (tx) =>
      tx.db.execute(sql`update audit_log set hash = null`),
    );
    await expect(appRole).rejects.toSatisfy((e) => pgErrorOf(e)?.code === '42501');
  });

  it.skipIf(!onPostgres)(
    'lets writers of one company commit side by side while sealers race, without forking the chain',
    async () => {
      const a = await company();
      const writers = Array.from({ length: 40 }, () => writeAudit(a.id, 2));
      const sealers = Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 10; i++) await sealAuditLog(t.database, 7);
      });
      await Promise.all([...writers, ...sealers]);
      await sealAuditLog(t.database);
      expect(reportOf(await verifyAuditLog(t.database), a.id)).toEqual({
        companyId: a.id,
        sealed: 80,
        unsealed: 0,
      });
    },
  );
});
