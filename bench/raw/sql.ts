// The business transactions as single SQL statements: one round trip each, atomic because a
// statement is its own transaction. Stock and valuation rows are locked in a fixed order (by
// variant) before they change, as Tandem's services do, so concurrent orders cannot deadlock.
// A refused transaction raises inside the statement (pg_temp.bench_fail), so nothing is written.

// A time-ordered UUIDv7 made in SQL (PostgreSQL 15 has no uuidv7()).
const V7 = `(lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
             || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid`;

export const SESSION_SETUP = `
  create or replace function pg_temp.bench_fail(code text) returns int language plpgsql as $$
  begin raise exception '%', code using errcode = 'P0001'; end $$`;

// Lines priced from the catalogue with their product's sale tax (as Tandem's pricing does).
const PRICED_LINES = `
  input as (
    select t.variant_id, t.quantity, t.row_id, t.line_no::int as line_no
      from unnest($2::uuid[], $3::numeric[], $4::uuid[]) with ordinality as t(variant_id, quantity, row_id, line_no)),
  priced as (
    select i.line_no, i.variant_id, i.quantity, i.row_id, p.name as description, v.sku, p.unit_code,
           p.kind <> 'service' as stocked, coalesce(v.sale_price, p.sale_price) as unit_price,
           t.id as tax_id, t.name as tax_name, t.account_id as tax_account_id, coalesce(t.rate_percent, 0) as rate,
           round(i.quantity * coalesce(v.sale_price, p.sale_price) * 100)::bigint as amount_minor
      from input i
      join catalog_variants v on v.company_id = $1 and v.id = i.variant_id and not v.archived
      join catalog_products p on p.company_id = $1 and p.id = v.product_id and not p.archived
      left join accounting_tax_categories c on c.company_id = $1 and c.category = p.tax_category
      left join accounting_taxes t on t.company_id = $1 and t.id = c.sale_tax_id)`;

/**
 * New order, created and confirmed: priced, credit limit checked against open receivables and
 * confirmed orders not yet invoiced, numbered, stock reserved (what is available), audited.
 * $1 company, $2 variants, $3 quantities, $4 reservation ids, $5 order id, $6 customer,
 * $7 warehouse, $8 its stock location, $9 receivable account, $10 currency.
 */
