import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import { fromMinor } from '../../../shared/money.ts';
import { getSettings } from '../ledger/settings.ts';

export const AGE_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
type Bucket = (typeof AGE_BUCKETS)[number];

export type AgedPartner = { partnerId: string; totalMinor: number; total: string } & Record<
  Bucket,
  string
> & {
    minor: Record<Bucket, number>;
  };

export type AgedBalance = {
  kind: 'receivable' | 'payable';
  asOf: string;
  currencyCode: string;
  partners: AgedPartner[];
  totals: Record<Bucket, number> & { totalMinor: number };
};

/**
 * What each partner owes (receivable) or is owed (payable) on `asOf`, by how long it is overdue.
 * A match counts from the day both its lines exist, so the report is right for past dates too.
 * Receivables are positive when owed to us; payables when we owe them.
 */
export async function agedBalance(
  db: Executor,
  companyId: string,
  kind: 'receivable' | 'payable',
  asOf: string,
): Promise<AgedBalance> {
  const { currencyCode } = await getSettings(db, companyId);
  const rows = await queryRows<{ partner_id: string; bucket: Bucket; residual: number | string }>(
    db,
    sql`with items as (
          select l.partner_id, coalesce(l.due_date, l.date) as due,
                 sign(l.debit_minor - l.credit_minor) * (l.debit_minor + l.credit_minor - coalesce((
                   select sum(x.amount_minor) from accounting_allocations x
                     join accounting_entry_lines o on o.company_id = x.company_id
                      and o.id = case when x.debit_line_id = l.id then x.credit_line_id else x.debit_line_id end
                    where x.company_id = l.company_id and x.released_at is null
                      and (x.debit_line_id = l.id or x.credit_line_id = l.id) and o.date <= ${asOf}), 0)) as residual
            from accounting_entry_lines l
            join accounting_accounts a on a.company_id = l.company_id and a.id = l.account_id and a.kind = ${kind}
           where l.company_id = ${companyId} and l.date <= ${asOf} and l.partner_id is not null)
        select partner_id,
               case when due >= ${asOf}::date then 'notDue'
                    when ${asOf}::date - due <= 30 then 'days1to30'
                    when ${asOf}::date - due <= 60 then 'days31to60'
                    when ${asOf}::date - due <= 90 then 'days61to90'
                    else 'over90' end as bucket,
               sum(residual)::bigint as residual
          from items where residual <> 0
         group by 1, 2`,
  );
  const sign = kind === 'receivable' ? 1 : -1;
  const byPartner = new Map<string, Record<Bucket, number>>();
  for (const row of rows) {
    const buckets = byPartner.get(row.partner_id) ?? {
      notDue: 0,
      days1to30: 0,
      days31to60: 0,
      days61to90: 0,
      over90: 0,
    };
    buckets[row.bucket] += sign * Number(row.residual);
    byPartner.set(row.partner_id, buckets);
  }
  const totals = { notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0, totalMinor: 0 };
  const partners = [...byPartner].map(([partnerId, minor]) => {
    const totalMinor = AGE_BUCKETS.reduce((sum, bucket) => sum + minor[bucket], 0);
    for (const bucket of AGE_BUCKETS) totals[bucket] += minor[bucket];
    totals.totalMinor += totalMinor;
    const shown = Object.fromEntries(
      AGE_BUCKETS.map((b) => [b, fromMinor(minor[b], currencyCode)]),
    ) as Record<Bucket, string>;
    return { partnerId, totalMinor, total: fromMinor(totalMinor, currencyCode), ...shown, minor };
  });
  partners.sort((a, b) => b.totalMinor - a.totalMinor || a.partnerId.localeCompare(b.partnerId));
  return { kind, asOf, currencyCode, partners, totals };
}
