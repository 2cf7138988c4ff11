import { performance } from 'node:perf_hooks';
import pg from 'pg';

// Report query times at size: a year of general-journal entries (two lines each) generated
// set-based, numbered without gaps from the journal's counter, each in its period; then the trial
// balance and an account's general ledger asked of Tandem's API, and the same sums in plain SQL.

export type LedgerTimes = {
  lines: number;
  loadSeconds: number;
  reports: { name: string; tandemMs: number; rawMs: number; runs: number }[];
};

const V7 = `(lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
             || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`;

type Books = { journalId: string; code: string; fiscalYearId: string; year: string; start: string };

async function books(client: pg.Client, companyId: string): Promise<Books> {
  const { rows } = await client.query<Books>(
    `select j.id as "journalId", j.code, y.id as "fiscalYearId", y.name as year, y.start_date::text as start
       from accounting_journals j, accounting_fiscal_years y
      where j.company_id = $1 and j.type = 'general' and y.company_id = $1
        and y.start_date <= current_date and y.end_date >= current_date`,
    [companyId],
  );
  if (!rows[0]) throw new Error('no general journal or fiscal year');
  return rows[0];
}

/** Adds `lines` journal lines (lines / 2 entries) between the fiscal year's start and today. */
export async function seedLedger(url: string, companyId: string, lines: number): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const b = await books(client, companyId);
    await client.query('begin');
    const { rows } = await client.query<{ last: number }>(
      `insert into accounting_sequences (company_id, journal_id, fiscal_year_id, last_number) values ($1, $2, $3, 0)
       on conflict (company_id, journal_id, fiscal_year_id) do update set last_number = accounting_sequences.last_number
       returning last_number as last`,
      [companyId, b.journalId, b.fiscalYearId],
    );
    const last = rows[0]!.last;
    const entries = Math.floor(lines / 2);
    // Pairs of accounts that a year of trading moves money between, by purpose.
    await client.query(
      `create temporary table bench_entries as
       with accounts as (
         select array_agg(account_id order by purpose) as ids from accounting_account_mappings
          where company_id = $1 and purpose in ('revenue', 'inventory', 'cost_of_goods_sold', 'card_clearing',
                                                'stock_received_not_invoiced', 'inventory_loss')),
       days as (select greatest(current_date - $2::date, 0) + 1 as count)
       select n, ${V7} as id, $2::date + (n % days.count)::int as date,
              a.ids[1 + n % cardinality(a.ids)] as debit_account,
              a.ids[1 + (n + 1 + (n / 7) % (cardinality(a.ids) - 1)) % cardinality(a.ids)] as credit_account,
              100 + (hashtext('ledger' || n) & 1048575) as amount
         from generate_series(1, $3::int) n, accounts a, days`,
      [companyId, b.start, entries],
    );
    await client.query(
      `insert into accounting_entries (company_id, id, journal_id, fiscal_year_id, period_id, number, sequence_number,
                                       date, reference, description, source_type)
       select $1, e.id, $2, $3, p.id,
              $4 || '/' || $5 || '/' || lpad(($6 + e.n)::text, greatest(5, length(($6 + e.n)::text)), '0'),
              $6 + e.n, e.date, 'BENCH-' || e.n, 'Bench ledger entry', 'manual'
         from bench_entries e
         join accounting_periods p on p.company_id = $1 and p.fiscal_year_id = $3
                                  and e.date between p.start_date and p.end_date
        order by e.n`,
      [companyId, b.journalId, b.fiscalYearId, b.code, b.year, last],
    );
    await client.query(
      `insert into accounting_entry_lines (company_id, id, entry_id, line_no, journal_id, date, account_id, description,
                                           debit_minor, credit_minor, currency_code, amount_currency_minor)
       select $1, ${V7}, e.id, l.line_no, $2, e.date, l.account_id, 'Bench', l.debit, l.credit, c.currency_code,
              l.debit - l.credit
         from bench_entries e
         cross join lateral (values (1, e.debit_account, e.amount, 0), (2, e.credit_account, 0, e.amount))
                            as l(line_no, account_id, debit, credit)
         cross join (select currency_code from companies where id = $1) c`,
      [companyId, b.journalId],
    );
    await client.query(
      `update accounting_sequences set last_number = last_number + $4
        where company_id = $1 and journal_id = $2 and fiscal_year_id = $3`,
      [companyId, b.journalId, b.fiscalYearId, entries],
    );
    await client.query('commit');
    await client.query('analyze accounting_entries');
    await client.query('analyze accounting_entry_lines');
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}

async function timed(runs: number, fn: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

/** Median times of the trial balance and one account's general ledger page, API and SQL. */
export async function measureReports(
  apiUrl: string,
  authorization: string,
  url: string,
  companyId: string,
  runs = 5,
): Promise<LedgerTimes['reports']> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const b = await books(client, companyId);
    const { rows } = await client.query<{ account_id: string }>(
      `select account_id from accounting_account_mappings where company_id = $1 and purpose = 'revenue'`,
      [companyId],
    );
    const account = rows[0]!.account_id;
    await client.query(
      `select set_config('role', 'tandem_app', false), set_config('tandem.company_id', $1, false)`,
      [companyId],
    );
    const to = new Date().toISOString().slice(0, 10);
    const get = async (path: string) => {
      const response = await fetch(`${apiUrl}${path}`, { headers: { authorization } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    const trialBalanceSql = `
      select l.account_id, sum(l.debit_minor) filter (where l.date < $2) - sum(l.credit_minor) filter (where l.date < $2),
             sum(l.debit_minor) filter (where l.date >= $2), sum(l.credit_minor) filter (where l.date >= $2)
        from accounting_entry_lines l join accounting_entries e on e.company_id = l.company_id and e.id = l.entry_id
       where l.company_id = $1 and l.date <= $3 group by l.account_id`;
    const ledgerSql = `
      select l.id, l.date, l.debit_minor, l.credit_minor,
             sum(l.debit_minor - l.credit_minor) over (order by l.date, l.id) as running
        from accounting_entry_lines l
       where l.company_id = $1 and l.account_id = $2 and l.date between $3 and $4
       order by l.date, l.id limit 200`;
    return [
      {
        name: 'trial-balance (year)',
        tandemMs: await timed(runs, () => get(`/accounting/reports/trial-balance?from=${b.start}&to=${to}`)),
        rawMs: await timed(runs, async () => {
          await client.query(trialBalanceSql, [companyId, b.start, to]);
        }),
        runs,
      },
      {
        name: 'general-ledger (revenue, first 200 lines)',
        tandemMs: await timed(runs, () =>
          get(`/accounting/reports/general-ledger?accountId=${account}&from=${b.start}&to=${to}&limit=200`),
        ),
        rawMs: await timed(runs, async () => {
          await client.query(ledgerSql, [companyId, account, b.start, to]);
        }),
        runs,
      },
    ];
  } finally {
    await client.end();
  }
}
