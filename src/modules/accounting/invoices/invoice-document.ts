import type { Executor } from '../../../platform/db/database.ts';
import { formatCreditorReference } from '../../../shared/creditor-reference.ts';
import { fromMinor } from '../../../shared/money.ts';
import { getParty } from '../../crm/index.ts';
import type { AccountingSettings } from '../contracts.ts';
import type { DocumentParty, DocumentPayment, InvoiceDocument } from '../documents/invoice-document.ts';
import { companyName, getSettings } from '../ledger/settings.ts';
import { taxesByIds } from '../taxes/taxes.ts';
import type { Invoice } from './contracts.ts';
import {
  allowanceOrCharge,
  documentLine,
  partnerParty,
  payeeAccount,
  sellerParty,
  vatBreakdown,
} from './document-parts.ts';
import { getInvoice, invoiceRow } from './drafts.ts';

type Corrected = Awaited<ReturnType<typeof invoiceRow>> | null;

// Without an account to pay into, the means of payment is "not defined" (UNCL 4461 code 1): a
// credit transfer (30, 58) must name the payee's account (BR-61).
function paymentOf(invoice: Invoice, settings: AccountingSettings, seller: DocumentParty): DocumentPayment {
  const account = payeeAccount(settings, seller.name);
  return {
    meansCode: account ? '58' : '1',
    remittanceReference: invoice.creditorReference
      ? formatCreditorReference(invoice.creditorReference).replace(/ /g, '')
      : invoice.number,
    account,
    terms: invoice.dueDate ? `Due ${invoice.dueDate}` : null,
  };
}

// A credit note made by cancelling carries the corrected invoice's number as its reference; the
// customer's references (their order, their buyer reference) are the corrected invoice's.
function referencesOf(invoice: Invoice, corrected: Corrected) {
  const ownReference = corrected && invoice.reference === corrected.number ? null : invoice.reference;
  return {
    buyerReference: invoice.buyerReference ?? corrected?.buyerReference ?? null,
    orderReference: ownReference ?? corrected?.reference ?? null,
    precedingInvoice: corrected?.number
      ? { number: corrected.number, issueDate: corrected.invoiceDate }
      : null,
  };
}

// Supplies outside the scope of VAT (O) name no VAT identifier at all (BR-O-02 to BR-O-04).
function withoutVatIds(doc: Pick<InvoiceDocument, 'seller' | 'buyer' | 'vatBreakdown'>) {
  if (!doc.vatBreakdown.some((row) => row.category === 'O')) return doc;
  return { ...doc, seller: { ...doc.seller, vatId: null }, buyer: { ...doc.buyer, vatId: null } };
}

// An intra-community supply names where and when the goods went (BR-IC-11, BR-IC-12). Tandem
// keeps no delivery record on an invoice: the goods went to the buyer's address, when invoiced.
function deliveryOf(doc: Pick<InvoiceDocument, 'buyer' | 'vatBreakdown'>, issueDate: string) {
  if (!doc.vatBreakdown.some((row) => row.category === 'K')) return { deliveryDate: null, delivery: null };
  return {
    deliveryDate: issueDate,
    delivery: { partyName: doc.buyer.name, locationId: null, address: doc.buyer.address },
  };
}

async function includedTaxIds(db: Executor, companyId: string, invoice: Invoice): Promise<Set<string>> {
  const taxes = await taxesByIds(db, companyId, [...new Set(invoice.lines.flatMap((l) => l.taxIds))]);
  return new Set(taxes.filter((tax) => tax.priceIncluded).map((tax) => tax.id));
}

function totalsOf(invoice: Invoice, vatMinor: number): InvoiceDocument['totals'] {
  const money = (minor: number) => fromMinor(minor, invoice.currencyCode);
  // Until the e-invoice layer has its own record of payments before issue, what was paid so far
  // shows as paid (BT-113), as the PDF has always shown it.
  const openMinor = invoice.totalMinor + (invoice.roundingMinor ?? 0);
  const paidMinor = invoice.kind === 'customer_invoice' ? openMinor - invoice.amountDueMinor : 0;
  const prepaidMinor = (invoice.prepaidMinor ?? 0) + Math.max(paidMinor, 0);
  const inclusiveMinor = invoice.netMinor + vatMinor;
  return {
    lineNet: invoice.lineNet,
    allowances: invoice.allowanceTotal,
    charges: invoice.chargeTotal,
    taxExclusive: invoice.net,
    vat: money(vatMinor),
    taxInclusive: money(inclusiveMinor),
    prepaid: prepaidMinor !== 0 || invoice.prepaid !== null ? money(prepaidMinor) : null,
    rounding: invoice.rounding,
    payable: money(inclusiveMinor - prepaidMinor + (invoice.roundingMinor ?? 0)),
  };
}

/** A posted invoice or credit note as a document, for its PDF and its UBL e-invoice. */
export async function invoiceDocument(db: Executor, companyId: string, id: string): Promise<InvoiceDocument> {
  const invoice = await getInvoice(db, companyId, id);
  const settings = await getSettings(db, companyId);
  const partner = await getParty(db, companyId, invoice.partnerId);
  const sale = invoice.kind === 'customer_invoice' || invoice.kind === 'customer_credit_note';
  const us = sellerParty(settings, await companyName(db, companyId));
  const them = partnerParty(partner);
  const corrected = invoice.correctsInvoiceId
    ? await invoiceRow(db, companyId, invoice.correctsInvoiceId)
    : null;
  const included = await includedTaxIds(db, companyId, invoice);
  const currency = invoice.currencyCode;
  const vat = vatBreakdown(invoice);
  const vatMinor = invoice.taxes.filter((t) => t.ratePercent !== null).reduce((s, t) => s + t.amountMinor, 0);
  const issueDate = invoice.invoiceDate ?? new Date().toISOString().slice(0, 10);
  const parties = withoutVatIds({ seller: sale ? us : them, buyer: sale ? them : us, vatBreakdown: vat });
  const ofKind = (kind: string) => invoice.lines.filter((line) => line.kind === kind);
  return {
    kind: invoice.kind === 'customer_invoice' || invoice.kind === 'vendor_bill' ? 'invoice' : 'credit_note',
    number: invoice.number ?? `DRAFT-${invoice.id.slice(0, 8)}`,
    issueDate,
    dueDate: invoice.dueDate,
    ...deliveryOf(parties, issueDate),
    currency,
    ...referencesOf(invoice, corrected),
    note: invoice.note,
    ...parties,
    payment: sale ? paymentOf(invoice, settings, us) : null,
    lines: ofKind('item').map((line) =>
      documentLine(
        line,
        currency,
        line.taxIds.some((taxId) => included.has(taxId)),
      ),
    ),
    allowances: ofKind('allowance').map((line) => allowanceOrCharge(line, currency)),
    charges: ofKind('charge').map((line) => allowanceOrCharge(line, currency)),
    totals: totalsOf(invoice, vatMinor),
  };
}
