// Moving average on plain data: the running quantity and value of a variant's stock, and what
// each receipt, issue or reversal does to them. Pure: the caller locks and saves the book.
import { Decimal } from 'decimal.js';
import { fromMinor, multiplyToMinor, roundDecimal } from '../../../shared/money.ts';
import { shareMinor } from './minor-share.ts';

/** Stock of one variant: quantity (may be below zero), value in minor units, and the unit cost in force. */
export type AverageBook = { quantity: Decimal; valueMinor: number; unitCost: Decimal };

/** What one move did: the change of quantity and value, and the part of the value that settles. */
export type AverageStep = {
  book: AverageBook;
  quantity: Decimal;
  valueMinor: number;
  /** Part of valueMinor correcting earlier estimates (stock sold past zero, or value left at zero stock). */
  settlementMinor: number;
  /** Quantity that left past zero, valued at the unit cost in force. */
  shortfallQuantity: Decimal;
  unitCost: Decimal;
};

/** An issue: at the average while stock lasts (its exact share of the value), past zero at the unit cost in force. */
export function averageIssue(book: AverageBook, quantity: Decimal, currency: string): AverageStep {
  const { quantity: onHand, valueMinor, unitCost } = book;
  let out: number;
  let short = new Decimal(0);
  if (onHand.gte(quantity)) {
    out = shareMinor(valueMinor, quantity, onHand);
  } else if (onHand.gt(0)) {
    short = quantity.minus(onHand);
    out = valueMinor + multiplyToMinor(unitCost, short, currency);
  } else {
    short = quantity;
    out = multiplyToMinor(unitCost, quantity, currency);
  }
  return finish(book, quantity.negated(), -out, 0, short, unitCost, currency);
}

/**
 * A receipt at its unit cost. Below zero, the receipt first covers the units sold short: their
 * estimate is replaced by the receipt's cost for them, and the difference is the settlement.
 */
export function averageReceive(
  book: AverageBook,
  quantity: Decimal,
  unitCost: Decimal,
  currency: string,
): AverageStep {
  const receivedMinor = multiplyToMinor(unitCost, quantity, currency);
  let settlement = 0;
  if (book.quantity.lt(0)) {
    const short = book.quantity.negated();
    const covered = Decimal.min(quantity, short);
    const estimate = shareMinor(book.valueMinor, covered, short);
    const actual = shareMinor(receivedMinor, covered, quantity);
    settlement = -(estimate + actual);
  }
  return finish(book, quantity, receivedMinor + settlement, settlement, new Decimal(0), unitCost, currency);
}

/** A reversal: the quantity and value of the move it reverses, exactly as posted, taken back. */
export function averageRestore(
  book: AverageBook,
  quantity: Decimal,
  valueMinor: number,
  currency: string,
): AverageStep {
  const unitCost = quantity.isZero()
    ? book.unitCost
    : new Decimal(fromMinor(Math.abs(valueMinor), currency)).div(quantity.abs());
  return finish(book, quantity, valueMinor, 0, new Decimal(0), unitCost, currency);
}

function finish(
  book: AverageBook,
  quantity: Decimal,
  valueMinor: number,
  settlementMinor: number,
  shortfallQuantity: Decimal,
  unitCost: Decimal,
  currency: string,
): AverageStep {
  const after = { quantity: book.quantity.plus(quantity), valueMinor: book.valueMinor + valueMinor };
  // No value without goods: what a reversal leaves at zero stock is settled, so that the next
  // receipt starts from its own cost.
  const residual = after.quantity.isZero() ? after.valueMinor : 0;
  const inForce = after.quantity.gt(0)
    ? new Decimal(fromMinor(after.valueMinor - residual, currency)).div(after.quantity)
    : quantity.gt(0)
      ? unitCost
      : book.unitCost;
  return {
    book: {
      quantity: after.quantity,
      valueMinor: after.valueMinor - residual,
      unitCost: new Decimal(roundDecimal(inForce, 6)),
    },
    quantity,
    valueMinor: valueMinor - residual,
    settlementMinor: settlementMinor - residual,
    shortfallQuantity,
    unitCost: new Decimal(roundDecimal(unitCost, 6)),
  };
}