export const NEW_ORDER = `
  with ${PRICED_LINES},
  lines as (select *, amount_minor as net_minor, round(amount_minor * rate / 100)::bigint as tax_minor from priced),
  totals as (select coalesce(sum(net_minor), 0)::bigint as net, coalesce(sum(tax_minor), 0)::bigint as tax,
                    count(*) as n from lines),
  customer as (
    select id, payment_term_days, credit_limit from crm_parties
     where company_id = $1 and id = $6 and is_customer and not archived),
  exposure as (
    select coalesce((select sum(round((l.quantity - l.quantity_invoiced) / l.quantity * (l.net_minor + l.tax_minor)))
                       from sales_orders o
                       join sales_order_lines l on l.company_id = o.company_id and l.order_id = o.id
                      where o.company_id = $1 and o.customer_id = $6 and o.state = 'confirmed'), 0)
         + coalesce((select sum(debit_minor - credit_minor) from accounting_entry_lines
                      where company_id = $1 and partner_id = $6 and account_id = $9), 0) as minor),
  gate as (
    select c.payment_term_days from customer c, totals t, exposure e
     where t.n = cardinality($2::uuid[])
       and (c.credit_limit is null or e.minor + t.net + t.tax <= round(c.credit_limit * 100))),
  counter as (
    insert into sales_counters (company_id, name, last) select $1, 'SO', 1 from gate
    on conflict (company_id, name) do update set last = sales_counters.last + 1
    returning last),
  num as (select 'SO/' || extract(year from now())::int || '/' || lpad(last::text, 5, '0') as number from counter),
  locked as (
    select s.variant_id, s.quantity_on_hand - s.quantity_reserved as available
      from inventory_stock s
     where s.company_id = $1 and s.location_id = $8 and s.variant_id = any($2::uuid[]) and exists (select from gate)
     order by s.variant_id
       for update),
  held as (
    select l.line_no, l.variant_id, l.row_id, least(l.quantity, greatest(coalesce(k.available, 0), 0)) as held
      from lines l left join locked k on k.variant_id = l.variant_id
     where l.stocked),
  reserved as (
    update inventory_stock s set quantity_reserved = s.quantity_reserved + h.held, updated_at = now()
      from held h
     where s.company_id = $1 and s.location_id = $8 and s.variant_id = h.variant_id and h.held > 0
    returning s.variant_id),
  reservations as (
    insert into inventory_reservations (company_id, id, variant_id, location_id, quantity, reference_type, reference_id)
    select $1, h.row_id, h.variant_id, $8, h.held, 'sales.order', num.number from held h, num where h.held > 0
    returning id, quantity),
  ord as (
    insert into sales_orders (company_id, id, number, state, customer_id, order_date, currency_code, payment_term_days,
                              warehouse_id, stock_location_id, invoice_policy, net_minor, tax_minor, total_minor,
                              confirmed_at, version)
    select $1, $5, num.number, 'confirmed', $6, current_date, $10, g.payment_term_days, $7, $8, 'order',
           t.net, t.tax, t.net + t.tax, now(), 2
      from gate g, num, totals t
    returning id, number, total_minor),
  order_lines as (
    insert into sales_order_lines (company_id, order_id, line_no, variant_id, description, sku, unit_code, stocked,
                                   quantity, unit_price, discount_percent, tax_ids, net_minor, tax_minor,
                                   reservation_id, quantity_reserved)
    select $1, o.id, l.line_no, l.variant_id, l.description, l.sku, l.unit_code, l.stocked, l.quantity, l.unit_price,
           0, case when l.tax_id is null then '{}'::uuid[] else array[l.tax_id] end, l.net_minor, l.tax_minor,
           case when h.held > 0 then h.row_id end, coalesce(h.held, 0)
      from ord o cross join lines l left join held h on h.line_no = l.line_no
    returning line_no, variant_id, quantity, quantity_reserved),
  audit as (
    insert into audit_log (company_id, id, actor_type, actor_id, entity, entity_id, action, changes)
    select $1, ${V7}, 'system', null, a.entity, a.entity_id, a.action, a.changes
      from (select 'sales.order' as entity, o.id::text as entity_id, 'create' as action,
                   jsonb_build_object('number', jsonb_build_object('old', null, 'new', o.number),
                                      'customerId', jsonb_build_object('old', null, 'new', $6::uuid)) as changes
              from ord o
            union all
            select 'sales.order', o.id::text, 'confirm', '{"state": {"old": "quotation", "new": "confirmed"}}'::jsonb
              from ord o
            union all
            select 'inventory.reservation', r.id::text, 'create',
                   jsonb_build_object('quantity', jsonb_build_object('old', null, 'new', r.quantity))
              from reservations r) a),
  event as (
    insert into event_outbox (company_id, id, type, type_version, aggregate_type, aggregate_id, payload)
    select $1, ${V7}, 'sales.order.confirmed', 1, 'sales.order', o.id::text,
           jsonb_build_object('orderId', o.id, 'number', o.number, 'customerId', $6::uuid,
                              'totalMinor', o.total_minor, 'currencyCode', $10::text)
      from ord o)
  select case when not exists (select from gate) then pg_temp.bench_fail('sales.credit_limit_exceeded') end as refused,
         o.id, o.number, o.total_minor,
         (select json_agg(json_build_object('lineNo', l.line_no, 'variantId', l.variant_id, 'quantity', l.quantity,
                                            'quantityReserved', l.quantity_reserved) order by l.line_no)
            from order_lines l) as lines
    from (select 1) one left join ord o on true`;

/**
 * A complete POS sale: priced at shelf prices (taxes included), paid, stock taken (refused when
 * short), valued at the average cost, receipt numbered, the sale's journal entry and the stock
 * valuation entry numbered and posted, audited, with its events in the outbox.
 * $1 company, $2 variants, $3 quantities, $4 move ids, $5 sale id, $6 register, $7 shift,
 * $8 client sale id, $9 payment methods, $10 payment amounts (minor), $11 entry ids [sale, stock],
 * $12 customer location, $13 currency, $14 fiscal year, $15 period, $16 cash journal, $17 its code,
 * $18 its account, $19 general journal, $20 its code, $21 revenue, $22 inventory, $23 cost of goods sold.
 */
