// VAT in UBL: the tax categories of lines and allowances, and the TaxTotal with its breakdown.

import type { InvoiceDocument, VatBreakdown, VatCategoryCode } from '../documents/invoice-document.ts';
import { canonicalDecimal } from './decimal-text.ts';
import { amountXml } from './to-ubl-amount.ts';
import { leaf, node, type XmlElement } from './xml-writer.ts';

type Vat = { category: VatCategoryCode; ratePercent: string | null };

// Categories whose rate is zero by definition (BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05).
const ZERO_RATED: ReadonlySet<VatCategoryCode> = new Set(['Z', 'E', 'AE', 'K', 'G']);

// The one exemption reason that follows from the category alone (VATEX); E needs the article
// that exempts the supply, so it has no default and an E breakdown without a reason fails BR-E-10.
const DEFAULT_EXEMPTION: Partial<Record<VatCategoryCode, { code: string; text: string }>> = {
  AE: { code: 'VATEX-EU-AE', text: 'Reverse charge' },
  K: { code: 'VATEX-EU-IC', text: 'Intra-community supply' },
  G: { code: 'VATEX-EU-G', text: 'Export outside the EU' },
  O: { code: 'VATEX-EU-O', text: 'Not subject to VAT' },
};

// O has no rate at all (BR-O-05); a missing rate on a zero-rated category is written as 0.
function percentOf({ category, ratePercent }: Vat): string | null {
  if (category === 'O') return null;
  if (ratePercent !== null) return canonicalDecimal(ratePercent);
  return ZERO_RATED.has(category) ? '0' : null;
}

/** cac:ClassifiedTaxCategory (lines) or cac:TaxCategory (allowances, charges). */
export function taxCategoryXml(name: string, vat: Vat | undefined): XmlElement | null {
  if (!vat) return null;
  return node(name, [
    leaf('cbc:ID', vat.category),
    leaf('cbc:Percent', percentOf(vat)),
    node('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
  ]);
}

function exemptionOf(line: VatBreakdown): { code: string | null; text: string | null } {
  if (line.exemptionReason || line.exemptionReasonCode) {
    return { code: line.exemptionReasonCode, text: line.exemptionReason };
  }
  return DEFAULT_EXEMPTION[line.category] ?? { code: null, text: null };
}

function subtotalXml(line: VatBreakdown, currency: string): XmlElement | null {
  const exemption = line.category === 'S' ? { code: null, text: null } : exemptionOf(line);
  return node('cac:TaxSubtotal', [
    amountXml('cbc:TaxableAmount', line.taxableAmount, currency),
    amountXml('cbc:TaxAmount', line.taxAmount, currency),
    node('cac:TaxCategory', [
      leaf('cbc:ID', line.category),
      leaf('cbc:Percent', percentOf(line)),
      leaf('cbc:TaxExemptionReasonCode', exemption.code),
      leaf('cbc:TaxExemptionReason', exemption.text),
      node('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
    ]),
  ]);
}

/** cac:TaxTotal: BT-110 and one TaxSubtotal (BG-23) per category and rate. */
export function taxTotalXml(doc: InvoiceDocument): XmlElement | null {
  return node('cac:TaxTotal', [
    amountXml('cbc:TaxAmount', doc.totals.vat, doc.currency),
    ...doc.vatBreakdown.map((line) => subtotalXml(line, doc.currency)),
  ]);
}
