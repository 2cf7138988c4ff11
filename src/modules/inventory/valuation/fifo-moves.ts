// FIFO valuation of one move, on the database, under the variant's valuation lock.
import { Decimal } from 'decimal.js';
import { assert } from '../../../platform/assert.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { multiplyToMinor } from '../../../shared/money.ts';
import { InventoryErrors } from '../errors.ts';
import { settlementValueMinor, settleShortfalls, sum, takeOldestFirst } from './fifo.ts';
import {
  applyReleases,
  applyTakes,
  insertLayer,
  insertShortfall,
  layerOfMove,
  openLayers,
  openShortfalls,
  shortfallOfMove,
  takenByMove,
} from './fifo-store.ts';
import { type OriginalEntry, unitCostOf, type Valuation, type Valued } from './valuation-types.ts';

const ZERO = new Decimal(0);

/** A receipt: a new layer at its cost, whose goods first settle any open shortfall. */
export async function fifoReceive(
  tx: Tx,
  v: Valuation,
  moveId: string,
  quantity: Decimal,
  unitCost: Decimal,
  valueMinor = multiplyToMinor(unitCost, quantity, v.currencyCode),
): Promise<Valued> {
  await insertLayer(tx, { variantId: v.variantId, moveId, quantity, unitCost, valueMinor });
  const settled = await settleOpenShortfalls(tx, v, moveId);
  return {
    quantity,
    valueMinor: valueMinor + settled,
    settlementMinor: settled,
    shortfallQuantity: ZERO,
    unitCost,
    unitCostAfter: unitCost,
  };
}

/**
 * An issue: taken from the oldest layers at their cost; what no layer covers is a shortfall,
 * valued at the last known cost until a receipt settles it.
 */
export async function fifoIssue(tx: Tx, v: Valuation, moveId: string, quantity: Decimal): Promise<Valued> {
  // Layers are open exactly when the quantity is above zero (never together with shortfalls).
  const layers = v.quantity.gt(0) ? await openLayers(tx, v.variantId, quantity) : [];
  const { takes, short } = takeOldestFirst(layers, moveId, quantity);
  await applyTakes(tx, v.variantId, moveId, takes);
  const shortMinor = short.gt(0) ? multiplyToMinor(v.unitCost, short, v.currencyCode) : 0;
  if (short.gt(0)) {
    await insertShortfall(tx, {
      variantId: v.variantId,
      moveId,
      quantity: short,
      unitCost: v.unitCost,
      valueMinor: shortMinor,
    });
  }
  const out = sum(takes.map((t) => t.valueMinor)) + shortMinor;
  return {
    quantity: quantity.negated(),
    valueMinor: -out,
    settlementMinor: 0,
    shortfallQuantity: short,
    unitCost: new Decimal(unitCostOf(out, quantity, v.currencyCode)),
    unitCostAfter: v.unitCost,
  };
}

/** A receipt reversed: its layer taken back whole, refused once any of its goods have left. */
export async function fifoReverseReceipt(
  tx: Tx,
  v: Valuation,
  moveId: string,
  original: OriginalEntry,
): Promise<Valued> {
  const quantity = original.quantity;
  const layer = await layerOfMove(tx, original.moveId);
  // Received while the variant was valued at average: take it out like any issue.
  if (!layer) return fifoIssue(tx, v, moveId, quantity);
  if (!new Decimal(layer.quantityRemaining).eq(layer.quantity)) {
    throw InventoryErrors.receipt_consumed(
      `${new Decimal(layer.quantity).minus(layer.quantityRemaining)} of the ${new Decimal(layer.quantity)} received by move ${original.moveId} have left stock`,
    );
  }
  const valueMinor = layer.valueRemainingMinor;
  await applyTakes(tx, v.variantId, moveId, [{ layerId: layer.id, moveId, quantity, valueMinor }]);
  return {
    quantity: quantity.negated(),
    valueMinor: -valueMinor,
    settlementMinor: 0,
    shortfallQuantity: ZERO,
    unitCost: new Decimal(layer.unitCost),
    unitCostAfter: v.unitCost,
  };
}

/**
 * An issue reversed: every unit goes back to the layer it was taken from (late takes too), at the
 * value it was taken at; its shortfall still open is closed. The goods back then settle other
 * moves' shortfalls, if any are open.
 */
export async function fifoReverseIssue(
  tx: Tx,
  v: Valuation,
  moveId: string,
  original: OriginalEntry,
): Promise<Valued> {
  const quantity = original.quantity.negated();
  const taken = await takenByMove(tx, original.moveId);
  const shortfall = await shortfallOfMove(tx, original.moveId);
  if (taken.length === 0 && !shortfall) {
    // Issued while the variant was valued at average: back as a layer at the value it left with.
    const back = -(original.valueMinor - original.settlementMinor);
    const unitCost = new Decimal(unitCostOf(back, quantity, v.currencyCode));
    return fifoReceive(tx, v, moveId, quantity, unitCost, back);
  }
  await applyTakes(
    tx,
    v.variantId,
    moveId,
    taken.map((t) => ({ ...t, moveId, quantity: t.quantity.negated(), valueMinor: -t.valueMinor })),
  );
  const open = shortfall ? new Decimal(shortfall.quantityOpen) : ZERO;
  if (shortfall && open.gt(0)) {
    await applyReleases(tx, v.variantId, moveId, [
      { shortfallId: shortfall.id, quantity: open, valueMinor: shortfall.valueOpenMinor },
    ]);
  }
  const restored = taken.reduce((q, t) => q.plus(t.quantity), open);
  assert(restored.eq(quantity), `move ${original.moveId} took ${restored}, not ${quantity}`);
  const back = sum(taken.map((t) => t.valueMinor)) + (shortfall?.valueOpenMinor ?? 0);
  const settled = await settleOpenShortfalls(tx, v, moveId);
  return {
    quantity,
    valueMinor: back + settled,
    settlementMinor: settled,
    shortfallQuantity: ZERO,
    unitCost: new Decimal(unitCostOf(back, quantity, v.currencyCode)),
    unitCostAfter: v.unitCost,
  };
}

/**
 * Open shortfalls settled, oldest first, from open layers; returns the change in stock value.
 * Shortfalls are open exactly when the quantity before the move was below zero.
 */
async function settleOpenShortfalls(tx: Tx, v: Valuation, moveId: string): Promise<number> {
  if (v.quantity.gte(0)) return 0;
  const variantId = v.variantId;
  const shortfalls = await openShortfalls(tx, variantId);
  if (shortfalls.length === 0) return 0;
  const needed = shortfalls.reduce((q, s) => q.plus(s.quantityOpen), new Decimal(0));
  const { takes, releases } = settleShortfalls(shortfalls, await openLayers(tx, variantId, needed));
  await applyTakes(tx, variantId, moveId, takes);
  await applyReleases(tx, variantId, moveId, releases);
  return settlementValueMinor(takes, releases);
}
