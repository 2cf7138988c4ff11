// A variant's valuation history and its open FIFO layers and shortfalls.
import { Decimal } from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import { companyCurrency } from '../../../platform/auth/companies.ts';
import { type Executor, queryRows, toDate } from '../../../platform/db/database.ts';
import { fromMinor } from '../../../shared/money.ts';
import { inventoryCostLayers, inventoryCostShortfalls } from '../schema.ts';
import type { FifoBook, ValuationEntry } from './contracts.ts';

type EntryRow = {
  id: string;
  move_id: string;
  variant_id: string;
  method: 'fifo' | 'average';
  reason: string;
  reference_type: string | null;
  reference_id: string | null;
  reverses_move_id: string | null;
  quantity: string;
  value_minor: number;
  settlement_minor: number;
  shortfall_quantity: string;
  unit_cost: string;
  quantity_after: string;
  value_after_minor: number;
  posted_at: Date | string;
};

/** The valuation entries of a variant, newest first, each with the quantity and value after it. */
export async function valuationHistory(
  db: Executor,
  companyId: string,
  variantId: string,
  limit: number,
): Promise<ValuationEntry[]> {
  const currency = await companyCurrency(db, companyId);
  const rows = await queryRows<EntryRow>(
    db,
    sql`select * from (
          select e.id, e.move_id, e.variant_id, e.method, m.reason, m.reference_type, m.reference_id,
                 m.reverses_move_id, e.quantity::text as quantity, e.value_minor, e.settlement_minor,
                 e.shortfall_quantity::text as shortfall_quantity, e.unit_cost::text as unit_cost, e.posted_at,
                 (sum(e.quantity) over running)::text as quantity_after,
                 (sum(e.value_minor) over running)::bigint as value_after_minor
            from inventory_valuation_entries e
            join inventory_moves m on m.company_id = e.company_id and m.id = e.move_id
           where e.company_id = ${companyId} and e.variant_id = ${variantId}
          window running as (order by e.posted_at, e.id)) h
         order by posted_at desc, id desc
         limit ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    moveId: r.move_id,
    variantId: r.variant_id,
    method: r.method,
    reason: r.reason,
    referenceType: r.reference_type,
    referenceId: r.reference_id,
    reversesMoveId: r.reverses_move_id,
    quantity: new Decimal(r.quantity).toFixed(),
    value: fromMinor(Number(r.value_minor), currency),
    valueMinor: Number(r.value_minor),
    settlementMinor: Number(r.settlement_minor),
    shortfallQuantity: new Decimal(r.shortfall_quantity).toFixed(),
    unitCost: new Decimal(r.unit_cost).toFixed(),
    quantityAfter: new Decimal(r.quantity_after).toFixed(),
    valueAfterMinor: Number(r.value_after_minor),
    postedAt: toDate(r.posted_at).toISOString(),
  }));
}

const BOOK_LIMIT = 500;

/** The open FIFO layers of a variant, oldest first, and its open shortfalls (at most 500 each). */
export async function fifoBook(db: Executor, companyId: string, variantId: string): Promise<FifoBook> {
  const layers = await db
    .select()
    .from(inventoryCostLayers)
    .where(
      and(
        eq(inventoryCostLayers.companyId, companyId),
        eq(inventoryCostLayers.variantId, variantId),
        sql`${inventoryCostLayers.quantityRemaining} > 0`,
      ),
    )
    .orderBy(inventoryCostLayers.postedAt, inventoryCostLayers.id)
    .limit(BOOK_LIMIT);
  const shortfalls = await db
    .select()
    .from(inventoryCostShortfalls)
    .where(
      and(
        eq(inventoryCostShortfalls.companyId, companyId),
        eq(inventoryCostShortfalls.variantId, variantId),
        sql`${inventoryCostShortfalls.quantityOpen} > 0`,
      ),
    )
    .orderBy(inventoryCostShortfalls.postedAt, inventoryCostShortfalls.id)
    .limit(BOOK_LIMIT);
  const decimal = (v: string) => new Decimal(v).toFixed();
  return {
    layers: layers.map((l) => ({
      id: l.id,
      moveId: l.moveId,
      quantity: decimal(l.quantity),
      quantityRemaining: decimal(l.quantityRemaining),
      unitCost: decimal(l.unitCost),
      valueMinor: l.valueMinor,
      valueRemainingMinor: l.valueRemainingMinor,
      postedAt: l.postedAt.toISOString(),
    })),
    shortfalls: shortfalls.map((s) => ({
      id: s.id,
      moveId: s.moveId,
      quantity: decimal(s.quantity),
      quantityOpen: decimal(s.quantityOpen),
      unitCost: decimal(s.unitCost),
      valueMinor: s.valueMinor,
      valueOpenMinor: s.valueOpenMinor,
      postedAt: s.postedAt.toISOString(),
    })),
  };
}
