// Reading lines (BG-25), allowances and charges (BG-20/21/27/28) and the VAT breakdown (BG-23).
// Amounts keep their exact value (canonicalAmount); quantities, prices and rates their exact
// value too (canonicalDecimal): nothing here rounds.

import type {
  DocumentAllowanceCharge,
  DocumentLine,
  VatBreakdown,
  VatCategoryCode,
} from '../documents/invoice-document.ts';
import { canonicalAmount, canonicalDecimal, isDecimalText } from './decimal-text.ts';
import { EinvoiceErrors } from './errors.ts';
import { required } from './from-ubl-party.ts';
import { attributeOf, find, findAll, textAt, type XmlNode } from './xml-tree.ts';

const VAT_CATEGORIES: ReadonlySet<string> = new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']);

function decimalOf(text: string, term: string, toCanonical: (text: string) => string): string {
  if (!isDecimalText(text))
    throw EinvoiceErrors.einvoice_value_invalid(`${term} is not a number: ${text.slice(0, 40)}`);
  return toCanonical(text);
}

/** Reads amounts and decimals of one document, in its currency. */
export function numberReader(currency: string) {
  const amount = (from: XmlNode | undefined, path: string, term: string): string | null => {
    const text = textAt(from, path);
    return text === null ? null : decimalOf(text, term, (value) => canonicalAmount(value, currency));
  };
  const decimal = (from: XmlNode | undefined, path: string, term: string): string | null => {
    const text = textAt(from, path);
    return text === null ? null : decimalOf(text, term, canonicalDecimal);
  };
  const requiredAmount = (from: XmlNode | undefined, path: string, term: string): string =>
    decimalOf(required(from, path, term), term, (value) => canonicalAmount(value, currency));
  return { amount, decimal, requiredAmount };
}

type Numbers = ReturnType<typeof numberReader>;

// Categories EN 16931 added after InvoiceDocument was written (e.g. B, Italian split payment) are
// refused rather than passed on under a type that does not know them.
function vatOf(category: XmlNode | undefined, numbers: Numbers, term: string) {
  const code = required(category, 'cbc:ID', `${term} VAT category`).toUpperCase();
  if (!VAT_CATEGORIES.has(code))
    throw EinvoiceErrors.einvoice_value_invalid(`${term}: VAT category ${code} is not supported`);
  return {
    category: code as VatCategoryCode,
    ratePercent: numbers.decimal(category, 'cbc:Percent', `${term} VAT rate`),
  };
}

// xs:boolean is "true", "false", "1" or "0".
function isCharge(entry: XmlNode): boolean {
  const text = textAt(entry, 'cbc:ChargeIndicator')?.toLowerCase();
  return text === 'true' || text === '1';
}

function readAllowanceCharge(entry: XmlNode, numbers: Numbers, withVat: boolean): DocumentAllowanceCharge {
  const result: DocumentAllowanceCharge = {
    amount: numbers.requiredAmount(entry, 'cbc:Amount', 'Allowance or charge amount'),
    reason: textAt(entry, 'cbc:AllowanceChargeReason'),
    reasonCode: textAt(entry, 'cbc:AllowanceChargeReasonCode'),
    baseAmount: numbers.amount(entry, 'cbc:BaseAmount', 'Allowance or charge base amount'),
    percent: numbers.decimal(entry, 'cbc:MultiplierFactorNumeric', 'Allowance or charge percentage'),
  };
  if (withVat) result.vat = vatOf(find(entry, 'cac:TaxCategory'), numbers, 'Document allowance or charge');
  return result;
}

/** The allowances and charges directly below `owner` (the document root or a line). */
export function readAllowancesAndCharges(owner: XmlNode, numbers: Numbers, withVat: boolean) {
  const entries = findAll(owner, 'cac:AllowanceCharge');
  const read = (entry: XmlNode) => readAllowanceCharge(entry, numbers, withVat);
  return {
    allowances: entries.filter((e) => !isCharge(e)).map(read),
    charges: entries.filter(isCharge).map(read),
  };
}

export function readLine(line: XmlNode, numbers: Numbers, isCredit: boolean): DocumentLine {
  const quantityPath = isCredit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity';
  const item = find(line, 'cac:Item');
  const standard = find(item, 'cac:StandardItemIdentification/cbc:ID');
  const id = required(line, 'cbc:ID', 'Line id (BT-126)');
  const term = `Line ${id}`;
  return {
    id,
    name: required(item, 'cbc:Name', `${term} item name (BT-153)`),
    description: textAt(item, 'cbc:Description'),
    quantity: decimalOf(required(line, quantityPath, `${term} quantity (BT-129)`), term, canonicalDecimal),
    unitCode: attributeOf(find(line, quantityPath), 'unitCode') ?? '',
    unitPrice: decimalOf(
      required(line, 'cac:Price/cbc:PriceAmount', `${term} price (BT-146)`),
      term,
      canonicalDecimal,
    ),
    baseQuantity: numbers.decimal(line, 'cac:Price/cbc:BaseQuantity', `${term} base quantity (BT-149)`),
    netAmount: numbers.requiredAmount(line, 'cbc:LineExtensionAmount', `${term} net amount (BT-131)`),
    ...readAllowancesAndCharges(line, numbers, false),
    vat: vatOf(find(item, 'cac:ClassifiedTaxCategory'), numbers, term),
    sellerItemId: textAt(item, 'cac:SellersItemIdentification/cbc:ID'),
    standardItemId: standard
      ? { id: standard.text.trim(), scheme: attributeOf(standard, 'schemeID') ?? '' }
      : null,
  };
}

export function readVatBreakdown(subtotal: XmlNode, numbers: Numbers): VatBreakdown {
  const category = find(subtotal, 'cac:TaxCategory');
  const reasons = findAll(category, 'cbc:TaxExemptionReason').map((reason) => reason.text.trim());
  return {
    ...vatOf(category, numbers, 'VAT breakdown'),
    taxableAmount: numbers.requiredAmount(
      subtotal,
      'cbc:TaxableAmount',
      'VAT category taxable amount (BT-116)',
    ),
    taxAmount: numbers.requiredAmount(subtotal, 'cbc:TaxAmount', 'VAT category tax amount (BT-117)'),
    exemptionReason: reasons.filter(Boolean).join('\n') || null,
    exemptionReasonCode: textAt(category, 'cbc:TaxExemptionReasonCode'),
  };
}