export const POS_SALE = `
  with ${PRICED_LINES},
  lines as (select *, amount_minor as gross_minor, round(amount_minor * 100 / (100 + rate))::bigint as net_minor
              from priced),
  totals as (select coalesce(sum(gross_minor), 0)::bigint as total, coalesce(sum(net_minor), 0)::bigint as net,
                    coalesce(sum(gross_minor - net_minor), 0)::bigint as tax, count(*) as n from lines),
  pay as (select p.method, p.amount_minor, p.position::int - 1 as position
            from unnest($9::text[], $10::bigint[]) with ordinality as p(method, amount_minor, position)),
  paid as (select sum(amount_minor) as paid, coalesce(sum(amount_minor) filter (where method = 'cash'), 0) as cash
             from pay),
  reg as (select id, code, stock_location_id from pos_registers where company_id = $1 and id = $6::uuid and not archived),
  gate as (
    select from reg, totals t, paid p
     where t.n = cardinality($2::uuid[])
       and exists (select from pos_shifts where company_id = $1 and id = $7::uuid and register_id = $6::uuid and state = 'open')
       and not exists (select from pos_sales where company_id = $1 and register_id = $6::uuid and client_sale_id = $8::text)
       and p.paid >= t.total and p.paid - t.total <= p.cash),
  locked as (
    select s.variant_id, s.quantity_on_hand - s.quantity_reserved as available
      from inventory_stock s, reg
     where s.company_id = $1 and s.location_id = reg.stock_location_id and s.variant_id = any($2::uuid[])
       and exists (select from gate)
     order by s.variant_id
       for update of s),
  taken as (
    update inventory_stock s set quantity_on_hand = s.quantity_on_hand - l.quantity, updated_at = now()
      from lines l, locked k, reg
     where s.company_id = $1 and s.location_id = reg.stock_location_id and s.variant_id = l.variant_id
       and k.variant_id = l.variant_id and l.stocked and k.available >= l.quantity
    returning s.variant_id),
  valuation as (
    select v.variant_id, v.method, v.unit_cost from inventory_valuations v
     where v.company_id = $1 and v.variant_id = any($2::uuid[]) and exists (select from gate)
     order by v.variant_id
       for update),
  valued as (
    update inventory_valuations v
       set quantity = v.quantity - l.quantity, value_minor = v.value_minor - round(l.quantity * k.unit_cost * 100)::bigint,
           updated_at = now()
      from lines l, valuation k
     where v.company_id = $1 and v.variant_id = l.variant_id and k.variant_id = l.variant_id and l.stocked
    returning v.variant_id, v.method, k.unit_cost, l.quantity, l.row_id as move_id,
              round(l.quantity * k.unit_cost * 100)::bigint as value_minor),
  counter as (
    update pos_registers set last_receipt_number = last_receipt_number + 1
     where company_id = $1 and id = $6::uuid and exists (select from gate)
    returning code || '-' || lpad(last_receipt_number::text, 6, '0') as number),
  sale as (
    insert into pos_sales (company_id, id, kind, register_id, shift_id, client_sale_id, receipt_number, sold_at,
                           currency_code, net_minor, tax_minor, total_minor, change_minor, taxes)
    select $1, $5::uuid, 'sale', $6::uuid, $7::uuid, $8::text, c.number, now(), $13::text, t.net, t.tax, t.total, p.paid - t.total,
           coalesce((select jsonb_agg(jsonb_build_object('taxId', x.tax_id, 'code', x.tax_name, 'baseMinor', x.base,
                                                         'amountMinor', x.amount))
                       from (select tax_id, min(tax_name) as tax_name, sum(net_minor) as base,
                                    sum(gross_minor - net_minor) as amount
                               from lines where tax_id is not null group by tax_id) x), '[]'::jsonb)
      from counter c, totals t, paid p
    returning id, receipt_number, total_minor),
  sale_lines as (
    insert into pos_sale_lines (company_id, sale_id, line_no, variant_id, description, sku, quantity, unit_price,
                                discount_percent, tax_ids, net_minor, tax_minor)
    select $1, s.id, l.line_no, l.variant_id, l.description, l.sku, l.quantity, l.unit_price, 0,
           case when l.tax_id is null then '{}'::uuid[] else array[l.tax_id] end, l.net_minor, l.gross_minor - l.net_minor
      from sale s, lines l),
  payments as (
    insert into pos_payments (company_id, sale_id, position, method, amount_minor)
    select $1, s.id, p.position, p.method, p.amount_minor from sale s, pay p),
  moves as (
    insert into inventory_moves (company_id, id, variant_id, from_location_id, to_location_id, quantity, reason,
                                 reference_type, reference_id, idempotency_key)
    select $1, l.row_id, l.variant_id, r.stock_location_id, $12::uuid, l.quantity, 'pos.sale', 'pos.sale', s.id::text,
           'pos:' || $6::uuid || ':' || $8::text || '#' || lpad((l.line_no - 1)::text, 4, '0')
      from sale s, reg r, lines l where l.stocked
    returning id, variant_id, quantity),
  valuation_entries as (
    insert into inventory_valuation_entries (company_id, id, move_id, variant_id, method, currency_code, quantity,
                                             value_minor, unit_cost)
    select $1, ${V7}, v.move_id, v.variant_id, v.method, $13::text, -v.quantity, -v.value_minor, v.unit_cost
      from valued v, sale s),
  cash_number as (
    insert into accounting_sequences (company_id, journal_id, fiscal_year_id, last_number)
    select $1, $16::uuid, $14::uuid, 1 from sale
    on conflict (company_id, journal_id, fiscal_year_id) do update set last_number = accounting_sequences.last_number + 1
    returning last_number),
  stock_number as (
    insert into accounting_sequences (company_id, journal_id, fiscal_year_id, last_number)
    select $1, $19::uuid, $14::uuid, 1 from sale
    on conflict (company_id, journal_id, fiscal_year_id) do update set last_number = accounting_sequences.last_number + 1
    returning last_number),
  entries as (
    insert into accounting_entries (company_id, id, journal_id, fiscal_year_id, period_id, number, sequence_number,
                                    date, reference, description, source_type, source_id)
    select $1, ($11::uuid[])[1], $16::uuid, $14::uuid, $15::uuid, $17::text || '/' || extract(year from current_date)::int || '/'
             || lpad(n.last_number::text, 5, '0'), n.last_number, current_date, s.receipt_number,
           'Sale ' || s.receipt_number, 'pos.sale', s.id::text
      from sale s, cash_number n
    union all
    select $1, ($11::uuid[])[2], $19::uuid, $14::uuid, $15::uuid, $20::text || '/' || extract(year from current_date)::int || '/'
             || lpad(n.last_number::text, 5, '0'), n.last_number, current_date, s.id::text,
           'Stock valuation: ' || (select count(*) from valued) || ' move(s), pos.sale', 'inventory.valuation',
           (select min(move_id::text) from valued)
      from sale s, stock_number n where exists (select from valued)
    returning id, journal_id),
  entry_lines as (
    insert into accounting_entry_lines (company_id, id, entry_id, line_no, journal_id, date, account_id, description,
                                        debit_minor, credit_minor, currency_code, amount_currency_minor, tax_id,
                                        tax_base_minor)
    select $1, ${V7}, x.entry_id, row_number() over (partition by x.entry_id order by x.k, x.tax_id), x.journal_id,
           current_date, x.account_id, x.description, x.debit, x.credit, $13::text, x.debit - x.credit, x.tax_id, x.tax_base
      from (select ($11::uuid[])[1] as entry_id, $16::uuid as journal_id, 1 as k, $18::uuid as account_id,
                   p.method || ' ' || s.receipt_number as description,
                   sum(p.amount_minor) - case when p.method = 'cash' then min(s2.change) else 0 end as debit,
                   0::bigint as credit, null::uuid as tax_id, null::bigint as tax_base
              from pay p, sale s, (select pd.paid - t.total as change from paid pd, totals t) s2
             group by p.method, s.receipt_number
            union all
            select ($11::uuid[])[1], $16::uuid, 2, $21::uuid, 'Sales ' || s.receipt_number, 0, sum(l.net_minor), null, null
              from lines l, sale s group by s.receipt_number
            union all
            select ($11::uuid[])[1], $16::uuid, 3, l.tax_account_id, min(l.tax_name), 0, sum(l.gross_minor - l.net_minor),
                   l.tax_id, sum(l.net_minor)
              from lines l, sale s where l.tax_id is not null group by l.tax_id, l.tax_account_id
            union all
            select ($11::uuid[])[2], $19::uuid, 1, $22::uuid, 'Stock', 0, sum(v.value_minor), null, null from valued v, sale s
            union all
            select ($11::uuid[])[2], $19::uuid, 2, $23::uuid, 'pos.sale', sum(v.value_minor), 0, null, null from valued v, sale s
           ) x
     where x.debit > 0 or x.credit > 0),
  audit as (
    insert into audit_log (company_id, id, actor_type, actor_id, entity, entity_id, action, changes)
    select $1, ${V7}, 'system', null, a.entity, a.entity_id, a.action, a.changes
      from (select 'pos.sale' as entity, s.id::text as entity_id, 'complete' as action,
                   jsonb_build_object('receipt', jsonb_build_object('old', null, 'new', s.receipt_number),
                                      'total', jsonb_build_object('old', null, 'new', s.total_minor)) as changes
              from sale s
            union all
            select 'inventory.move', m.id::text, 'post', jsonb_build_object('quantity', jsonb_build_object('old', null, 'new', m.quantity))
              from moves m
            union all
            select 'accounting.entry', e.id::text, 'post', '{}'::jsonb from entries e) a),
  events as (
    insert into event_outbox (company_id, id, type, type_version, aggregate_type, aggregate_id, payload)
    select $1, ${V7}, e.type, 1, e.aggregate_type, e.aggregate_id, e.payload
      from (select 'pos.sale.completed' as type, 'pos.sale' as aggregate_type, s.id::text as aggregate_id,
                   jsonb_build_object('saleId', s.id, 'receiptNumber', s.receipt_number, 'totalMinor', s.total_minor) as payload
              from sale s
            union all
            select 'inventory.move.posted', 'inventory.item', m.variant_id::text,
                   jsonb_build_object('moveId', m.id, 'variantId', m.variant_id, 'quantity', m.quantity)
              from moves m
            union all
            select 'inventory.valuation.changed', 'inventory.item', v.variant_id::text,
                   jsonb_build_object('moveId', v.move_id, 'variantId', v.variant_id, 'valueMinor', -v.value_minor)
              from valued v, sale s
            union all
            select 'accounting.entry.posted', 'accounting.entry', e.id::text, jsonb_build_object('entryId', e.id)
              from entries e) e)
  select case when not exists (select from gate) then pg_temp.bench_fail('pos.sale_refused')
              when (select count(*) from taken) <> (select count(*) from lines where stocked)
                then pg_temp.bench_fail('inventory.insufficient_stock') end as refused,
         s.id, s.receipt_number, s.total_minor
    from (select 1) one left join sale s on true`;

