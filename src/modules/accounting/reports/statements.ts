import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import { fromMinor } from '../../../shared/money.ts';
import { getSettings } from '../ledger/settings.ts';

// The year-end close moves profit and loss to retained earnings; the profit and loss statement
// leaves those closing entries out, or a closed year would show nothing.
export const YEAR_END_CLOSE = 'accounting.year_end_close';

export type StatementRow = {
  accountId: string;
  code: string;
  name: string;
  kind: string;
  amount: string;
  amountMinor: number;
};
export type StatementSection = {
  key: string;
  title: string;
  rows: StatementRow[];
  total: string;
  totalMinor: number;
};

type BalanceRow = {
  account_id: string;
  code: string;
  name: string;
  kind: string;
  type: string;
  balance: number | string;
};

async function balances(
  db: Executor,
  companyId: string,
  where: ReturnType<typeof sql>,
): Promise<BalanceRow[]> {
  return queryRows<BalanceRow>(
    db,
    sql`select a.id as account_id, a.code, a.name, a.kind, a.type,
               sum(l.debit_minor - l.credit_minor)::bigint as balance
          from accounting_entry_lines l
          join accounting_accounts a on a.company_id = l.company_id and a.id = l.account_id
          join accounting_entries e on e.company_id = l.company_id and e.id = l.entry_id
         where l.company_id = ${companyId} and ${where}
         group by a.id, a.code, a.name, a.kind, a.type
        having sum(l.debit_minor - l.credit_minor) <> 0
         order by a.code`,
  );
}

function section(
  key: string,
  title: string,
  rows: BalanceRow[],
  sign: 1 | -1,
  currency: string,
): StatementSection {
  const shown = rows.map((row) => {
    const amountMinor = sign * Number(row.balance);
    return {
      accountId: row.account_id,
      code: row.code,
      name: row.name,
      kind: row.kind,
      amountMinor,
      amount: fromMinor(amountMinor, currency),
    };
  });
  const totalMinor = shown.reduce((sum, row) => sum + row.amountMinor, 0);
  return { key, title, rows: shown, totalMinor, total: fromMinor(totalMinor, currency) };
}

export type ProfitAndLoss = {
  from: string;
  to: string;
  currencyCode: string;
  sections: StatementSection[];
  grossProfit: string;
  grossProfitMinor: number;
  netProfit: string;
  netProfitMinor: number;
};

/** Income less expenses from `from` to `to`: revenue, cost of sales, gross profit, expenses, net. */
export async function profitAndLoss(
  db: Executor,
  companyId: string,
  from: string,
  to: string,
): Promise<ProfitAndLoss> {
  const { currencyCode } = await getSettings(db, companyId);
  const rows = await balances(
    db,
    companyId,
    sql`l.date between ${from} and ${to} and a.type in ('income', 'expense') and e.source_type <> ${YEAR_END_CLOSE}`,
  );
  const of = (...kinds: string[]) => rows.filter((row) => kinds.includes(row.kind));
  const sections = [
    section('revenue', 'Revenue', of('income'), -1, currencyCode),
    section('cost_of_sales', 'Cost of sales', of('cost_of_sales'), 1, currencyCode),
    section('other_income', 'Other income', of('other_income'), -1, currencyCode),
    section('expenses', 'Operating expenses', of('expense', 'depreciation'), 1, currencyCode),
  ];
  const total = (key: string) => sections.find((s) => s.key === key)!.totalMinor;
  const grossProfitMinor = total('revenue') - total('cost_of_sales');
  const netProfitMinor = grossProfitMinor + total('other_income') - total('expenses');
  return {
    from,
    to,
    currencyCode,
    sections,
    grossProfitMinor,
    grossProfit: fromMinor(grossProfitMinor, currencyCode),
    netProfitMinor,
    netProfit: fromMinor(netProfitMinor, currencyCode),
  };
}

export type BalanceSheet = {
  asOf: string;
  currencyCode: string;
  sections: StatementSection[];
  /** Profit or loss not yet moved to retained earnings by a year-end close. */
  unallocatedEarnings: string;
  unallocatedEarningsMinor: number;
  totalAssetsMinor: number;
  totalLiabilitiesAndEquityMinor: number;
  balanced: boolean;
};

