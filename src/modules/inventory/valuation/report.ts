// Stock value at the end of any day, from the valuation entries (and, per warehouse, the moves).
import { Decimal } from 'decimal.js';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { companyCurrency } from '../../../platform/auth/companies.ts';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import { fromMinor } from '../../../shared/money.ts';
import { InventoryErrors } from '../errors.ts';
import { inventoryWarehouses } from '../schema.ts';
import type { ValuationLine, ValuationReport, ValuationReportQuery } from './contracts.ts';
import { apportionMinor } from './minor-share.ts';
import { unitCostOf } from './valuation-types.ts';

type Line = { variantId: string; method: 'fifo' | 'average'; quantity: Decimal; valueMinor: number };

/**
 * Quantity and value per variant as of the end of `date` (UTC). Value is kept company-wide; a
 * warehouse's share of a variant's value is in proportion to the quantity it held then, split so
 * that the warehouses' shares add up to the company's value exactly.
 */
export async function valuationReport(
  db: Executor,
  companyId: string,
  query: ValuationReportQuery,
): Promise<ValuationReport> {
  const date = query.date ?? new Date().toISOString().slice(0, 10);
  const end = new Date(`${date}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const currency = await companyCurrency(db, companyId);
  let lines = await companyLines(db, companyId, end, query.variantId);
  if (query.warehouseId) {
    await assertWarehouse(db, companyId, query.warehouseId);
    lines = await warehouseLines(db, companyId, end, query.warehouseId, lines, query.variantId);
  }
  lines = lines.filter((l) => !l.quantity.isZero() || l.valueMinor !== 0);
  const after = query.cursor ? lines.filter((l) => l.variantId > query.cursor!) : lines;
  const page = after.slice(0, query.limit);
  const totalMinor = lines.reduce((total, l) => total + l.valueMinor, 0);
  const toLine = (l: Line): ValuationLine => ({
    variantId: l.variantId,
    method: l.method,
    quantity: l.quantity.toFixed(),
    value: fromMinor(l.valueMinor, currency),
    valueMinor: l.valueMinor,
    unitCost: l.quantity.isZero() ? null : unitCostOf(l.valueMinor, l.quantity, currency),
  });
  return {
    date,
    currencyCode: currency,
    warehouseId: query.warehouseId ?? null,
    data: page.map(toLine),
    totals: { value: fromMinor(totalMinor, currency), valueMinor: totalMinor, variants: lines.length },
    page: {
      nextCursor: after.length > page.length ? page[page.length - 1]!.variantId : null,
      limit: query.limit,
    },
  };
}

async function companyLines(db: Executor, companyId: string, end: Date, variantId?: string): Promise<Line[]> {
  const rows = await queryRows<{ variant_id: string; method: string; quantity: string; value_minor: number }>(
    db,
    sql`select e.variant_id, v.method, sum(e.quantity)::text as quantity, sum(e.value_minor)::bigint as value_minor
          from inventory_valuation_entries e
          join inventory_valuations v on v.company_id = e.company_id and v.variant_id = e.variant_id
         where e.company_id = ${companyId} and e.posted_at < ${end.toISOString()}::timestamptz
           ${variantId ? sql`and e.variant_id = ${variantId}` : sql``}
         group by e.variant_id, v.method
         order by e.variant_id`,
  );
  return rows.map((r) => ({
    variantId: r.variant_id,
    method: r.method as Line['method'],
    quantity: new Decimal(r.quantity),
    valueMinor: Number(r.value_minor),
  }));
}

// Each variant's value split over where its goods were at the end of the day: the company's
// warehouses and goods in transit.
async function warehouseLines(
  db: Executor,
  companyId: string,
  end: Date,
  warehouseId: string,
  lines: Line[],
  variantId: string | undefined,
): Promise<Line[]> {
  const held = await heldByWarehouse(db, companyId, end, variantId);
  return lines.map((line) => {
    const buckets = held.get(line.variantId) ?? new Map<string, Decimal>();
    const keys = [...buckets.keys()].sort();
    const shares = keys.length
      ? apportionMinor(
          line.valueMinor,
          keys.map((k) => buckets.get(k)!),
        )
      : [];
    const index = keys.indexOf(warehouseId);
    return {
      ...line,
      quantity: index < 0 ? new Decimal(0) : buckets.get(warehouseId)!,
      valueMinor: index < 0 ? 0 : shares[index]!,
    };
  });
}

/** Quantity per variant and warehouse (or 'transit') at `end`, from the stock ledger. */
async function heldByWarehouse(db: Executor, companyId: string, end: Date, variantId?: string) {
  const only: SQL = variantId ? sql`and variant_id = ${variantId}` : sql``;
  const until = sql`company_id = ${companyId} and posted_at < ${end.toISOString()}::timestamptz ${only}`;
  const rows = await queryRows<{ variant_id: string; bucket: string; quantity: string }>(
    db,
    sql`select f.variant_id, coalesce(l.warehouse_id::text, 'transit') as bucket, sum(f.quantity)::text as quantity
          from (select variant_id, to_location_id as location_id, quantity from inventory_moves where ${until}
                union all
                select variant_id, from_location_id, -quantity from inventory_moves where ${until}) f
          join inventory_locations l on l.company_id = ${companyId} and l.id = f.location_id
                                    and l.kind in ('internal', 'transit')
         group by 1, 2`,
  );
  const held = new Map<string, Map<string, Decimal>>();
  for (const r of rows) {
    const buckets = held.get(r.variant_id) ?? new Map<string, Decimal>();
    buckets.set(r.bucket, new Decimal(r.quantity));
    held.set(r.variant_id, buckets);
  }
  return held;
}

async function assertWarehouse(db: Executor, companyId: string, warehouseId: string): Promise<void> {
  const [found] = await db
    .select({ id: inventoryWarehouses.id })
    .from(inventoryWarehouses)
    .where(and(eq(inventoryWarehouses.companyId, companyId), eq(inventoryWarehouses.id, warehouseId)));
  if (!found) throw InventoryErrors.warehouse_not_found(`no warehouse has the id ${warehouseId}`);
}