/** Order status: a customer's latest orders with their lines. $1 company, $2 customer, $3 limit. */
export const ORDER_STATUS = `
  select o.id, o.number, o.state, o.total_minor, o.order_date,
         (select json_agg(json_build_object('lineNo', l.line_no, 'variantId', l.variant_id, 'quantity', l.quantity,
                                            'quantityDelivered', l.quantity_delivered,
                                            'quantityReserved', l.quantity_reserved) order by l.line_no)
            from sales_order_lines l where l.company_id = o.company_id and l.order_id = o.id) as lines
    from sales_orders o
   where o.company_id = $1 and o.customer_id = $2
   order by o.created_at desc
   limit $3`;

/** Stock level of a variant in a warehouse. $1 company, $2 variant, $3 warehouse. */
export const STOCK_LEVEL = `
  select variant_id, location_id, warehouse_id, quantity_on_hand, quantity_reserved,
         quantity_on_hand - quantity_reserved as available
    from inventory_stock where company_id = $1 and variant_id = $2 and warehouse_id = $3`;

/** One product with its variants. $1 company, $2 product. */
export const PRODUCT = `
  select p.id, p.name, p.kind, p.sale_price, p.currency_code,
         (select json_agg(json_build_object('id', v.id, 'sku', v.sku, 'barcode', v.barcode) order by v.sku)
            from catalog_variants v where v.company_id = p.company_id and v.product_id = p.id) as variants
    from catalog_products p where p.company_id = $1 and p.id = $2`;