/** Assets, liabilities and equity on a date; equity includes the profit not yet closed. */
export async function balanceSheet(db: Executor, companyId: string, asOf: string): Promise<BalanceSheet> {
  const { currencyCode } = await getSettings(db, companyId);
  const rows = await balances(db, companyId, sql`l.date <= ${asOf}`);
  const byType = (type: string) => rows.filter((row) => row.type === type);
  const unallocatedEarningsMinor = -[...byType('income'), ...byType('expense')].reduce(
    (sum, row) => sum + Number(row.balance),
    0,
  );
  const assets = section('assets', 'Assets', byType('asset'), 1, currencyCode);
  const liabilities = section('liabilities', 'Liabilities', byType('liability'), -1, currencyCode);
  const equity = section('equity', 'Equity', byType('equity'), -1, currencyCode);
  const totalLiabilitiesAndEquityMinor =
    liabilities.totalMinor + equity.totalMinor + unallocatedEarningsMinor;
  return {
    asOf,
    currencyCode,
    sections: [assets, liabilities, equity],
    unallocatedEarningsMinor,
    unallocatedEarnings: fromMinor(unallocatedEarningsMinor, currencyCode),
    totalAssetsMinor: assets.totalMinor,
    totalLiabilitiesAndEquityMinor,
    balanced: assets.totalMinor === totalLiabilitiesAndEquityMinor,
  };
}

export type TaxReportRow = {
  taxId: string;
  code: string;
  name: string;
  scope: 'sale' | 'purchase';
  vatCategory: string;
  ratePercent: string | null;
  base: string;
  tax: string;
  baseMinor: number;
  taxMinor: number;
};

export type TaxReport = {
  from: string;
  to: string;
  currencyCode: string;
  rows: TaxReportRow[];
  outputTaxMinor: number;
  inputTaxMinor: number;
  /** Output tax less input tax: what is owed to the tax office (negative: to be refunded). */
  payableMinor: number;
  payable: string;
};

/**
 * Each tax's base and amount from `from` to `to`: from the tax lines of posted entries (which
 * carry their base), and for zero-rated and exempt taxes from the base lines that name them.
 */
export async function taxReport(
  db: Executor,
  companyId: string,
  from: string,
  to: string,
): Promise<TaxReport> {
  const { currencyCode } = await getSettings(db, companyId);
  const rows = await queryRows<{
    tax_id: string;
    code: string;
    name: string;
    scope: 'sale' | 'purchase';
    vat_category: string;
    rate_percent: string | null;
    base: number | string;
    tax: number | string;
  }>(
    db,
    sql`select t.id as tax_id, t.code, t.name, t.scope, t.vat_category, t.rate_percent::text as rate_percent,
               coalesce(sum(case when l.tax_base_minor is not null then l.tax_base_minor
                                 else (l.credit_minor - l.debit_minor) * (case when t.scope = 'sale' then 1 else -1 end) end), 0)::bigint as base,
               coalesce(sum(case when l.tax_base_minor is not null
                                 then (l.credit_minor - l.debit_minor) * (case when t.scope = 'sale' then 1 else -1 end) else 0 end), 0)::bigint as tax
          from accounting_entry_lines l
          join accounting_taxes t on t.company_id = l.company_id and t.id = l.tax_id
         where l.company_id = ${companyId} and l.date between ${from} and ${to}
         group by t.id, t.code, t.name, t.scope, t.vat_category, t.rate_percent
         order by t.scope desc, t.code`,
  );
  const report = rows.map((row) => ({
    taxId: row.tax_id,
    code: row.code,
    name: row.name,
    scope: row.scope,
    vatCategory: row.vat_category,
    ratePercent: row.rate_percent,
    baseMinor: Number(row.base),
    taxMinor: Number(row.tax),
    base: fromMinor(Number(row.base), currencyCode),
    tax: fromMinor(Number(row.tax), currencyCode),
  }));
  const outputTaxMinor = report.filter((r) => r.scope === 'sale').reduce((sum, r) => sum + r.taxMinor, 0);
  const inputTaxMinor = report.filter((r) => r.scope === 'purchase').reduce((sum, r) => sum + r.taxMinor, 0);
  const payableMinor = outputTaxMinor - inputTaxMinor;
  return {
    from,
    to,
    currencyCode,
    rows: report,
    outputTaxMinor,
    inputTaxMinor,
    payableMinor,
    payable: fromMinor(payableMinor, currencyCode),
  };
}
