// Invoice and credit note lines (BG-25) and allowances and charges (BG-20/21 on the document,
// BG-27/28 on a line), each with its children in UBL 2.1 schema order.

import type {
  DocumentAllowanceCharge,
  DocumentLine,
  InvoiceDocument,
} from '../documents/invoice-document.ts';
import { amountXml, decimalXml } from './to-ubl-amount.ts';
import { taxCategoryXml } from './to-ubl-tax.ts';
import { leaf, node, type XmlElement } from './xml-writer.ts';

/** cac:AllowanceCharge; the tax category is written only for document-level ones. */
export function allowanceChargeXml(entry: DocumentAllowanceCharge, isCharge: boolean, currency: string) {
  return node('cac:AllowanceCharge', [
    leaf('cbc:ChargeIndicator', isCharge ? 'true' : 'false'),
    leaf('cbc:AllowanceChargeReasonCode', entry.reasonCode),
    leaf('cbc:AllowanceChargeReason', entry.reason),
    decimalXml('cbc:MultiplierFactorNumeric', entry.percent),
    amountXml('cbc:Amount', entry.amount, currency),
    amountXml('cbc:BaseAmount', entry.baseAmount, currency),
    taxCategoryXml('cac:TaxCategory', entry.vat),
  ]);
}

export function allowancesAndChargesXml(
  owner: { allowances: DocumentAllowanceCharge[]; charges: DocumentAllowanceCharge[] },
  currency: string,
): (XmlElement | null)[] {
  return [
    ...owner.allowances.map((entry) => allowanceChargeXml(entry, false, currency)),
    ...owner.charges.map((entry) => allowanceChargeXml(entry, true, currency)),
  ];
}

function itemXml(line: DocumentLine): XmlElement | null {
  return node('cac:Item', [
    leaf('cbc:Description', line.description),
    leaf('cbc:Name', line.name),
    node('cac:SellersItemIdentification', [leaf('cbc:ID', line.sellerItemId)]),
    line.standardItemId &&
      node('cac:StandardItemIdentification', [
        leaf('cbc:ID', line.standardItemId.id, { schemeID: line.standardItemId.scheme }),
      ]),
    taxCategoryXml('cac:ClassifiedTaxCategory', line.vat),
  ]);
}

// Line allowances and charges (BG-27/28) have no VAT category of their own: they take the line's.
function lineAllowancesXml(line: DocumentLine, currency: string): (XmlElement | null)[] {
  const withoutVat = (entry: DocumentAllowanceCharge) => ({ ...entry, vat: undefined });
  return allowancesAndChargesXml(
    { allowances: line.allowances.map(withoutVat), charges: line.charges.map(withoutVat) },
    currency,
  );
}

/** cac:InvoiceLine with cbc:InvoicedQuantity, or cac:CreditNoteLine with cbc:CreditedQuantity. */
export function lineXml(doc: InvoiceDocument, line: DocumentLine): XmlElement | null {
  const isCredit = doc.kind === 'credit_note';
  return node(isCredit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', [
    leaf('cbc:ID', line.id),
    decimalXml(isCredit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', line.quantity, {
      unitCode: line.unitCode,
    }),
    amountXml('cbc:LineExtensionAmount', line.netAmount, doc.currency),
    ...lineAllowancesXml(line, doc.currency),
    itemXml(line),
    node('cac:Price', [
      amountXml('cbc:PriceAmount', line.unitPrice, doc.currency),
      // The base quantity's unit must be the line's (PEPPOL-EN16931-R130).
      decimalXml('cbc:BaseQuantity', line.baseQuantity, { unitCode: line.unitCode }),
    ]),
  ]);
}
