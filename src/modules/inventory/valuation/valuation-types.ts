import { Decimal } from 'decimal.js';
import { fromMinor, roundDecimal } from '../../../shared/money.ts';

/** The company's stock of one variant, as locked for the posting. */
export type Valuation = {
  variantId: string;
  method: 'fifo' | 'average';
  currencyCode: string;
  quantity: Decimal;
  valueMinor: number;
  /** The average, or for FIFO the last receipt's cost: what values goods leaving past zero. */
  unitCost: Decimal;
};

/** What one move did to the valuation: signed quantity and value, as its entry records them. */
export type Valued = {
  quantity: Decimal;
  valueMinor: number;
  settlementMinor: number;
  shortfallQuantity: Decimal;
  unitCost: Decimal;
  /** The valuation's unit cost after the move. */
  unitCostAfter: Decimal;
};

/** The valuation entry of the move a reversal reverses. */
export type OriginalEntry = {
  moveId: string;
  quantity: Decimal;
  valueMinor: number;
  settlementMinor: number;
};

/** A value per unit, to 6 decimals: |value| ÷ |quantity|. */
export function unitCostOf(valueMinor: number, quantity: Decimal, currency: string): string {
  if (quantity.isZero()) return '0';
  const value = fromMinor(Math.abs(valueMinor), currency);
  return roundDecimal(new Decimal(value).div(quantity.abs()), 6);
}
