// A till's arithmetic, shared by the server and the offline register in the browser so both
// reach the same totals to the cent: lines with their discounts and taxes (prices as shown on
// the shelf), an order discount, cash rounding where the currency needs it, and the change due.

import { Decimal } from 'decimal.js';
import { computeTaxes, type DocumentTaxes, type TaxRounding, type TaxRule } from '../tax.ts';

export type TillLine = {
  unitPrice: string;
  quantity: string;
  discountPercent?: string | null;
  taxes: readonly TaxRule[];
};
export type TillPayment = { method: 'cash' | 'card' | 'store_credit'; amountMinor: number };

export type SaleTotals = DocumentTaxes & {
  /** What the customer owes: the total, rounded to the cash increment when paying cash. */
  dueMinor: number;
  /** Due less total: the cash rounding (negative when rounded down). */
  roundingMinor: number;
  paidMinor: number;
  changeMinor: number;
};

export class TillError extends RangeError {
  constructor(
    readonly code: 'discount_invalid' | 'payment_short' | 'change_without_cash' | 'payment_invalid',
    message: string,
  ) {
    super(message);
    this.name = 'TillError';
  }
}

/** Line and order discounts together: 10 % then 5 % is 14.5 % off. */
export function combinedDiscount(
  linePercent: string | null | undefined,
  orderPercent: string | null | undefined,
): string {
  const line = new Decimal(linePercent ?? '0');
  const order = new Decimal(orderPercent ?? '0');
  for (const percent of [line, order]) {
    if (percent.lt(0) || percent.gt(100))
      throw new TillError('discount_invalid', 'a discount is from 0 to 100 %');
  }
  return new Decimal(100)
    .minus(new Decimal(100).minus(line).times(new Decimal(100).minus(order)).div(100))
    .toString();
}

/** The total rounded half up to the cash increment (5 for CHF's 0.05), or as is when none. */
export function roundToIncrement(totalMinor: number, incrementMinor: number): number {
  if (incrementMinor <= 1) return totalMinor;
  const sign = totalMinor < 0 ? -1 : 1;
  const magnitude = Math.abs(totalMinor);
  return sign * Math.floor((magnitude + incrementMinor / 2) / incrementMinor) * incrementMinor;
}

export type TillOptions = {
  currency: string;
  orderDiscountPercent?: string | null;
  rounding: TaxRounding;
  cashIncrementMinor: number;
};

/** The sale's lines with their discounts and taxes, before any payment: what the till shows. */
export function lineTaxes(lines: readonly TillLine[], options: TillOptions): DocumentTaxes {
  return computeTaxes(
    lines.map((line) => ({
      ...line,
      discountPercent: combinedDiscount(line.discountPercent, options.orderDiscountPercent),
    })),
    options.currency,
    options.rounding,
  );
}

/** What the customer owes (or is owed back): the total, rounded to the cash increment when in cash. */
export function amountDue(lines: readonly TillLine[], options: TillOptions, inCash: boolean): number {
  const { totalMinor } = lineTaxes(lines, options);
  return inCash ? roundToIncrement(totalMinor, options.cashIncrementMinor) : totalMinor;
}

/**
 * The sale's totals and how its payments settle them: cash rounding applies when cash is among
 * the payments; change comes out of cash only, and never more than the cash given.
 */
export function saleTotals(
  lines: readonly TillLine[],
  payments: readonly TillPayment[],
  options: TillOptions,
): SaleTotals {
  const taxes = lineTaxes(lines, options);
  if (payments.some((p) => !Number.isSafeInteger(p.amountMinor) || p.amountMinor <= 0)) {
    throw new TillError('payment_invalid', 'each payment is a positive amount');
  }
  const cashMinor = payments.filter((p) => p.method === 'cash').reduce((sum, p) => sum + p.amountMinor, 0);
  const dueMinor =
    cashMinor > 0 ? roundToIncrement(taxes.totalMinor, options.cashIncrementMinor) : taxes.totalMinor;
  const paidMinor = payments.reduce((sum, p) => sum + p.amountMinor, 0);
  if (paidMinor < dueMinor) throw new TillError('payment_short', `paid ${paidMinor} of ${dueMinor}`);
  const changeMinor = paidMinor - dueMinor;
  if (changeMinor > cashMinor)
    throw new TillError(
      'change_without_cash',
      'change is given in cash only: card payments cannot exceed what is due',
    );
  return { ...taxes, dueMinor, roundingMinor: dueMinor - taxes.totalMinor, paidMinor, changeMinor };
}
