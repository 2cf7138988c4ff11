import pg from 'pg';
import { accountFor, journalOfType, postEntry } from '../src/modules/accounting/index.ts';
import { createWarehouse, listWarehouses, virtualLocations } from '../src/modules/inventory/index.ts';
import { createRegister } from '../src/modules/pos/service/registers.ts';
import { openShift } from '../src/modules/pos/service/shifts.ts';
import { modules } from '../src/modules/registry.ts';
import { openPostgres } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { withTx } from '../src/platform/db/tx.ts';
import { loadDemo } from '../src/platform/demo.ts';
import type { Scale } from './config.ts';

// The benchmark's data: the demo business made through Tandem's own services (company, chart of
// accounts, taxes, warehouses, tills), then grown set-based to scale by cloning its rows in SQL,
// the way the services would have written them: same tables, company id first, stock on hand
// equal to its moves, valued by entries, and the opening stock booked in one journal entry.

export type Register = { id: string; shiftId: string; warehouseId: string; stockLocationId: string };
export type Warehouse = { id: string; stockLocationId: string };
export type SeedInfo = {
  companyId: string;
  email: string;
  password: string;
  warehouses: Warehouse[];
  registers: Register[];
  /** Bench products' variants, hottest first. */
  variantIds: string[];
  productIds: string[];
  customerIds: string[];
  loadSeconds: number;
};

export const HOT_PRODUCTS = 10;
const HOT_QUANTITY = 1_000_000;
const QUANTITY = 5_000;

// Time-ordered UUIDv7s, fixed by the seed and the row number (random bits from md5).
const ID_FUNCTION = `
  create function pg_temp.bench_id(kind text, n bigint, base_ms bigint) returns uuid
  language sql immutable as $$
    select (lpad(to_hex(base_ms + n / 64), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid
      from (select md5(kind || ':' || n) as h) s
  $$`;

async function addWarehousesAndTills(url: string, companyId: string, scale: Scale) {
  const database = await openPostgres(url, { poolMax: 2 });
  const ctx = { companyId, actor: { type: 'system' as const, id: null } };
  try {
    return await withTx(database, ctx, async (tx) => {
      const existing = await listWarehouses(tx.db, companyId);
      for (let n = existing.length + 1; n <= scale.warehouses; n++) {
        const code = `ST${String(n).padStart(2, '0')}`;
        await createWarehouse(tx, { code, name: `Store ${n}`, negativeStock: 'refuse' });
      }
      const warehouses = (await listWarehouses(tx.db, companyId)).slice(0, scale.warehouses);
      const registers: Register[] = [];
      for (let n = 0; n < scale.registers; n++) {
        const warehouse = warehouses[n % warehouses.length]!;
        const register = await createRegister(tx, {
          code: `B${n + 1}`,
          name: `Bench till ${n + 1}`,
          warehouseId: warehouse.id,
        });
        const shift = await openShift(tx, { registerId: register.id, openingFloat: '100.00' });
        registers.push({
          id: register.id,
          shiftId: shift.id,
          warehouseId: warehouse.id,
          stockLocationId: register.stockLocationId,
        });
      }
      const virtual = await virtualLocations(tx);
      return {
        warehouses: warehouses.map((w) => ({ id: w.id, stockLocationId: w.stockLocationId })),
        registers,
        supplierLocationId: virtual.supplier,
      };
    });
  } finally {
    await database.close();
  }
}

