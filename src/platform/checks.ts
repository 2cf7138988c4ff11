import { type SQL, sql } from 'drizzle-orm';
import { verifyAuditLog } from './audit/verify.ts';
import { type Database, queryRows } from './db/database.ts';
import { migrationStatus } from './db/migrate.ts';
import { pgErrorOf } from './db/pg-error.ts';
import { withSystemTx } from './db/tx.ts';
import type { InvariantCheck, TandemModule } from './module.ts';

// Tables that carry a company_id but are platform queues or sessions, not business data keyed by it.
const NOT_COMPANY_KEYED = new Set(['auth_sessions', 'auth_mfa_challenges', 'jobs']);

/** Runs a query that selects violating rows (across all companies) and describes each one. */
export async function sqlViolations(
  database: Database,
  query: SQL,
  describe: (row: Record<string, unknown>) => string,
): Promise<string[]> {
  const rows = await withSystemTx(database, (db) => queryRows(db, query));
  return rows.map(describe);
}

const migrationsCurrent: InvariantCheck = {
  name: 'migrations are applied and unchanged',
  async run(database) {
    const status = await withSystemTx(database, (db) => migrationStatus(db));
    return [
      ...status.pending.map((tag) => `migration ${tag} is not applied`),
      ...status.changed.map((tag) => `migration ${tag} was edited after it was applied`),
    ];
  },
};

const companyTablesIsolated: InvariantCheck = {
  name: 'every company table has row-level security and company-first keys',
  async run(database) {
    const rows = await withSystemTx(database, (db) =>
      queryRows<{ table_name: string; rls: boolean; policies: number; pk_first: string | null }>(
        db,
        sql`select c.relname as table_name,
                   c.relrowsecurity as rls,
                   (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies,
                   (select a.attname from pg_index i
                      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
                     where i.indrelid = c.oid and i.indisprimary) as pk_first
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and c.relkind = 'r'
               and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'company_id' and not a.attisdropped)
             order by 1`,
      ),
    );
    return rows.flatMap((t) => {
      const problems: string[] = [];
      if (!t.rls) problems.push(`${t.table_name} has row-level security off`);
      if (t.policies === 0) problems.push(`${t.table_name} has no row-level security policy`);
      if (!NOT_COMPANY_KEYED.has(t.table_name) && t.pk_first !== 'company_id') {
        problems.push(`${t.table_name}'s primary key does not lead with company_id`);
      }
      return problems;
    });
  },
};

// Unsealed rows are not a violation (the sealer is seconds behind); a broken link is.
const auditChainIntact: InvariantCheck = {
  name: 'every company audit hash chain is intact',
  async run(database) {
    const reports = await verifyAuditLog(database);
    return reports.flatMap((r) =>
      r.broken
        ? [`company ${r.companyId}: link ${r.broken.sealSeq} (audit row ${r.broken.id}): ${r.broken.reason}`]
        : [],
    );
  },
};

export const platformChecks: InvariantCheck[] = [migrationsCurrent, companyTablesIsolated, auditChainIntact];

export type CheckResult = { name: string; violations: string[]; error?: string };

/** Runs the platform's and every module's invariant checks. */
export async function runChecks(database: Database, modules: TandemModule[]): Promise<CheckResult[]> {
  const checks = [...platformChecks, ...modules.flatMap((m) => m.checks ?? [])];
  const results: CheckResult[] = [];
  for (const check of checks) {
    try {
      results.push({ name: check.name, violations: await check.run(database) });
    } catch (error) {
      results.push({
        name: check.name,
        violations: [],
        error: pgErrorOf(error)?.message ?? (error as Error).message,
      });
    }
  }
  return results;
}
