// UBL 2.1 Invoice or CreditNote -> InvoiceDocument. The reader keeps what the document says and
// checks only that it can be read; whether it is a valid e-invoice is the validator's question
// (import-ubl.ts asks it first). Amounts are read exactly and spelt canonically (decimal-text.ts).

import type { DocumentPayment, DocumentTotals, InvoiceDocument } from '../documents/invoice-document.ts';
import { EinvoiceErrors } from './errors.ts';
import { numberReader, readAllowancesAndCharges, readLine, readVatBreakdown } from './from-ubl-lines.ts';
import { readDelivery, readParty, readTaxRepresentative, required } from './from-ubl-party.ts';
import { DEFAULT_TYPE_CODE, UBL_NS } from './ubl-names.ts';
import { attributeOf, find, findAll, parseXmlTree, textAt, type XmlNode } from './xml-tree.ts';

type Numbers = ReturnType<typeof numberReader>;

function rootOf(xml: string): { root: XmlNode; isCredit: boolean } {
  const root = parseXmlTree(xml);
  if (root.ns === UBL_NS.invoice && root.local === 'Invoice') return { root, isCredit: false };
  if (root.ns === UBL_NS.creditNote && root.local === 'CreditNote') return { root, isCredit: true };
  throw EinvoiceErrors.einvoice_not_ubl(`The root element is {${root.ns}}${root.local}`);
}

// Several notes (BT-22 repeats) become one, a line each: Peppol allows one note only (R002).
function joined(nodes: XmlNode[]): string | null {
  const texts = nodes.map((entry) => entry.text.trim()).filter(Boolean);
  return texts.length ? texts.join('\n') : null;
}

// BT-110 is the TaxTotal in the document currency; another one may carry BT-111 in the tax currency.
function documentTaxTotal(root: XmlNode, currency: string): XmlNode | undefined {
  const totals = findAll(root, 'cac:TaxTotal');
  return (
    totals.find((total) => attributeOf(find(total, 'cbc:TaxAmount'), 'currencyID') === currency) ?? totals[0]
  );
}

function readTotals(root: XmlNode, numbers: Numbers, currency: string): DocumentTotals {
  const total = find(root, 'cac:LegalMonetaryTotal');
  return {
    lineNet: numbers.requiredAmount(total, 'cbc:LineExtensionAmount', 'Sum of line net amounts (BT-106)'),
    allowances: numbers.amount(total, 'cbc:AllowanceTotalAmount', 'Sum of allowances (BT-107)'),
    charges: numbers.amount(total, 'cbc:ChargeTotalAmount', 'Sum of charges (BT-108)'),
    taxExclusive: numbers.requiredAmount(total, 'cbc:TaxExclusiveAmount', 'Total without VAT (BT-109)'),
    vat: numbers.requiredAmount(documentTaxTotal(root, currency), 'cbc:TaxAmount', 'Total VAT (BT-110)'),
    taxInclusive: numbers.requiredAmount(total, 'cbc:TaxInclusiveAmount', 'Total with VAT (BT-112)'),
    prepaid: numbers.amount(total, 'cbc:PrepaidAmount', 'Paid amount (BT-113)'),
    rounding: numbers.amount(total, 'cbc:PayableRoundingAmount', 'Rounding amount (BT-114)'),
    payable: numbers.requiredAmount(total, 'cbc:PayableAmount', 'Amount due (BT-115)'),
  };
}

// Only the first payment means is read: InvoiceDocument holds one (EN 16931 allows several
// credit transfer accounts; the first is the one a payer is asked to use).
function readPayment(root: XmlNode): DocumentPayment | null {
  const means = find(root, 'cac:PaymentMeans');
  const terms = joined(findAll(root, 'cac:PaymentTerms/cbc:Note'));
  if (!means && !terms) return null;
  const accountId = textAt(means, 'cac:PayeeFinancialAccount/cbc:ID');
  const mandateId = textAt(means, 'cac:PaymentMandate/cbc:ID');
  return {
    meansCode: textAt(means, 'cbc:PaymentMeansCode') ?? '',
    remittanceReference: textAt(means, 'cbc:PaymentID'),
    account: accountId
      ? {
          iban: accountId,
          name: textAt(means, 'cac:PayeeFinancialAccount/cbc:Name'),
          bic: textAt(means, 'cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID'),
        }
      : null,
    terms,
    directDebit: mandateId
      ? { mandateId, debitedAccount: textAt(means, 'cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID') }
      : null,
  };
}

function readReferences(root: XmlNode) {
  const preceding = find(root, 'cac:BillingReference/cac:InvoiceDocumentReference');
  const period = find(root, 'cac:InvoicePeriod');
  const start = textAt(period, 'cbc:StartDate');
  const end = textAt(period, 'cbc:EndDate');
  return {
    buyerReference: textAt(root, 'cbc:BuyerReference'),
    orderReference: textAt(root, 'cac:OrderReference/cbc:ID'),
    precedingInvoice: preceding
      ? {
          number: required(preceding, 'cbc:ID', 'Preceding invoice (BT-25)'),
          issueDate: textAt(preceding, 'cbc:IssueDate'),
        }
      : null,
    invoicePeriod: start || end ? { start, end } : null,
  };
}

/**
 * Reads a UBL 2.1 Invoice or CreditNote. Amounts keep their exact value, written with at least
 * the currency's decimals ("1000" → "1000.00" in EUR); quantities, prices and rates without
 * trailing zeros ("25.00" → "25"). Throws XmlSyntaxError for XML that is not well-formed and an
 * `accounting.einvoice_*` AppError for a document that is not UBL or lacks what it must have.
 */
export function ublToInvoiceDocument(xml: string): InvoiceDocument {
  const { root, isCredit } = rootOf(xml);
  const kind = isCredit ? 'credit_note' : 'invoice';
  const currency = required(root, 'cbc:DocumentCurrencyCode', 'Currency (BT-5)');
  const numbers = numberReader(currency);
  const typeCode = textAt(root, isCredit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode');
  return {
    kind,
    typeCode: typeCode === DEFAULT_TYPE_CODE[kind] ? null : typeCode,
    businessProcess: textAt(root, 'cbc:ProfileID'),
    number: required(root, 'cbc:ID', 'Invoice number (BT-1)'),
    issueDate: required(root, 'cbc:IssueDate', 'Issue date (BT-2)'),
    dueDate: isCredit ? textAt(root, 'cac:PaymentMeans/cbc:PaymentDueDate') : textAt(root, 'cbc:DueDate'),
    deliveryDate: textAt(root, 'cac:Delivery/cbc:ActualDeliveryDate') ?? textAt(root, 'cbc:TaxPointDate'),
    currency,
    ...readReferences(root),
    note: joined(findAll(root, 'cbc:Note')),
    seller: readParty(find(root, 'cac:AccountingSupplierParty/cac:Party'), 'Seller'),
    buyer: readParty(find(root, 'cac:AccountingCustomerParty/cac:Party'), 'Buyer'),
    taxRepresentative: readTaxRepresentative(find(root, 'cac:TaxRepresentativeParty')),
    delivery: readDelivery(find(root, 'cac:Delivery')),
    payment: readPayment(root),
    lines: findAll(root, isCredit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine').map((line) =>
      readLine(line, numbers, isCredit),
    ),
    ...readAllowancesAndCharges(root, numbers, true),
    vatBreakdown: findAll(documentTaxTotal(root, currency), 'cac:TaxSubtotal').map((s) =>
      readVatBreakdown(s, numbers),
    ),
    totals: readTotals(root, numbers, currency),
  };
}
