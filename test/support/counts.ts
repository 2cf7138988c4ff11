import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../src/platform/db/database.ts';

// Counting failed sign-ins is the point of a refused sign-in (brute-force protection), so that
// bookkeeping table is not part of "nothing was written".
const BOOKKEEPING = ['auth_sign_in_throttle'];

/** Row counts of every table plus the audit tail: to prove a refused request wrote nothing. */
export async function databaseFingerprint(
  database: Database,
): Promise<Record<string, number | string | null>> {
  return database.transaction(async (db) => {
    const tables = await queryRows<{ name: string }>(
      db,
      sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'tandem_migrations' order by 1`,
    );
    // One statement for every table's count: a refusal is checked in one round trip.
    const counted = tables.filter(({ name }) => !BOOKKEEPING.includes(name));
    const rows = await queryRows<{ name: string; n: number }>(
      db,
      sql.raw(
        counted
          .map(({ name }) => `select '${name}' as name, count(*)::int as n from "${name}"`)
          .join(' union all '),
      ),
    );
    const result: Record<string, number | string | null> = {};
    for (const { name } of counted) result[name] = Number(rows.find((row) => row.name === name)?.n ?? 0);
    const [tail] = await queryRows<{ id: string | null }>(db, sql`select max(id::text) as id from audit_log`);
    result.audit_tail = tail?.id ?? null;
    return result;
  });
}
