// Taxes on a document's lines, shared by the server (invoices, orders, POS postings) and the
// browser (the offline till computes the same totals). Percent and fixed taxes, included in the
// price or added to it, rounded per line or once per document (a company setting).
//
// A line's amount is unit price × quantity × (1 − discount). When some of its taxes are included
// in the price, that amount is the gross: the included fixed taxes come off first, then the net is
// what remains divided by (1 + Σ included rates). Taxes not included are computed on that net and
// added. Rounding is half-up to the currency's minor unit (ISO 4217).

import { Decimal } from 'decimal.js';
import { currencyDecimals } from './money.ts';

const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

export type TaxRule = {
  id: string;
  kind: 'percent' | 'fixed';
  /** For percent taxes: e.g. "20" or "5.5". */
  ratePercent: string | null;
  /** For fixed taxes: the amount per unit, in the document currency (e.g. an eco fee). */
  amount: string | null;
  priceIncluded: boolean;
};

export type TaxLineInput = {
  unitPrice: string;
  quantity: string;
  /** 0–100; a line discount off the unit price. */
  discountPercent?: string | null;
  /** The quantity the unit price is for (EN 16931 BT-149, "per 100 pieces"); 1 when absent. */
  baseQuantity?: string | null;
  // A supplier's e-invoice is booked as it is: its line net is what it bills, even where it is not
  // exactly quantity × price (EN 16931 does not make the two agree, and documents differ).
  /** The line's amount as its document states it (BT-131), used instead of price × quantity. */
  statedAmount?: string | null;
  /** The taxes that apply, groups already expanded into their members. */
  taxes: readonly TaxRule[];
};

export type TaxRounding = 'per_line' | 'global';

export type TaxAmount = { taxId: string; baseMinor: number; amountMinor: number };

export type LineTaxes = {
  /** The line's net amount, excluding every tax (EN 16931 BT-131). */
  netMinor: number;
  /** Net plus its taxes (rounded per line; under global rounding only indicative). */
  grossMinor: number;
  /** Per tax; under global rounding the amounts are the line's share before the document rounds. */
  taxes: TaxAmount[];
};

export type DocumentTaxes = {
  lines: LineTaxes[];
  /** One entry per tax, in first-seen order, with the base it was computed on. */
  taxes: TaxAmount[];
  netMinor: number;
  taxMinor: number;
  totalMinor: number;
};

export class TaxInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'TaxInputError';
  }
}

type ExactLine = { amount: Decimal; net: Decimal; taxes: { rule: TaxRule; amount: Decimal }[] };

function decimal(value: string, what: string): Decimal {
  try {
    const parsed = new Exact(value);
    if (!parsed.isFinite()) throw new Error('not finite');
    return parsed;
  } catch {
    throw new TaxInputError(`${what} is not a decimal number: ${JSON.stringify(value)}`);
  }
}

function ruleRate(rule: TaxRule): Decimal {
  if (rule.kind !== 'percent' || rule.ratePercent === null) {
    throw new TaxInputError(`tax ${rule.id} is a percent tax without a rate`);
  }
  return decimal(rule.ratePercent, `the rate of tax ${rule.id}`);
}

function ruleFixed(rule: TaxRule): Decimal {
  if (rule.kind !== 'fixed' || rule.amount === null) {
    throw new TaxInputError(`tax ${rule.id} is a fixed tax without an amount`);
  }
  return decimal(rule.amount, `the amount of tax ${rule.id}`);
}

/** The exact (unrounded) net and taxes of one line. */
export function exactLineTaxes(line: TaxLineInput): ExactLine {
  const quantity = decimal(line.quantity, 'quantity');
  const discount = decimal(line.discountPercent ?? '0', 'discountPercent');
  if (discount.lt(0) || discount.gt(100)) throw new TaxInputError('discountPercent must be from 0 to 100');
  const base = decimal(line.baseQuantity ?? '1', 'baseQuantity');
  if (!base.gt(0)) throw new TaxInputError('baseQuantity must be greater than zero');
  const amount =
    line.statedAmount != null
      ? decimal(line.statedAmount, 'statedAmount')
      : decimal(line.unitPrice, 'unitPrice')
          .times(quantity)
          .div(base)
          .times(new Exact(100).minus(discount))
          .div(100);
  let fixedIncluded = new Exact(0);
  let rateIncluded = new Exact(0);
  for (const rule of line.taxes) {
    if (!rule.priceIncluded) continue;
    if (rule.kind === 'fixed') fixedIncluded = fixedIncluded.plus(ruleFixed(rule).times(quantity));
    else rateIncluded = rateIncluded.plus(ruleRate(rule));
  }
  const net = amount.minus(fixedIncluded).div(rateIncluded.div(100).plus(1));
  const taxes = line.taxes.map((rule) => ({
    rule,
    amount: rule.kind === 'fixed' ? ruleFixed(rule).times(quantity) : net.times(ruleRate(rule)).div(100),
  }));
  return { amount, net, taxes };
}

