import { computeTaxes, type DocumentTaxes, type TaxRounding } from '../../../shared/tax.ts';
import type { AppliedTax } from '../taxes/taxes.ts';
import type { InvoiceKind } from './schema.ts';

export type ComputableLine = {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxIds: readonly string[];
};

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
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      discountPercent: line.discountPercent,
      taxes: line.taxIds.flatMap((id) => taxes.get(id) ?? []),
    })),
    currency,
    rounding,
  );
}
