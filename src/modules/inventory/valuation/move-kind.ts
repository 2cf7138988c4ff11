import { Decimal } from 'decimal.js';
import type { StockItem } from '../../catalog/index.ts';
import type { MoveInput } from '../contracts.ts';

export type Direction = 'in' | 'out';
export type CostSource = 'move' | 'product' | 'none';

// The company owns what is in its internal locations and in transit between its warehouses;
// virtual locations (suppliers, customers, loss, production) are the world outside.
const OWNED = new Set(['internal', 'transit']);

/** Whether a move brings goods into the company's stock, takes them out, or neither (a transfer). */
export function valuationDirection(fromKind: string, toKind: string): Direction | null {
  const fromOwned = OWNED.has(fromKind);
  const toOwned = OWNED.has(toKind);
  if (fromOwned === toOwned) return null;
  return toOwned ? 'in' : 'out';
}

/** Only stockable goods are valued: consumables are expensed when bought, services never stocked. */
export const isValued = (item: StockItem): boolean => item.kind === 'stockable';

/** The product's cost price, when it is in the company currency: what a receipt costs by default. */
export function productCost(item: StockItem, currency: string): string | null {
  return item.costPrice !== null && item.currencyCode === currency
    ? new Decimal(item.costPrice).toFixed()
    : null;
}

/** A receipt's unit cost: given on the move, else the product's cost price, else zero (and says which). */
export function receiptCost(
  move: Pick<MoveInput, 'unitCost'>,
  item: StockItem,
  currency: string,
): { unitCost: string; costSource: CostSource } {
  if (move.unitCost != null) return { unitCost: new Decimal(move.unitCost).toFixed(), costSource: 'move' };
  const cost = productCost(item, currency);
  return cost !== null ? { unitCost: cost, costSource: 'product' } : { unitCost: '0', costSource: 'none' };
}
