// FIFO on plain data: which layers an issue takes from, and how a shortfall is settled. Pure: the
// caller loads the open layers and shortfalls (oldest first) and writes back what these return.
import { Decimal } from 'decimal.js';
import { shareMinor } from './minor-share.ts';

/** A receipt's goods not yet taken: quantity and value left (value in minor units). */
export type OpenLayer = { id: string; quantityRemaining: Decimal; valueRemainingMinor: number };

/**
 * Goods that left stock when no layer was left (negative stock): valued at an estimate until a
 * receipt's goods settle them.
 */
export type OpenShortfall = { id: string; moveId: string; quantityOpen: Decimal; valueOpenMinor: number };

/** Goods taken from a layer, on behalf of a move. */
export type LayerTake = { layerId: string; moveId: string; quantity: Decimal; valueMinor: number };

/** Part of a shortfall closed, with the part of its estimate that goes with it. */
export type ShortfallRelease = { shortfallId: string; quantity: Decimal; valueMinor: number };

/**
 * Takes `quantity` from the layers, oldest first, each at its own remaining value; what the
 * layers cannot cover is `short`. The layers given must be all the open ones, or at least the
 * oldest that cover the quantity.
 */
export function takeOldestFirst(
  layers: readonly OpenLayer[],
  moveId: string,
  quantity: Decimal,
): { takes: LayerTake[]; short: Decimal } {
  const takes: LayerTake[] = [];
  let left = quantity;
  for (const layer of layers) {
    if (left.lte(0)) break;
    if (layer.quantityRemaining.lte(0)) continue;
    const taken = Decimal.min(left, layer.quantityRemaining);
    takes.push({
      layerId: layer.id,
      moveId,
      quantity: taken,
      valueMinor: shareMinor(layer.valueRemainingMinor, taken, layer.quantityRemaining),
    });
    left = left.minus(taken);
  }
  return { takes, short: left };
}

/**
 * Settles shortfalls, oldest first, with goods from the layers, oldest first: each settled unit is
 * taken from a layer late, on behalf of the move that went short (at the layer's cost), and the
 * shortfall's estimate for it is released. The difference between the two is what the estimate
 * was wrong by.
 */
export function settleShortfalls(
  shortfalls: readonly OpenShortfall[],
  layers: readonly OpenLayer[],
): { takes: LayerTake[]; releases: ShortfallRelease[] } {
  const open = layers.map((l) => ({ ...l }));
  const takes: LayerTake[] = [];
  const releases: ShortfallRelease[] = [];
  let next = 0;
  for (const shortfall of shortfalls) {
    let quantityOpen = shortfall.quantityOpen;
    let valueOpenMinor = shortfall.valueOpenMinor;
    while (quantityOpen.gt(0) && next < open.length) {
      const layer = open[next]!;
      if (layer.quantityRemaining.lte(0)) {
        next++;
        continue;
      }
      const quantity = Decimal.min(quantityOpen, layer.quantityRemaining);
      const taken = shareMinor(layer.valueRemainingMinor, quantity, layer.quantityRemaining);
      const released = shareMinor(valueOpenMinor, quantity, quantityOpen);
      takes.push({ layerId: layer.id, moveId: shortfall.moveId, quantity, valueMinor: taken });
      releases.push({ shortfallId: shortfall.id, quantity, valueMinor: released });
      layer.quantityRemaining = layer.quantityRemaining.minus(quantity);
      layer.valueRemainingMinor -= taken;
      quantityOpen = quantityOpen.minus(quantity);
      valueOpenMinor -= released;
    }
  }
  return { takes, releases };
}

/** The change in stock value of takes and releases: goods taken lower it, estimates released raise it. */
export function settlementValueMinor(
  takes: readonly LayerTake[],
  releases: readonly ShortfallRelease[],
): number {
  return sum(releases.map((r) => r.valueMinor)) - sum(takes.map((t) => t.valueMinor));
}

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
