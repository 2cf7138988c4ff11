// Values posted moves: each one that brings goods into the company's stock or takes them out
// changes the variant's valuation, by its method, in the posting's transaction.
import { Decimal } from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import { assert } from '../../../platform/assert.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { MoneyError } from '../../../shared/money.ts';
import type { StockItem } from '../../catalog/index.ts';
import { InventoryErrors } from '../errors.ts';
import { ValuationChanged } from '../events.ts';
import { type inventoryMoves, inventoryValuationEntries, inventoryValuations } from '../schema.ts';
import type { LocationInfo } from '../service/locations.ts';
import { type AverageBook, averageIssue, averageReceive, averageRestore } from './average.ts';
import { fifoIssue, fifoReceive, fifoReverseIssue, fifoReverseReceipt } from './fifo-moves.ts';
import { isValued, productCost, valuationDirection } from './move-kind.ts';
import type { OriginalEntry, Valuation, Valued } from './valuation-types.ts';

export type MoveToValue = {
  row: typeof inventoryMoves.$inferSelect;
  from: LocationInfo;
  to: LocationInfo;
  item: StockItem;
};

type EntryRow = typeof inventoryValuationEntries.$inferInsert;

/** Values the moves, variant by variant in a fixed order, each variant's moves in posting order. */
export async function valueMoves(tx: Tx, moves: MoveToValue[], currency: string): Promise<void> {
  const byVariant = new Map<string, MoveToValue[]>();
  for (const move of moves) {
    if (!isValued(move.item) || !valuationDirection(move.from.kind, move.to.kind)) continue;
    byVariant.set(move.row.variantId, [...(byVariant.get(move.row.variantId) ?? []), move]);
  }
  if (byVariant.size === 0) return;
  const locked = await lockValuations(
    tx,
    [...byVariant.values()].map((group) => group[0]!.item),
    currency,
  );
  const entries: EntryRow[] = [];
  for (const [i, locking] of locked.entries()) {
    let valuation = locking;
    for (const move of byVariant.get(valuation.variantId)!) {
      const valued = await valueMove(tx, valuation, move).catch(refuseOutOfRange);
      valuation = {
        ...valuation,
        quantity: valuation.quantity.plus(valued.quantity),
        valueMinor: valuation.valueMinor + valued.valueMinor,
        unitCost: valued.unitCostAfter,
      };
      entries.push(entryRow(tx, valuation, move, valued));
      await emitChange(tx, valuation, move, valued);
    }
    locked[i] = valuation;
  }
  await tx.db.insert(inventoryValuationEntries).values(entries);
  await saveValuations(tx, locked);
}

/**
 * The variants' valuations, created on their first move and locked until commit, in variant
 * order (after the stock rows, like every posting): concurrent postings never deadlock. A
 * variant's method is its category's; a change of method applies once its stock is back to zero.
 */
async function lockValuations(tx: Tx, items: StockItem[], currency: string): Promise<Valuation[]> {
  const sorted = [...items].sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
  const rows = await tx.db
    .insert(inventoryValuations)
    .values(
      sorted.map((item) => ({
        companyId: tx.ctx.companyId,
        variantId: item.variantId,
        method: item.valuation,
        currencyCode: currency,
        unitCost: productCost(item, currency) ?? '0',
      })),
    )
    .onConflictDoUpdate({
      target: [inventoryValuations.companyId, inventoryValuations.variantId],
      set: { updatedAt: new Date() },
    })
    .returning();
  const byId = new Map(rows.map((r) => [r.variantId, r]));
  return sorted.map((item) => {
    const row = byId.get(item.variantId)!;
    assert(
      row.currencyCode === currency,
      `${item.variantId} is valued in ${row.currencyCode}, not ${currency}`,
    );
    const quantity = new Decimal(row.quantity);
    const empty = quantity.isZero() && row.valueMinor === 0;
    return {
      variantId: item.variantId,
      method: empty ? item.valuation : row.method,
      currencyCode: currency,
      quantity,
      valueMinor: row.valueMinor,
      unitCost: new Decimal(row.unitCost),
    };
  });
}

