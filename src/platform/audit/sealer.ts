import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { GENESIS_HASH, linkHash } from './canonical.ts';
import { auditLog } from './schema.ts';

// Writers never touch the chain: they insert unsealed rows in their own transaction. The sealer
// links committed rows afterwards, per company, in the order it first sees them committed, so a
// write never waits on another company's (or its own company's) chain head. See
// docs/decisions/0008-audit-sealer.md.

const LOCK_NAMESPACE = 727_001;
export const SEAL_BATCH_SIZE = 500;

/** Seals what is committed and unsealed, company by company; returns how many rows it sealed. */
export async function sealAuditLog(database: Database, batchSize = SEAL_BATCH_SIZE): Promise<number> {
  const pending = await withSystemTx(database, (db) =>
    queryRows<{ company_id: string }>(
      db,
      sql`select distinct company_id from audit_log where hash is null limit 1000`,
    ),
  );
  let sealed = 0;
  for (const { company_id } of pending) {
    for (;;) {
      const n = await sealCompanyBatch(database, company_id, batchSize);
      sealed += n;
      if (n < batchSize) break;
    }
  }
  return sealed;
}

async function sealCompanyBatch(database: Database, companyId: string, batchSize: number): Promise<number> {
  return withSystemTx(database, async (db) => {
    // Two sealers (two server processes) must not both extend one chain: the second skips.
    const [lock] = await queryRows<{ ok: boolean }>(
      db,
      sql`select pg_try_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext(${companyId})) as ok`,
    );
    if (!lock!.ok) return 0;
    const [head] = await db
      .select({ sealSeq: auditLog.sealSeq, hash: auditLog.hash })
      .from(auditLog)
      .where(and(eq(auditLog.companyId, companyId), isNotNull(auditLog.sealSeq)))
      .orderBy(desc(auditLog.sealSeq))
      .limit(1);
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, companyId), isNull(auditLog.hash)))
      .orderBy(asc(auditLog.occurredAt), asc(auditLog.id))
      .limit(batchSize);
    let previous = head?.hash ?? GENESIS_HASH;
    let seq = head?.sealSeq ?? 0;
    for (const row of rows) {
      seq += 1;
      const hash = linkHash(previous, row, seq);
      await db
        .update(auditLog)
        .set({ sealSeq: seq, hash, previousHash: previous })
        .where(and(eq(auditLog.companyId, companyId), eq(auditLog.id, row.id)));
      previous = hash;
    }
    return rows.length;
  });
}