async function cloneCatalogue(client: pg.Client, companyId: string, scale: Scale, baseMs: number) {
  const category = await client.query<{ id: string }>(
    `insert into catalog_categories (company_id, id, name, valuation)
     values ($1, pg_temp.bench_id('category' || $2, 1, $3), 'Bench goods', 'average') returning id`,
    [companyId, scale.seed, baseMs],
  );
  await client.query(
    `with templates as (
       select p.*, row_number() over (order by p.name, p.id) - 1 as k, count(*) over () as t
         from catalog_products p where p.company_id = $1 and p.kind = 'stockable' and not p.archived)
     insert into catalog_products (company_id, id, name, description, kind, category_id, unit_code, tax_category,
                                   currency_code, sale_price, cost_price)
     select $1, pg_temp.bench_id('product' || $3, n, $4), tp.name || ' · B' || n, null, 'stockable', $2,
            tp.unit_code, tp.tax_category, tp.currency_code, tp.sale_price, coalesce(tp.cost_price, 1)
       from generate_series(1, $5::int) n
       join templates tp on tp.k = (hashtext($3 || ':' || n) & 2147483647) % tp.t`,
    [companyId, category.rows[0]!.id, String(scale.seed), baseMs, scale.products],
  );
  await client.query(
    `insert into catalog_variants (company_id, id, product_id, sku, barcode, options)
     select $1, pg_temp.bench_id('variant' || $2, n, $3), pg_temp.bench_id('product' || $2, n, $3),
            'BENCH-' || lpad(n::text, 7, '0'), null, '{}'::jsonb
       from generate_series(1, $4::int) n`,
    [companyId, String(scale.seed), baseMs, scale.products],
  );
}

async function cloneStock(
  client: pg.Client,
  companyId: string,
  scale: Scale,
  baseMs: number,
  warehouses: Warehouse[],
  supplierLocationId: string,
) {
  const locations = warehouses.map((w) => w.stockLocationId);
  const whs = warehouses.map((w) => w.id);
  // One opening receipt per product and store, at the product's cost.
  await client.query(
    `create temporary table bench_opening as
     select n, w, pg_temp.bench_id('move' || $2, n * 100 + w, $3) as move_id,
            pg_temp.bench_id('variant' || $2, n, $3) as variant_id,
            ($5::uuid[])[w] as location_id, ($6::uuid[])[w] as warehouse_id,
            (case when n <= $7 then $8 else $9 end)::numeric as quantity, p.cost_price as unit_cost
       from generate_series(1, $4::int) n
      cross join generate_series(1, array_length($5::uuid[], 1)) w
       join catalog_products p on p.company_id = $1 and p.id = pg_temp.bench_id('product' || $2, n, $3)`,
    [
      companyId,
      String(scale.seed),
      baseMs,
      scale.products,
      locations,
      whs,
      HOT_PRODUCTS,
      HOT_QUANTITY,
      QUANTITY,
    ],
  );
  await client.query(
    `insert into inventory_moves (company_id, id, variant_id, from_location_id, to_location_id, quantity, reason,
                                  reference_type, reference_id, unit_cost, cost_source)
     select $1, move_id, variant_id, $2, location_id, quantity, 'opening', 'bench.opening', 'BENCH-OPENING',
            unit_cost, 'move'
       from bench_opening order by move_id`,
    [companyId, supplierLocationId],
  );
  await client.query(
    `insert into inventory_stock (company_id, variant_id, location_id, warehouse_id, quantity_on_hand)
     select $1, variant_id, location_id, warehouse_id, quantity from bench_opening`,
    [companyId],
  );
  const currency = await client.query<{ currency_code: string }>(
    'select currency_code from companies where id = $1',
    [companyId],
  );
  const currencyCode = currency.rows[0]!.currency_code;
  await client.query(
    `insert into inventory_valuation_entries (company_id, id, move_id, variant_id, method, currency_code, quantity,
                                              value_minor, unit_cost)
     select $1, pg_temp.bench_id('valuation' || $3, n * 100 + w, $4), move_id, variant_id, 'average', $2, quantity,
            round(quantity * unit_cost * 100)::bigint, unit_cost
       from bench_opening`,
    [companyId, currencyCode, String(scale.seed), baseMs],
  );
  await client.query(
    `insert into inventory_valuations (company_id, variant_id, method, currency_code, quantity, value_minor, unit_cost)
     select $1, variant_id, 'average', $2, sum(quantity), sum(round(quantity * unit_cost * 100)::bigint), min(unit_cost)
       from bench_opening group by variant_id`,
    [companyId, currencyCode],
  );
  const total = await client.query<{ value: string; first: string }>(
    `select sum(round(quantity * unit_cost * 100)::bigint)::text as value, min(move_id::text) as first
       from bench_opening`,
  );
  return { valueMinor: Number(total.rows[0]!.value), firstMoveId: total.rows[0]!.first };
}