async function saveValuations(tx: Tx, valuations: Valuation[]): Promise<void> {
  const values = sql.join(
    valuations.map(
      (v) =>
        sql`(${v.variantId}::uuid, ${v.method}, ${v.quantity.toFixed()}::numeric, ${v.valueMinor}::bigint, ${v.unitCost.toFixed()}::numeric)`,
    ),
    sql`, `,
  );
  await tx.db.execute(
    sql`update inventory_valuations v
           set method = x.method, quantity = x.quantity, value_minor = x.value_minor, unit_cost = x.unit_cost,
               updated_at = now()
          from (values ${values}) as x(variant_id, method, quantity, value_minor, unit_cost)
         where v.company_id = ${tx.ctx.companyId} and v.variant_id = x.variant_id`,
  );
}

function refuseOutOfRange(error: unknown): never {
  if (error instanceof MoneyError && error.code === 'money.out_of_range') {
    throw InventoryErrors.value_out_of_range(error.message);
  }
  throw error;
}

async function valueMove(tx: Tx, v: Valuation, { row, from, to }: MoveToValue): Promise<Valued> {
  const quantity = new Decimal(row.quantity);
  const incoming = valuationDirection(from.kind, to.kind) === 'in';
  const original = row.reversesMoveId ? await originalEntry(tx, row.reversesMoveId) : undefined;
  if (v.method === 'average') {
    const book: AverageBook = { quantity: v.quantity, valueMinor: v.valueMinor, unitCost: v.unitCost };
    const step = original
      ? averageRestore(
          book,
          original.quantity.negated(),
          -(original.valueMinor - original.settlementMinor),
          v.currencyCode,
        )
      : incoming
        ? averageReceive(book, quantity, new Decimal(row.unitCost ?? v.unitCost), v.currencyCode)
        : averageIssue(book, quantity, v.currencyCode);
    return { ...step, unitCostAfter: step.book.unitCost };
  }
  if (original) {
    return original.quantity.gt(0)
      ? fifoReverseReceipt(tx, v, row.id, original)
      : fifoReverseIssue(tx, v, row.id, original);
  }
  return incoming
    ? fifoReceive(tx, v, row.id, quantity, new Decimal(row.unitCost ?? v.unitCost))
    : fifoIssue(tx, v, row.id, quantity);
}

async function originalEntry(tx: Tx, moveId: string): Promise<OriginalEntry | undefined> {
  const [entry] = await tx.db
    .select()
    .from(inventoryValuationEntries)
    .where(
      and(
        eq(inventoryValuationEntries.companyId, tx.ctx.companyId),
        eq(inventoryValuationEntries.moveId, moveId),
      ),
    );
  return entry
    ? {
        moveId,
        quantity: new Decimal(entry.quantity),
        valueMinor: entry.valueMinor,
        settlementMinor: entry.settlementMinor,
      }
    : undefined;
}

function entryRow(tx: Tx, v: Valuation, { row }: MoveToValue, valued: Valued): EntryRow {
  return {
    companyId: tx.ctx.companyId,
    id: newId(),
    moveId: row.id,
    variantId: row.variantId,
    method: v.method,
    currencyCode: v.currencyCode,
    quantity: valued.quantity.toFixed(),
    valueMinor: valued.valueMinor,
    settlementMinor: valued.settlementMinor,
    shortfallQuantity: valued.shortfallQuantity.toFixed(),
    unitCost: valued.unitCost.toFixed(),
  };
}

async function emitChange(tx: Tx, v: Valuation, { row, from, to, item }: MoveToValue, valued: Valued) {
  // Accounting posts value, not quantity: a receipt at no cost changes nothing it books.
  if (valued.valueMinor === 0 && valued.settlementMinor === 0) return;
  await tx.emit(ValuationChanged, row.variantId, {
    moveId: row.id,
    variantId: row.variantId,
    productCategoryId: item.categoryId,
    method: v.method,
    quantity: valued.quantity.toFixed(),
    valueMinor: valued.valueMinor,
    settlementMinor: valued.settlementMinor,
    currency: v.currencyCode,
    from: { kind: from.kind, warehouseId: from.warehouseId },
    to: { kind: to.kind, warehouseId: to.warehouseId },
    reason: row.reason,
    referenceType: row.referenceType,
    referenceId: row.referenceId,
    reversesMoveId: row.reversesMoveId,
  });
}
