import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { GENESIS_HASH, linkHash } from './canonical.ts';
import { auditLog } from './schema.ts';

export type ChainReport = {
  companyId: string;
  sealed: number;
  unsealed: number;
  /** The first link that does not hold, if any. */
  broken?: { id: string; sealSeq: number; reason: string };
};

const PAGE = 1000;

/** Walks every company's chain from its first link; names the first broken one. */
export async function verifyAuditLog(database: Database): Promise<ChainReport[]> {
  const companies = await withSystemTx(database, (db) =>
    queryRows<{ company_id: string; unsealed: number }>(
      db,
      sql`select company_id, count(*) filter (where hash is null)::int as unsealed
            from audit_log group by company_id order by company_id`,
    ),
  );
  const reports: ChainReport[] = [];
  for (const { company_id, unsealed } of companies) {
    reports.push({ ...(await verifyCompany(database, company_id)), unsealed });
  }
  return reports;
}

async function verifyCompany(database: Database, companyId: string): Promise<Omit<ChainReport, 'unsealed'>> {
  let previous = GENESIS_HASH;
  let expected = 1;
  for (;;) {
    const rows = await withSystemTx(database, (db) =>
      db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.companyId, companyId),
            isNotNull(auditLog.sealSeq),
            gt(auditLog.sealSeq, expected - 1),
          ),
        )
        .orderBy(asc(auditLog.sealSeq))
        .limit(PAGE),
    );
    for (const row of rows) {
      const seq = row.sealSeq!;
      const fail = (reason: string) => ({
        companyId,
        sealed: expected - 1,
        broken: { id: row.id, sealSeq: seq, reason },
      });
      if (seq !== expected) return fail(`link ${expected} is missing (next is ${seq}): a row was removed`);
      if (row.previousHash !== previous)
        return fail('previous_hash does not match the hash of the link before');
      if (row.hash !== linkHash(previous, row, seq)) return fail('the row was changed after it was sealed');
      previous = row.hash;
      expected += 1;
    }
    if (rows.length < PAGE) return { companyId, sealed: expected - 1 };
  }
}