async function cloneCustomers(client: pg.Client, companyId: string, scale: Scale, baseMs: number) {
  await client.query(
    `insert into crm_parties (company_id, id, kind, name, is_customer, is_supplier, email, country_code,
                              payment_term_days, credit_limit)
     select $1, pg_temp.bench_id('customer' || $2, n, $3), 'organisation', 'Bench customer ' || n, true, false,
            'buyer' || n || '@customers.bench.test', 'FR', 30, 100000000
       from generate_series(1, $4::int) n`,
    [companyId, String(scale.seed), baseMs, scale.customers],
  );
}

// The books hear of the opening stock as the valuation posting rule would have posted it: stock
// against opening balances, in one entry numbered in the general journal.
async function bookOpeningStock(url: string, companyId: string, valueMinor: number, firstMoveId: string) {
  const database = await openPostgres(url, { poolMax: 2 });
  try {
    await withTx(database, { companyId, actor: { type: 'system', id: null } }, async (tx) => {
      const general = await journalOfType(tx.db, companyId, 'general');
      const inventory = await accountFor(tx.db, companyId, 'inventory');
      const opening = await accountFor(tx.db, companyId, 'opening_balance');
      await postEntry(tx, {
        journalId: general.id,
        date: new Date().toISOString().slice(0, 10),
        reference: 'BENCH-OPENING',
        description: 'Stock valuation: bench opening stock',
        sourceType: 'inventory.valuation',
        sourceId: firstMoveId,
        lines: [
          { accountId: inventory.id, debitMinor: valueMinor, creditMinor: 0, description: 'Stock' },
          { accountId: opening.id, debitMinor: 0, creditMinor: valueMinor, description: 'opening' },
        ],
      });
    });
  } finally {
    await database.close();
  }
}

/** Migrates a fresh database and loads the bench data; answers what the workload needs. */
export async function seedDatabase(url: string, scale: Scale, say: (m: string) => void): Promise<SeedInfo> {
  const started = Date.now();
  const database = await openPostgres(url, { poolMax: 2 });
  let demo: Awaited<ReturnType<typeof loadDemo>>;
  try {
    await migrate(database);
    demo = await loadDemo(database, modules, { companyName: 'Tandem Bench', currencyCode: 'EUR' });
  } finally {
    await database.close();
  }
  const companyId = demo.company.id;
  say(`seed: demo business loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { warehouses, registers, supplierLocationId } = await addWarehousesAndTills(url, companyId, scale);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const baseMs = Date.now();
  try {
    await client.query(ID_FUNCTION);
    await client.query('begin');
    await cloneCatalogue(client, companyId, scale, baseMs);
    await cloneCustomers(client, companyId, scale, baseMs);
    const opening = await cloneStock(client, companyId, scale, baseMs, warehouses, supplierLocationId);
    await client.query('commit');
    await bookOpeningStock(url, companyId, opening.valueMinor, opening.firstMoveId);
    await client.query('analyze');
    const variants = await client.query<{ id: string }>(
      `select pg_temp.bench_id('variant' || $1, n, $2) as id from generate_series(1, $3::int) n order by n`,
      [String(scale.seed), baseMs, scale.products],
    );
    const products = await client.query<{ id: string }>(
      `select pg_temp.bench_id('product' || $1, n, $2) as id from generate_series(1, $3::int) n order by n`,
      [String(scale.seed), baseMs, scale.products],
    );
    const customers = await client.query<{ id: string }>(
      `select pg_temp.bench_id('customer' || $1, n, $2) as id from generate_series(1, $3::int) n order by n`,
      [String(scale.seed), baseMs, scale.customers],
    );
    const loadSeconds = (Date.now() - started) / 1000;
    say(
      `seed: ${scale.products} products × ${warehouses.length} stores, ${scale.customers} customers, ${registers.length} tills in ${loadSeconds.toFixed(1)} s`,
    );
    return {
      companyId,
      email: demo.admin.email,
      password: demo.admin.password!,
      warehouses,
      registers,
      variantIds: variants.rows.map((r) => r.id),
      productIds: products.rows.map((r) => r.id),
      customerIds: customers.rows.map((r) => r.id),
      loadSeconds,
    };
  } finally {
    await client.end();
  }
}
