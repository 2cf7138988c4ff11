// InvoiceDocument -> UBL 2.1 Invoice (380) or CreditNote (381), for EN 16931 or Peppol BIS
// Billing 3.0. The writer writes what the document says: totals and the VAT breakdown are the
// caller's (see document-totals.ts), and the validator is the judge of whether they add up.

import type { DocumentPayment, InvoiceDocument } from '../documents/invoice-document.ts';
import { amountXml } from './to-ubl-amount.ts';
import { allowancesAndChargesXml, lineXml } from './to-ubl-lines.ts';
import { deliveryXml, partyXml, taxRepresentativeXml } from './to-ubl-party.ts';
import { taxTotalXml } from './to-ubl-tax.ts';
import {
  CUSTOMIZATION_ID,
  DEFAULT_TYPE_CODE,
  PEPPOL_PROFILE_ID,
  UBL_NS,
  type UblProfile,
} from './ubl-names.ts';
import { leaf, node, serializeXml, type XmlElement } from './xml-writer.ts';

export type UblExportOptions = { profile: UblProfile };

// UBL 2.1 puts DueDate on the Invoice but not on the CreditNote, whose BT-9 is the payment
// means' PaymentDueDate; and the two roots order TaxPointDate and the type code differently
// (neither is written here: BT-7 goes out as the delivery date).
function headerXml(doc: InvoiceDocument, profile: UblProfile): (XmlElement | null | undefined)[] {
  const isCredit = doc.kind === 'credit_note';
  const preceding = doc.precedingInvoice;
  return [
    leaf('cbc:CustomizationID', CUSTOMIZATION_ID[profile]),
    leaf('cbc:ProfileID', profile === 'peppol' ? PEPPOL_PROFILE_ID : doc.businessProcess),
    leaf('cbc:ID', doc.number),
    leaf('cbc:IssueDate', doc.issueDate),
    isCredit ? null : leaf('cbc:DueDate', doc.dueDate),
    leaf(
      isCredit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode',
      doc.typeCode ?? DEFAULT_TYPE_CODE[doc.kind],
    ),
    leaf('cbc:Note', doc.note),
    leaf('cbc:DocumentCurrencyCode', doc.currency),
    leaf('cbc:BuyerReference', doc.buyerReference),
    doc.invoicePeriod &&
      node('cac:InvoicePeriod', [
        leaf('cbc:StartDate', doc.invoicePeriod.start),
        leaf('cbc:EndDate', doc.invoicePeriod.end),
      ]),
    node('cac:OrderReference', [leaf('cbc:ID', doc.orderReference)]),
    preceding &&
      node('cac:BillingReference', [
        node('cac:InvoiceDocumentReference', [
          leaf('cbc:ID', preceding.number),
          leaf('cbc:IssueDate', preceding.issueDate),
        ]),
      ]),
  ];
}

// Without payment means a credit note has nowhere to carry its due date (BT-9), so it is left out.
function paymentXml(doc: InvoiceDocument, payment: DocumentPayment | null): (XmlElement | null)[] {
  if (!payment) return [];
  const { account, directDebit } = payment;
  const means = node('cac:PaymentMeans', [
    leaf('cbc:PaymentMeansCode', payment.meansCode),
    doc.kind === 'credit_note' ? leaf('cbc:PaymentDueDate', doc.dueDate) : null,
    // BT-83: the RF creditor reference (ISO 11649) the payer quotes.
    leaf('cbc:PaymentID', payment.remittanceReference),
    account &&
      node('cac:PayeeFinancialAccount', [
        leaf('cbc:ID', account.iban),
        leaf('cbc:Name', account.name),
        node('cac:FinancialInstitutionBranch', [leaf('cbc:ID', account.bic)]),
      ]),
    directDebit &&
      node('cac:PaymentMandate', [
        leaf('cbc:ID', directDebit.mandateId),
        node('cac:PayerFinancialAccount', [leaf('cbc:ID', directDebit.debitedAccount)]),
      ]),
  ]);
  return [means, node('cac:PaymentTerms', [leaf('cbc:Note', payment.terms)])];
}

function monetaryTotalXml(doc: InvoiceDocument): XmlElement | null {
  const { totals, currency } = doc;
  return node('cac:LegalMonetaryTotal', [
    amountXml('cbc:LineExtensionAmount', totals.lineNet, currency),
    amountXml('cbc:TaxExclusiveAmount', totals.taxExclusive, currency),
    amountXml('cbc:TaxInclusiveAmount', totals.taxInclusive, currency),
    amountXml('cbc:AllowanceTotalAmount', totals.allowances, currency),
    amountXml('cbc:ChargeTotalAmount', totals.charges, currency),
    amountXml('cbc:PrepaidAmount', totals.prepaid, currency),
    amountXml('cbc:PayableRoundingAmount', totals.rounding, currency),
    amountXml('cbc:PayableAmount', totals.payable, currency),
  ]);
}

/**
 * The document as UBL 2.1 XML: an Invoice for `kind: 'invoice'`, a CreditNote for
 * `kind: 'credit_note'`. `profile: 'peppol'` writes Peppol BIS Billing 3.0's CustomizationID and
 * ProfileID; `'en16931'` the plain EN 16931 CustomizationID, and a ProfileID only when the
 * document has a business process (BT-23).
 */
export function invoiceToUbl(doc: InvoiceDocument, options: UblExportOptions): string {
  const isCredit = doc.kind === 'credit_note';
  const root = node(
    isCredit ? 'CreditNote' : 'Invoice',
    [
      ...headerXml(doc, options.profile),
      node('cac:AccountingSupplierParty', [partyXml(doc.seller)]),
      node('cac:AccountingCustomerParty', [partyXml(doc.buyer)]),
      taxRepresentativeXml(doc.taxRepresentative),
      deliveryXml(doc.deliveryDate, doc.delivery),
      ...paymentXml(doc, doc.payment),
      ...allowancesAndChargesXml(doc, doc.currency),
      taxTotalXml(doc),
      monetaryTotalXml(doc),
      ...doc.lines.map((line) => lineXml(doc, line)),
    ],
    {
      xmlns: isCredit ? UBL_NS.creditNote : UBL_NS.invoice,
      'xmlns:cac': UBL_NS.cac,
      'xmlns:cbc': UBL_NS.cbc,
    },
  );
  return serializeXml(root!);
}