/**
 * Delivery of everything reserved on a confirmed order (invoiced per order, so no invoice here):
 * reservations released, the goods moved out of the store, valued at the average cost with the
 * valuation entry numbered and posted, delivery numbered, lines delivered, order done when complete.
 * Every line of a bench order is reserved in full, so nothing is left to hold again.
 * $1 company, $2 order, $3 delivery id, $4 customer location, $5 currency, $6 fiscal year,
 * $7 period, $8 general journal, $9 its code, $10 inventory, $11 cost of goods sold, $12 entry id.
 */
export const DELIVERY = `
  with ord as (
    select id, number, stock_location_id from sales_orders
     where company_id = $1 and id = $2::uuid and state = 'confirmed'
       for update),
  lines as (
    select l.line_no, l.variant_id, l.reservation_id, l.quantity_reserved as take, ${V7} as move_id
      from sales_order_lines l, ord
     where l.company_id = $1 and l.order_id = ord.id and l.stocked and l.quantity_reserved > 0
       and l.quantity - l.quantity_delivered > 0),
  gate as (select from ord where exists (select from lines)),
  locked as (
    select s.variant_id from inventory_stock s, ord
     where s.company_id = $1 and s.location_id = ord.stock_location_id
       and s.variant_id in (select variant_id from lines)
     order by s.variant_id
       for update of s),
  released as (
    update inventory_reservations r set released_at = now()
      from lines l
     where r.company_id = $1 and r.id = l.reservation_id and r.released_at is null
    returning r.id, r.quantity),
  taken as (
    update inventory_stock s
       set quantity_reserved = s.quantity_reserved - l.take, quantity_on_hand = s.quantity_on_hand - l.take,
           updated_at = now()
      from lines l, ord, (select count(*) from locked) k
     where s.company_id = $1 and s.location_id = ord.stock_location_id and s.variant_id = l.variant_id
       and s.quantity_on_hand >= l.take
    returning s.variant_id),
  valuation as (
    select v.variant_id, v.method, v.unit_cost from inventory_valuations v
     where v.company_id = $1 and v.variant_id in (select variant_id from lines) and exists (select from gate)
     order by v.variant_id
       for update),
  valued as (
    update inventory_valuations v
       set quantity = v.quantity - l.take, value_minor = v.value_minor - round(l.take * k.unit_cost * 100)::bigint,
           updated_at = now()
      from lines l, valuation k
     where v.company_id = $1 and v.variant_id = l.variant_id and k.variant_id = l.variant_id
    returning v.variant_id, v.method, k.unit_cost, l.take, l.move_id, round(l.take * k.unit_cost * 100)::bigint as value_minor),
  counter as (
    insert into sales_counters (company_id, name, last) select $1, 'DO', 1 from gate
    on conflict (company_id, name) do update set last = sales_counters.last + 1
    returning 'DO/' || extract(year from now())::int || '/' || lpad(last::text, 5, '0') as number),
  delivery as (
    insert into sales_deliveries (company_id, id, order_id, number)
    select $1, $3::uuid, ord.id, c.number from ord, counter c
    returning id, number),
  moves as (
    insert into inventory_moves (company_id, id, variant_id, from_location_id, to_location_id, quantity, reason,
                                 reference_type, reference_id)
    select $1, l.move_id, l.variant_id, ord.stock_location_id, $4::uuid, l.take, 'sales.delivery', 'sales.delivery',
           d.number
      from lines l, ord, delivery d
    returning id, variant_id, quantity),
  delivery_lines as (
    insert into sales_delivery_lines (company_id, delivery_id, line_no, quantity, move_id)
    select $1, d.id, l.line_no, l.take, l.move_id from lines l, delivery d),
  delivered as (
    update sales_order_lines o
       set quantity_delivered = o.quantity_delivered + l.take, reservation_id = null, quantity_reserved = 0
      from lines l, delivery d
     where o.company_id = $1 and o.order_id = $2::uuid and o.line_no = l.line_no
    returning o.line_no, o.quantity, o.quantity_delivered),
  done as (
    update sales_orders set state = 'done', updated_at = now()
     where company_id = $1 and id = $2::uuid and exists (select from delivery)
       and not exists (select from sales_order_lines o
                        where o.company_id = $1 and o.order_id = $2::uuid
                          and o.quantity_delivered + coalesce((select l.take from lines l where l.line_no = o.line_no), 0)
                              < o.quantity)
    returning id),
  valuation_entries as (
    insert into inventory_valuation_entries (company_id, id, move_id, variant_id, method, currency_code, quantity,
                                             value_minor, unit_cost)
    select $1, ${V7}, v.move_id, v.variant_id, v.method, $5::text, -v.take, -v.value_minor, v.unit_cost
      from valued v, delivery d),
  entry_number as (
    insert into accounting_sequences (company_id, journal_id, fiscal_year_id, last_number)
    select $1, $8::uuid, $6::uuid, 1 from delivery
    on conflict (company_id, journal_id, fiscal_year_id) do update set last_number = accounting_sequences.last_number + 1
    returning last_number),
  entry as (
    insert into accounting_entries (company_id, id, journal_id, fiscal_year_id, period_id, number, sequence_number,
                                    date, reference, description, source_type, source_id)
    select $1, $12::uuid, $8::uuid, $6::uuid, $7::uuid,
           $9::text || '/' || extract(year from current_date)::int || '/' || lpad(n.last_number::text, 5, '0'),
           n.last_number, current_date, d.number, 'Stock valuation: ' || (select count(*) from valued) || ' move(s), sales.delivery',
           'inventory.valuation', (select min(move_id::text) from valued)
      from delivery d, entry_number n
    returning id),
  entry_lines as (
    insert into accounting_entry_lines (company_id, id, entry_id, line_no, journal_id, date, account_id, description,
                                        debit_minor, credit_minor, currency_code, amount_currency_minor)
    select $1, ${V7}, e.id, x.line_no, $8::uuid, current_date, x.account_id, x.description, x.debit, x.credit, $5::text,
           x.debit - x.credit
      from entry e,
           (select 1 as line_no, $10::uuid as account_id, 'Stock' as description, 0::bigint as debit,
                   sum(value_minor)::bigint as credit from valued
            union all
            select 2, $11::uuid, 'sales.delivery', sum(value_minor)::bigint, 0 from valued) x
     where x.debit > 0 or x.credit > 0),
  audit as (
    insert into audit_log (company_id, id, actor_type, actor_id, entity, entity_id, action, changes)
    select $1, ${V7}, 'system', null, a.entity, a.entity_id, a.action, a.changes
      from (select 'sales.order' as entity, $2::text as entity_id, 'deliver' as action,
                   jsonb_build_object('delivery', jsonb_build_object('old', null, 'new', d.number)) as changes
              from delivery d
            union all
            select 'inventory.reservation', r.id::text, 'release', '{}'::jsonb from released r
            union all
            select 'inventory.move', m.id::text, 'post', jsonb_build_object('quantity', jsonb_build_object('old', null, 'new', m.quantity))
              from moves m
            union all
            select 'accounting.entry', e.id::text, 'post', '{}'::jsonb from entry e) a),
  events as (
    insert into event_outbox (company_id, id, type, type_version, aggregate_type, aggregate_id, payload)
    select $1, ${V7}, e.type, 1, e.aggregate_type, e.aggregate_id, e.payload
      from (select 'sales.order.delivered' as type, 'sales.order' as aggregate_type, $2::text as aggregate_id,
                   jsonb_build_object('orderId', $2::uuid, 'deliveryId', d.id, 'deliveryNumber', d.number) as payload
              from delivery d
            union all
            select 'inventory.move.posted', 'inventory.item', m.variant_id::text,
                   jsonb_build_object('moveId', m.id, 'variantId', m.variant_id, 'quantity', m.quantity)
              from moves m
            union all
            select 'inventory.valuation.changed', 'inventory.item', v.variant_id::text,
                   jsonb_build_object('moveId', v.move_id, 'variantId', v.variant_id, 'valueMinor', -v.value_minor)
              from valued v, delivery d
            union all
            select 'accounting.entry.posted', 'accounting.entry', e.id::text, jsonb_build_object('entryId', e.id)
              from entry e) e)
  select case when not exists (select from gate) then pg_temp.bench_fail('sales.nothing_to_deliver')
              when (select count(*) from taken) <> (select count(*) from lines)
                then pg_temp.bench_fail('inventory.insufficient_stock') end as refused,
         d.id, d.number, (select count(*) from done) as done
    from (select 1) one left join delivery d on true`;