function toMinorUnits(value: Decimal, digits: number): number {
  const minor = value.times(new Exact(10).pow(digits)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (minor.abs().gt(Number.MAX_SAFE_INTEGER)) throw new TaxInputError('an amount is too large');
  const result = minor.toNumber();
  return result === 0 ? 0 : result;
}

// Per line: each tax rounds on its own; with included taxes the net is the rounded price less the
// rounded included taxes, so that the customer pays exactly the price shown.
function roundLine(exact: ExactLine, digits: number): LineTaxes {
  const taxes = exact.taxes.map((tax) => ({ rule: tax.rule, minor: toMinorUnits(tax.amount, digits) }));
  const anyIncluded = exact.taxes.some((tax) => tax.rule.priceIncluded);
  const includedMinor = taxes.filter((t) => t.rule.priceIncluded).reduce((sum, t) => sum + t.minor, 0);
  const netMinor = anyIncluded
    ? toMinorUnits(exact.amount, digits) - includedMinor
    : toMinorUnits(exact.net, digits);
  const taxMinor = taxes.reduce((sum, t) => sum + t.minor, 0);
  return {
    netMinor,
    grossMinor: netMinor + taxMinor,
    taxes: taxes.map((t) => ({ taxId: t.rule.id, baseMinor: netMinor, amountMinor: t.minor })),
  };
}

// Under global rounding an included tax's document total can differ by a few minor units from
// the sum of its per-line roundings; the difference moves into the net of the last line carrying
// it, so that the customer still pays exactly the sum of the prices shown.
function absorbGlobalRounding(exact: ExactLine[], rounded: LineTaxes[], digits: number): void {
  const included = new Map<string, { exact: Decimal; minor: number; lastLine: number }>();
  exact.forEach((line, index) => {
    line.taxes.forEach((tax, taxIndex) => {
      if (!tax.rule.priceIncluded) return;
      const total = included.get(tax.rule.id) ?? { exact: new Exact(0), minor: 0, lastLine: index };
      total.exact = total.exact.plus(tax.amount);
      total.minor += rounded[index]!.taxes[taxIndex]!.amountMinor;
      total.lastLine = index;
      included.set(tax.rule.id, total);
    });
  });
  for (const total of included.values()) {
    const delta = toMinorUnits(total.exact, digits) - total.minor;
    if (delta === 0) continue;
    const line = rounded[total.lastLine]!;
    line.netMinor -= delta;
    for (const tax of line.taxes) tax.baseMinor = line.netMinor;
  }
}

/**
 * Computes every line's net and taxes and the document's tax totals. Under `per_line` rounding
 * the document's taxes are the sums of the rounded line taxes; under `global` each tax is summed
 * exactly over the lines and rounded once.
 */
export function computeTaxes(
  lines: readonly TaxLineInput[],
  currency: string,
  rounding: TaxRounding,
): DocumentTaxes {
  const digits = currencyDecimals(currency);
  const exact = lines.map(exactLineTaxes);
  const rounded = exact.map((line) => roundLine(line, digits));
  if (rounding === 'global') absorbGlobalRounding(exact, rounded, digits);
  const byTax = new Map<string, { baseMinor: number; amountMinor: number; exact: Decimal }>();
  rounded.forEach((line, index) => {
    line.taxes.forEach((tax, taxIndex) => {
      const total = byTax.get(tax.taxId) ?? { baseMinor: 0, amountMinor: 0, exact: new Exact(0) };
      total.baseMinor += tax.baseMinor;
      total.amountMinor += tax.amountMinor;
      total.exact = total.exact.plus(exact[index]!.taxes[taxIndex]!.amount);
      byTax.set(tax.taxId, total);
    });
  });
  const taxes = [...byTax].map(([taxId, total]) => ({
    taxId,
    baseMinor: total.baseMinor,
    amountMinor: rounding === 'global' ? toMinorUnits(total.exact, digits) : total.amountMinor,
  }));
  const netMinor = rounded.reduce((sum, line) => sum + line.netMinor, 0);
  const taxMinor = taxes.reduce((sum, tax) => sum + tax.amountMinor, 0);
  return { lines: rounded, taxes, netMinor, taxMinor, totalMinor: netMinor + taxMinor };
}
