import { fromMinor } from '../../../shared/money.ts';
import { computeTaxes, type DocumentTaxes, type TaxRounding } from '../../../shared/tax.ts';
import type { AppliedTax } from '../taxes/taxes.ts';
import type { InvoiceKind, LineKind } from './schema.ts';

export type ComputableLine = {
  kind: LineKind;
  quantity: string;
  unitPrice: string;
  baseQuantity?: string | null | undefined;
  discountPercent: string;
  taxIds: readonly string[];
  /** The net an imported document states (BT-131), in minor units. */
  statedNetMinor?: number | null;
};

// Prices are stored positive; an allowance takes its amount off, so the engine sees it negative.
const signedPrice = (line: ComputableLine) =>
  line.kind === 'allowance' ? `-${line.unitPrice}` : line.unitPrice;

/** Which taxes an invoice kind applies, and on which side its partner line sits. */
export function kindTraits(kind: InvoiceKind) {
  const sale = kind === 'customer_invoice' || kind === 'customer_credit_note';
  const refund = kind === 'customer_credit_note' || kind === 'vendor_refund';
  return {
    scope: sale ? ('sale' as const) : ('purchase' as const),
    partnerRole: sale ? ('customer' as const) : ('supplier' as const),
    // Invoices to customers and refunds from suppliers are owed to us: the partner line is a debit.
    partnerSide: sale !== refund ? ('debit' as const) : ('credit' as const),
    correctsKind: refund ? (sale ? ('customer_invoice' as const) : ('vendor_bill' as const)) : null,
  };
}

/**
 * Lines' nets and taxes by the shared tax engine, taxes looked up in `taxes` (groups expanded,
 * keyed by the id a line names).
 */
export function computeInvoice(
  lines: readonly ComputableLine[],
  taxes: ReadonlyMap<string, AppliedTax[]>,
  currency: string,
  rounding: TaxRounding,
): DocumentTaxes {
  return computeTaxes(
    lines.map((line) => ({
      unitPrice: signedPrice(line),
      quantity: line.quantity,
      baseQuantity: line.baseQuantity ?? null,
      discountPercent: line.discountPercent,
      statedAmount: line.statedNetMinor == null ? null : fromMinor(line.statedNetMinor, currency),
      taxes: line.taxIds.flatMap((id) => taxes.get(id) ?? []),
    })),
    currency,
    rounding,
  );
}
