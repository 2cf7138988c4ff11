import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import { fromMinor } from '../../../shared/money.ts';
import { accountingSettings } from '../../accounting/index.ts';
import type { DaySummary } from '../contracts.ts';

type Row = { register_id: string; code: string; name: string; sales: number; returns: number; net: string };

/**
 * The day's takings at the tills (a UTC day): sales less refunds with their counts, per register
 * and in all, in the company currency. The home screen's figure, refreshed live by sale events.
 */
export async function daySummary(db: Executor, companyId: string, date: string): Promise<DaySummary> {
  const { currencyCode } = await accountingSettings(db, companyId);
  const rows = await queryRows<Row>(
    db,
    sql`select r.id as register_id, r.code, r.name,
               count(*) filter (where s.kind = 'sale')::int as sales,
               count(*) filter (where s.kind = 'return')::int as returns,
               coalesce(sum(case when s.kind = 'return' then -1 else 1 end * (s.total_minor + s.rounding_minor)), 0)::bigint as net
          from pos_sales s
          join pos_registers r on r.company_id = s.company_id and r.id = s.register_id
         where s.company_id = ${companyId} and s.currency_code = ${currencyCode}
           and s.sold_at >= ${date}::date and s.sold_at < ${date}::date + 1
         group by r.id, r.code, r.name
         order by r.code`,
  );
  const totalMinor = rows.reduce((sum, row) => sum + Number(row.net), 0);
  return {
    date,
    currencyCode,
    sales: rows.reduce((sum, row) => sum + row.sales, 0),
    returns: rows.reduce((sum, row) => sum + row.returns, 0),
    total: fromMinor(totalMinor, currencyCode),
    totalMinor,
    registers: rows.map((row) => ({
      registerId: row.register_id,
      code: row.code,
      name: row.name,
      sales: row.sales,
      returns: row.returns,
      total: fromMinor(Number(row.net), currencyCode),
    })),
  };
}
