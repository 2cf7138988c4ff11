import type pg from 'pg';

// Reference data the raw floor reads once at start: what does not change during a run (which
// location is a warehouse's stock, which account a purpose maps to, today's period). Everything a
// transaction changes or checks (stock, prices, taxes, credit, counters) is read in its statement.

export type Reference = {
  companyId: string;
  currencyCode: string;
  stockLocationOf: Map<string, string>;
  customerLocationId: string;
  accounts: {
    receivable: string;
    revenue: string;
    inventory: string;
    costOfGoodsSold: string;
  };
  cashJournal: { id: string; code: string; accountId: string };
  generalJournal: { id: string; code: string };
  journalCodes: Map<string, string>;
  fiscalYearId: string;
  periodId: string;
};

export async function loadReference(client: pg.PoolClient, companyId: string): Promise<Reference> {
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) => {
    const { rows } = await client.query<T>(sql, params);
    if (!rows[0]) throw new Error(`reference data missing: ${sql}`);
    return rows;
  };
  const [company] = await one<{ currency_code: string }>(
    'select currency_code from companies where id = $1',
    [companyId],
  );
  const stock = await one<{ warehouse_id: string; id: string }>(
    `select warehouse_id, id from inventory_locations
      where company_id = $1 and kind = 'internal' and parent_id is null and warehouse_id is not null`,
    [companyId],
  );
  const [customer] = await one<{ id: string }>(
    `select id from inventory_locations where company_id = $1 and kind = 'customer' and warehouse_id is null
      and parent_id is null`,
    [companyId],
  );
  const mappings = await one<{ purpose: string; account_id: string }>(
    'select purpose, account_id from accounting_account_mappings where company_id = $1',
    [companyId],
  );
  const account = (purpose: string) => {
    const found = mappings.find((m) => m.purpose === purpose);
    if (!found) throw new Error(`no account for ${purpose}`);
    return found.account_id;
  };
  const journals = await one<{ id: string; code: string; type: string; default_account_id: string | null }>(
    'select id, code, type, default_account_id from accounting_journals where company_id = $1 and not archived',
    [companyId],
  );
  const cash = journals.find((j) => j.type === 'cash')!;
  const general = journals.find((j) => j.type === 'general')!;
  const [period] = await one<{ id: string; fiscal_year_id: string }>(
    `select id, fiscal_year_id from accounting_periods
      where company_id = $1 and start_date <= current_date and end_date >= current_date`,
    [companyId],
  );
  return {
    companyId,
    currencyCode: company!.currency_code,
    stockLocationOf: new Map(stock.map((s) => [s.warehouse_id, s.id])),
    customerLocationId: customer!.id,
    accounts: {
      receivable: account('receivable'),
      revenue: account('revenue'),
      inventory: account('inventory'),
      costOfGoodsSold: account('cost_of_goods_sold'),
    },
    cashJournal: { id: cash.id, code: cash.code, accountId: cash.default_account_id! },
    generalJournal: { id: general.id, code: general.code },
    journalCodes: new Map(journals.map((j) => [j.id, j.code])),
    fiscalYearId: period!.fiscal_year_id,
    periodId: period!.id,
  };
}
