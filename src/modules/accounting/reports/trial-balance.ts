import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import { fromMinor } from '../../../shared/money.ts';
import { getSettings } from '../ledger/settings.ts';

export type TrialBalanceRow = {
  accountId: string;
  code: string;
  name: string;
  type: string;
  openingMinor: number;
  debitMinor: number;
  creditMinor: number;
  closingMinor: number;
  opening: string;
  debit: string;
  credit: string;
  closing: string;
};

export type TrialBalance = {
  from: string;
  to: string;
  currencyCode: string;
  accounts: TrialBalanceRow[];
  totals: { openingMinor: number; debitMinor: number; creditMinor: number; closingMinor: number };
};

/**
 * Each account's balance before `from` (debit positive), its debits and credits from `from` to
 * `to`, and its balance at `to`. Every column sums to zero in balanced books, debits to credits.
 */
export async function trialBalance(
  db: Executor,
  companyId: string,
  from: string,
  to: string,
): Promise<TrialBalance> {
  const { currencyCode } = await getSettings(db, companyId);
  const rows = await queryRows<{
    account_id: string;
    code: string;
    name: string;
    type: string;
    opening: string | number;
    debit: string | number;
    credit: string | number;
  }>(
    db,
    sql`select a.id as account_id, a.code, a.name, a.type,
               coalesce(sum(l.debit_minor - l.credit_minor) filter (where l.date < ${from}), 0)::bigint as opening,
               coalesce(sum(l.debit_minor) filter (where l.date >= ${from}), 0)::bigint as debit,
               coalesce(sum(l.credit_minor) filter (where l.date >= ${from}), 0)::bigint as credit
          from accounting_entry_lines l
          join accounting_accounts a on a.company_id = l.company_id and a.id = l.account_id
         where l.company_id = ${companyId} and l.date <= ${to}
         group by a.id, a.code, a.name, a.type
         order by a.code`,
  );
  const accounts = rows.map((row) => {
    const openingMinor = Number(row.opening);
    const debitMinor = Number(row.debit);
    const creditMinor = Number(row.credit);
    const closingMinor = openingMinor + debitMinor - creditMinor;
    return {
      accountId: row.account_id,
      code: row.code,
      name: row.name,
      type: row.type,
      openingMinor,
      debitMinor,
      creditMinor,
      closingMinor,
      opening: fromMinor(openingMinor, currencyCode),
      debit: fromMinor(debitMinor, currencyCode),
      credit: fromMinor(creditMinor, currencyCode),
      closing: fromMinor(closingMinor, currencyCode),
    };
  });
  const sum = (field: 'openingMinor' | 'debitMinor' | 'creditMinor' | 'closingMinor') =>
    accounts.reduce((total, row) => total + row[field], 0);
  return {
    from,
    to,
    currencyCode,
    accounts,
    totals: {
      openingMinor: sum('openingMinor'),
      debitMinor: sum('debitMinor'),
      creditMinor: sum('creditMinor'),
      closingMinor: sum('closingMinor'),
    },
  };
}
