// Quotations and order confirmations printed as an invoice is: the same parties, lines, discounts,
// VAT breakdown and totals, computed by the same tax engine, so that what was quoted is what is
// invoiced. Sales owns the order; accounting owns how a priced document looks.

import type { Executor } from '../../../platform/db/database.ts';
import { fromMinor } from '../../../shared/money.ts';
import { getParty } from '../../crm/index.ts';
import type { InvoiceDocument } from '../documents/invoice-document.ts';
import { renderInvoicePdf } from '../documents/render-invoice-pdf.ts';
import { companyName, getSettings } from '../ledger/settings.ts';
import { appliedTaxesById } from '../taxes/taxes.ts';
import { computeInvoice } from './compute.ts';
import {
  documentLine,
  type PrintableLine,
  partnerParty,
  sellerParty,
  vatBreakdown,
} from './document-parts.ts';
import { taxRowsOf } from './draft-lines.ts';

export type SalesDocumentInput = {
  /** What the document is, e.g. "Quotation" or "Order confirmation". */
  title: string;
  number: string;
  /** YYYY-MM-DD */
  date: string;
  /** Printed as "Valid until" (a quotation's expiry). */
  validUntil: string | null;
  partnerId: string;
  currencyCode: string;
  customerReference: string | null;
  note: string | null;
  paymentTermDays: number | null;
  lines: {
    description: string;
    sku: string | null;
    quantity: string;
    unitCode: string;
    unitPrice: string;
    discountPercent: string;
    taxIds: string[];
  }[];
};

/** A quotation or order confirmation as an A4 PDF, with the company's details and the customer's. */
export async function renderSalesDocumentPdf(
  db: Executor,
  companyId: string,
  input: SalesDocumentInput,
  options: { locale?: string } = {},
): Promise<Buffer> {
  const settings = await getSettings(db, companyId);
  const partner = await getParty(db, companyId, input.partnerId);
  const currency = input.currencyCode;
  const taxes = await appliedTaxesById(
    db,
    companyId,
    input.lines.flatMap((l) => l.taxIds),
    'sale',
  );
  const computed = computeInvoice(
    input.lines.map((line) => ({ ...line, kind: 'item' as const })),
    taxes,
    currency,
    settings.taxRounding,
  );
  const included = new Set(
    [...taxes.values()]
      .flat()
      .filter((t) => t.priceIncluded)
      .map((t) => t.id),
  );
  const lines: PrintableLine[] = input.lines.map((line, index) => {
    const vat = line.taxIds.flatMap((id) => taxes.get(id) ?? []).find((t) => t.kind === 'percent');
    return {
      ...line,
      lineNo: index + 1,
      baseQuantity: null,
      netMinor: computed.lines[index]!.netMinor,
      statedNet: null,
      vatCategory: vat?.vatCategory ?? 'O',
      vatRatePercent: vat?.ratePercent ?? null,
      gtin: null,
    };
  });
  const taxRows = taxRowsOf(companyId, computed, taxes);
  const vatMinor = taxRows.filter((t) => t.ratePercent !== null).reduce((sum, t) => sum + t.amountMinor, 0);
  const money = (minor: number) => fromMinor(minor, currency);
  const terms = input.paymentTermDays === null ? null : `Payment terms: ${input.paymentTermDays} days net`;
  const document: InvoiceDocument = {
    kind: 'invoice',
    number: input.number,
    issueDate: input.date,
    dueDate: input.validUntil,
    deliveryDate: null,
    currency,
    buyerReference: input.customerReference,
    orderReference: null,
    precedingInvoice: null,
    note: [input.note, terms].filter(Boolean).join('\n') || null,
    seller: sellerParty(settings, await companyName(db, companyId)),
    buyer: partnerParty(partner),
    payment: null,
    lines: lines.map((line) =>
      documentLine(
        line,
        currency,
        line.taxIds.some((id) => included.has(id)),
      ),
    ),
    allowances: [],
    charges: [],
    vatBreakdown: vatBreakdown({ currencyCode: currency, taxes: taxRows, lines }),
    totals: {
      lineNet: money(computed.netMinor),
      allowances: null,
      charges: null,
      taxExclusive: money(computed.netMinor),
      vat: money(vatMinor),
      taxInclusive: money(computed.netMinor + vatMinor),
      prepaid: null,
      rounding: null,
      payable: money(computed.netMinor + vatMinor),
    },
  };
  return renderInvoicePdf(document, {
    locale: options.locale ?? 'en',
    title: input.title,
    labels: { issueDate: 'Date', dueDate: 'Valid until', amountDue: 'Total' },
  });
}
