// The arithmetic of an EN 16931 document: line net amounts, the VAT breakdown per category and
// rate, and the document totals BT-106..BT-115, in the order the standard defines them:
//
//   line net (BT-131)  = round(quantity × price / base quantity) + line charges − line allowances
//   BT-106             = Σ line net                BT-109 = BT-106 − BT-107 + BT-108
//   BT-116 (per rate)  = Σ its line nets + its document charges − its document allowances
//   BT-117 (per rate)  = round(BT-116 × rate / 100) BT-110 = Σ BT-117
//   BT-112             = BT-109 + BT-110            BT-115 = BT-112 − BT-113 + BT-114
//
// Each amount is rounded once, half up, to the currency's decimals but never more than two:
// EN 16931 allows two decimals at most (BR-DEC-*), whatever the currency's minor unit.

import { Decimal } from 'decimal.js';
import { roundDecimal } from '../../../shared/money.ts';
import type {
  DocumentAllowanceCharge,
  DocumentLine,
  InvoiceDocument,
  VatBreakdown,
  VatCategoryCode,
} from '../documents/invoice-document.ts';
import { amountDecimals } from './decimal-text.ts';

// Wide enough that a product of a four-decimal quantity and any realistic price is exact.
const Exact = Decimal.clone({ precision: 60 });

export type DraftLine = Omit<DocumentLine, 'netAmount'>;

export type DraftDocument = Omit<InvoiceDocument, 'lines' | 'vatBreakdown' | 'totals'> & {
  lines: DraftLine[];
  /** BT-113 */
  prepaid?: string | null;
  /** BT-114 */
  rounding?: string | null;
  /** BT-120/121 per category (E needs one; AE, K, G and O get a default from the UBL writer). */
  exemptions?: Partial<Record<VatCategoryCode, { reason: string | null; code: string | null }>>;
};

type Vat = { category: VatCategoryCode; ratePercent: string | null };

function decimalsOf(currency: string): number {
  return Math.min(amountDecimals(currency), 2);
}

function sum(values: readonly (string | Decimal)[]): Decimal {
  return values.reduce<Decimal>((total, value) => total.plus(value), new Exact(0));
}

const amountsOf = (entries: readonly DocumentAllowanceCharge[]) => entries.map((entry) => entry.amount);

/** BT-131: the line's net amount, rounded once. */
export function lineNetAmount(line: DraftLine, currency: string): string {
  const decimals = decimalsOf(currency);
  // A base quantity of 3 makes the quotient endless: it is rounded here, half up as roundDecimal
  // does, because roundDecimal refuses values of more than 30 significant digits.
  const gross = new Exact(line.quantity)
    .times(line.unitPrice)
    .dividedBy(line.baseQuantity ?? 1)
    .toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  const net = gross.plus(sum(amountsOf(line.charges))).minus(sum(amountsOf(line.allowances)));
  return roundDecimal(net, decimals);
}

const vatKey = (vat: Vat) =>
  `${vat.category}|${vat.ratePercent === null ? '' : new Exact(vat.ratePercent).toString()}`;

type Group = { vat: Vat; taxable: Decimal };

function groupByVat(lines: DocumentLine[], draft: DraftDocument): Group[] {
  const groups = new Map<string, Group>();
  const add = (vat: Vat | undefined, amount: Decimal.Value) => {
    if (!vat)
      throw new RangeError('A document-level allowance or charge needs its VAT category (BT-95/BT-102)');
    const group = groups.get(vatKey(vat)) ?? { vat, taxable: new Exact(0) };
    group.taxable = group.taxable.plus(amount);
    groups.set(vatKey(vat), group);
  };
  for (const line of lines) add(line.vat, line.netAmount);
  for (const charge of draft.charges) add(charge.vat, charge.amount);
  for (const allowance of draft.allowances) add(allowance.vat, new Exact(allowance.amount).negated());
  return [...groups.values()];
}

function breakdownOf(group: Group, draft: DraftDocument, decimals: number): VatBreakdown {
  const rate = group.vat.category === 'O' ? null : group.vat.ratePercent;
  const exemption = draft.exemptions?.[group.vat.category];
  return {
    category: group.vat.category,
    ratePercent: rate,
    taxableAmount: roundDecimal(group.taxable, decimals),
    taxAmount: roundDecimal(group.taxable.times(rate ?? 0).dividedBy(100), decimals),
    exemptionReason: exemption?.reason ?? null,
    exemptionReasonCode: exemption?.code ?? null,
  };
}

/** The complete document: line net amounts, the VAT breakdown (BG-23) and the totals (BG-22). */
export function computeTotals(draft: DraftDocument): InvoiceDocument {
  const { prepaid = null, rounding = null, exemptions: _exemptions, lines: draftLines, ...rest } = draft;
  const decimals = decimalsOf(draft.currency);
  const round = (value: Decimal) => roundDecimal(value, decimals);
  const lines = draftLines.map((line) => ({ ...line, netAmount: lineNetAmount(line, draft.currency) }));
  const vatBreakdown = groupByVat(lines, draft).map((group) => breakdownOf(group, draft, decimals));
  const lineNet = sum(lines.map((line) => line.netAmount));
  const allowances = sum(amountsOf(draft.allowances));
  const charges = sum(amountsOf(draft.charges));
  const taxExclusive = lineNet.minus(allowances).plus(charges);
  const vat = sum(vatBreakdown.map((entry) => entry.taxAmount));
  const taxInclusive = taxExclusive.plus(vat);
  return {
    ...rest,
    lines,
    vatBreakdown,
    totals: {
      lineNet: round(lineNet),
      allowances: draft.allowances.length ? round(allowances) : null,
      charges: draft.charges.length ? round(charges) : null,
      taxExclusive: round(taxExclusive),
      vat: round(vat),
      taxInclusive: round(taxInclusive),
      prepaid: prepaid === null ? null : round(new Exact(prepaid)),
      rounding: rounding === null ? null : round(new Exact(rounding)),
      payable: round(taxInclusive.minus(prepaid ?? 0).plus(rounding ?? 0)),
    },
  };
}
