import { sql } from 'drizzle-orm';
import { sqlViolations } from '../../platform/checks.ts';
import type { InvariantCheck } from '../../platform/module.ts';

export const accountingChecks: InvariantCheck[] = [
  {
    name: 'every posted journal entry balances, has two lines or more, and is numbered',
    run: (database) =>
      sqlViolations(
        database,
        sql`select e.company_id, e.id, e.number, count(l.id)::int as lines,
                   coalesce(sum(l.debit_minor), 0)::text as debit, coalesce(sum(l.credit_minor), 0)::text as credit
              from accounting_entries e
              left join accounting_entry_lines l on l.company_id = e.company_id and l.entry_id = e.id
             group by e.company_id, e.id, e.number
            having e.number is null or count(l.id) < 2 or coalesce(sum(l.debit_minor), 0) <> coalesce(sum(l.credit_minor), 0)
             limit 100`,
        (r) =>
          `company ${r.company_id}: entry ${r.number ?? r.id} has ${r.lines} lines, debit ${r.debit}, credit ${r.credit}`,
      ),
  },
  {
    name: 'entry numbers run from 1 without gaps per journal and fiscal year, as far as the counter says',
    run: (database) =>
      sqlViolations(
        database,
        sql`select coalesce(e.company_id, s.company_id) as company_id, coalesce(e.journal_id, s.journal_id) as journal_id,
                   coalesce(e.fiscal_year_id, s.fiscal_year_id) as fiscal_year_id,
                   e.entries, e.distinct_numbers, e.highest, s.last_number
              from (select company_id, journal_id, fiscal_year_id, count(*)::int as entries,
                           count(distinct sequence_number)::int as distinct_numbers, max(sequence_number) as highest
                      from accounting_entries group by 1, 2, 3) e
              full join accounting_sequences s
                on s.company_id = e.company_id and s.journal_id = e.journal_id and s.fiscal_year_id = e.fiscal_year_id
             where e.entries is distinct from e.highest or e.entries is distinct from e.distinct_numbers
                or coalesce(e.highest, 0) <> coalesce(s.last_number, 0)
             limit 100`,
        (r) =>
          `company ${r.company_id}: journal ${r.journal_id} in fiscal year ${r.fiscal_year_id} has ${r.entries ?? 0} entries numbered up to ${r.highest ?? 0} (${r.distinct_numbers ?? 0} distinct), counter at ${r.last_number ?? 0}`,
      ),
  },
  {
    name: 'the trial balance of every company is zero',
    run: (database) =>
      sqlViolations(
        database,
        sql`select company_id, sum(debit_minor)::text as debit, sum(credit_minor)::text as credit
              from accounting_entry_lines group by company_id
            having sum(debit_minor) <> sum(credit_minor)`,
        (r) => `company ${r.company_id}: debits ${r.debit} <> credits ${r.credit}`,
      ),
  },
  {
    name: 'entry lines carry their entry’s date and journal',
    run: (database) =>
      sqlViolations(
        database,
        sql`select l.company_id, l.id, e.number from accounting_entry_lines l
              join accounting_entries e on e.company_id = l.company_id and e.id = l.entry_id
             where l.date <> e.date or l.journal_id <> e.journal_id
             limit 100`,
        (r) =>
          `company ${r.company_id}: line ${r.id} of entry ${r.number} has another date or journal than its entry`,
      ),
  },
  {
    name: 'no entry line is matched beyond its amount, and matches pair one account and partner',
    run: (database) =>
      sqlViolations(
        database,
        sql`select l.company_id, l.id, e.number, (l.debit_minor + l.credit_minor)::text as amount, sum(x.amount_minor)::text as matched
              from accounting_entry_lines l
              join accounting_entries e on e.company_id = l.company_id and e.id = l.entry_id
              join accounting_allocations x on x.company_id = l.company_id and x.released_at is null
                                           and (x.debit_line_id = l.id or x.credit_line_id = l.id)
             group by l.company_id, l.id, e.number, l.debit_minor, l.credit_minor
            having sum(x.amount_minor) > l.debit_minor + l.credit_minor
            union all
            select x.company_id, x.id, 'match', d.account_id::text, c.account_id::text
              from accounting_allocations x
              join accounting_entry_lines d on d.company_id = x.company_id and d.id = x.debit_line_id
              join accounting_entry_lines c on c.company_id = x.company_id and c.id = x.credit_line_id
             where d.account_id <> c.account_id or d.partner_id is distinct from c.partner_id
             limit 100`,
        (r) => `company ${r.company_id}: ${r.number} ${r.id} is matched ${r.matched} of ${r.amount}`,
      ),
  },
  {
    name: 'each posted invoice has its entry, and the entry is the invoice’s',
    run: (database) =>
      sqlViolations(
        database,
        sql`select i.company_id, i.id, i.number from accounting_invoices i
              left join accounting_entries e on e.company_id = i.company_id and e.id = i.entry_id
             where i.state <> 'draft' and i.entry_id is not null
               and (e.id is null or e.source_type <> 'accounting.invoice' or e.source_id <> i.id::text or e.number <> i.number)
             limit 100`,
        (r) => `company ${r.company_id}: invoice ${r.number ?? r.id} does not match its journal entry`,
      ),
  },
];
