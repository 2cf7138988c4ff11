import { sql } from 'drizzle-orm';
import { sqlViolations } from '../../platform/checks.ts';
import type { InvariantCheck } from '../../platform/module.ts';

// Invariants across the till, the stock ledger and the books. They read the other modules' tables
// by source reference only, in `tandem check`, never in a service.
export const posChecks: InvariantCheck[] = [
  {
    name: 'each completed sale or return has its stock moves and its journal entry, exactly once',
    run: (database) =>
      sqlViolations(
        database,
        sql`select s.company_id, s.receipt_number, s.kind,
                   (select count(*) from accounting_entries e where e.company_id = s.company_id and e.source_type = 'pos.sale'
                       and e.source_id = s.id::text and e.reverses_entry_id is null)::int as entries,
                   (select count(*) from pos_sale_lines l where l.company_id = s.company_id and l.sale_id = s.id)::int as lines,
                   (select count(*) from inventory_moves m where m.company_id = s.company_id and m.reference_type = 'pos.sale'
                       and m.reference_id = s.id::text)::int as moves,
                   exists (select 1 from accounting_settings a where a.company_id = s.company_id) as books
              from pos_sales s
             where (exists (select 1 from accounting_settings a where a.company_id = s.company_id)
                    and (select count(*) from accounting_entries e where e.company_id = s.company_id and e.source_type = 'pos.sale'
                           and e.source_id = s.id::text and e.reverses_entry_id is null) <> 1)
                or (select count(*) from inventory_moves m where m.company_id = s.company_id and m.reference_type = 'pos.sale'
                      and m.reference_id = s.id::text)
                   > (select count(*) from pos_sale_lines l where l.company_id = s.company_id and l.sale_id = s.id)
             limit 100`,
        (r) =>
          `company ${r.company_id}: ${r.kind} ${r.receipt_number} has ${r.entries} journal entries and ${r.moves} moves for ${r.lines} lines`,
      ),
  },
];
