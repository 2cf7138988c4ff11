// `tandem check` invariants of stock valuation, across all companies.
import { sql } from 'drizzle-orm';
import { sqlViolations } from '../../../platform/checks.ts';
import type { InvariantCheck } from '../../../platform/module.ts';

export const valuationChecks: InvariantCheck[] = [
  {
    name: 'each FIFO layer keeps what it received less what was taken from it',
    run: (database) =>
      sqlViolations(
        database,
        sql`select l.company_id, l.id, l.quantity_remaining::text as remaining, l.value_remaining_minor,
                   (l.quantity - coalesce(c.quantity, 0))::text as expected, l.value_minor - coalesce(c.value_minor, 0) as expected_value
              from inventory_cost_layers l
              left join (select company_id, layer_id, sum(quantity) as quantity, sum(value_minor) as value_minor
                           from inventory_layer_consumptions group by 1, 2) c
                on c.company_id = l.company_id and c.layer_id = l.id
             where l.quantity_remaining <> l.quantity - coalesce(c.quantity, 0)
                or l.value_remaining_minor <> l.value_minor - coalesce(c.value_minor, 0)
             limit 100`,
        (r) =>
          `company ${r.company_id}: layer ${r.id} has ${r.remaining} (${r.value_remaining_minor}) left, its consumptions say ${r.expected} (${r.expected_value})`,
      ),
  },
  {
    name: 'each FIFO shortfall keeps open what went short less what was settled',
    run: (database) =>
      sqlViolations(
        database,
        sql`select f.company_id, f.id, f.quantity_open::text as open, f.value_open_minor,
                   (f.quantity - coalesce(s.quantity, 0))::text as expected, f.value_minor - coalesce(s.value_minor, 0) as expected_value
              from inventory_cost_shortfalls f
              left join (select company_id, shortfall_id, sum(quantity) as quantity, sum(value_minor) as value_minor
                           from inventory_shortfall_settlements group by 1, 2) s
                on s.company_id = f.company_id and s.shortfall_id = f.id
             where f.quantity_open <> f.quantity - coalesce(s.quantity, 0)
                or f.value_open_minor <> f.value_minor - coalesce(s.value_minor, 0)
             limit 100`,
        (r) =>
          `company ${r.company_id}: shortfall ${r.id} has ${r.open} (${r.value_open_minor}) open, its settlements say ${r.expected} (${r.expected_value})`,
      ),
  },
  {
    name: 'stock value and quantity equal the sum of the valuation entries',
    run: (database) =>
      sqlViolations(
        database,
        sql`with ledger as (select company_id, variant_id, sum(quantity) as quantity, sum(value_minor) as value_minor
                              from inventory_valuation_entries group by 1, 2)
            select coalesce(v.company_id, l.company_id) as company_id, coalesce(v.variant_id, l.variant_id) as variant_id,
                   v.quantity::text as quantity, v.value_minor, l.quantity::text as ledger_quantity, l.value_minor as ledger_value
              from inventory_valuations v
              full join ledger l on l.company_id = v.company_id and l.variant_id = v.variant_id
             where coalesce(v.quantity, 0) <> coalesce(l.quantity, 0) or coalesce(v.value_minor, 0) <> coalesce(l.value_minor, 0)
             limit 100`,
        (r) =>
          `company ${r.company_id}: variant ${r.variant_id} is valued ${r.quantity ?? 0} at ${r.value_minor ?? 0}, its entries say ${r.ledger_quantity ?? 0} at ${r.ledger_value ?? 0}`,
      ),
  },
  {
    name: 'FIFO stock value equals its open layers less its open shortfalls, never both open',
    run: (database) =>
      sqlViolations(
        database,
        sql`with lots as (
              select company_id, variant_id, sum(quantity_remaining) as quantity, sum(value_remaining_minor) as value_minor,
                     count(*) filter (where quantity_remaining > 0) as layers, 0 as shortfalls
                from inventory_cost_layers group by 1, 2
              union all
              select company_id, variant_id, -sum(quantity_open), -sum(value_open_minor), 0, count(*) filter (where quantity_open > 0)
                from inventory_cost_shortfalls group by 1, 2),
            book as (select company_id, variant_id, sum(quantity) as quantity, sum(value_minor) as value_minor,
                            sum(layers) as layers, sum(shortfalls) as shortfalls from lots group by 1, 2)
            select v.company_id, v.variant_id, v.quantity::text as quantity, v.value_minor,
                   coalesce(b.quantity, 0)::text as book_quantity, coalesce(b.value_minor, 0) as book_value,
                   coalesce(b.layers, 0) as layers, coalesce(b.shortfalls, 0) as shortfalls
              from inventory_valuations v
              left join book b on b.company_id = v.company_id and b.variant_id = v.variant_id
             where v.method = 'fifo'
               and (v.quantity <> coalesce(b.quantity, 0) or v.value_minor <> coalesce(b.value_minor, 0)
                    or (coalesce(b.layers, 0) > 0 and coalesce(b.shortfalls, 0) > 0))
             limit 100`,
        (r) =>
          `company ${r.company_id}: FIFO variant ${r.variant_id} is valued ${r.quantity} at ${r.value_minor}, its layers and shortfalls say ${r.book_quantity} at ${r.book_value} (${r.layers} layers, ${r.shortfalls} shortfalls open)`,
      ),
  },
  {
    name: 'the valued quantity of each variant equals its stock on hand and in transit',
    run: (database) =>
      sqlViolations(
        database,
        sql`with owned as (
              select flows.company_id, flows.variant_id, sum(flows.quantity) as quantity from (
                select m.company_id, m.variant_id, m.to_location_id as location_id, m.quantity from inventory_moves m
                union all
                select m.company_id, m.variant_id, m.from_location_id, -m.quantity from inventory_moves m
              ) flows
              join inventory_locations l on l.company_id = flows.company_id and l.id = flows.location_id
                                        and l.kind in ('internal', 'transit')
              group by 1, 2)
            select v.company_id, v.variant_id, v.quantity::text as valued, coalesce(o.quantity, 0)::text as owned
              from inventory_valuations v
              left join owned o on o.company_id = v.company_id and o.variant_id = v.variant_id
             where v.quantity <> coalesce(o.quantity, 0)
             limit 100`,
        (r) =>
          `company ${r.company_id}: variant ${r.variant_id} is valued for ${r.valued}, the stock ledger has ${r.owned} on hand and in transit`,
      ),
  },
];
