// A supplier's e-invoice as the lines of a draft bill: its lines with the net each states, its
// document-level allowances and charges as lines of their own, each under the company's purchase
// tax for its VAT category and rate.

import { Decimal } from 'decimal.js';
import type { Executor } from '../../../platform/db/database.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { fromMinor, toMinor } from '../../../shared/money.ts';
import type {
  DocumentAllowanceCharge,
  DocumentLine,
  InvoiceDocument,
  VatCategoryCode,
} from '../documents/invoice-document.ts';
import { EinvoiceErrors } from '../einvoice/errors.ts';
import { listTaxes } from '../taxes/taxes.ts';
import type { DraftLineInput } from './draft-lines.ts';

type Vat = { category: VatCategoryCode; ratePercent: string | null };

// "Not subject to VAT" has no rate; its purchase tax has a rate of 0.
const rateOf = (vat: Vat) => new Decimal(vat.category === 'O' ? 0 : (vat.ratePercent ?? 0));
/** The key a VAT category and rate is mapped under: "S 25 %", "O 0 %". */
export const keyOf = (vat: Vat) => `${vat.category} ${rateOf(vat).toString()} %`;

function vatsOf(doc: InvoiceDocument): Vat[] {
  return [
    ...doc.lines.map((line) => line.vat),
    ...[...doc.allowances, ...doc.charges].flatMap((entry) => (entry.vat ? [entry.vat] : [])),
    ...doc.vatBreakdown.map(({ category, ratePercent }) => ({ category, ratePercent })),
  ];
}

/**
 * The company's purchase tax for each VAT category and rate the document uses (the first by code
 * when several fit). Refuses with `accounting.einvoice_tax_unmapped`, naming every category and
 * rate that has none: taxes are the company's to set up, for each country it buys from.
 */
export async function purchaseTaxesFor(
  db: Executor,
  companyId: string,
  doc: InvoiceDocument,
): Promise<Map<string, string>> {
  const taxes = (await listTaxes(db, companyId, { scope: 'purchase' })).filter(
    (tax) => tax.kind === 'percent' && !tax.priceIncluded,
  );
  const mapped = new Map<string, string>();
  const missing: FieldError[] = [];
  for (const vat of vatsOf(doc)) {
    const key = keyOf(vat);
    if (mapped.has(key) || missing.some((m) => m.code === key)) continue;
    const tax = taxes.find((t) => t.vatCategory === vat.category && rateOf(vat).eq(t.ratePercent ?? -1));
    if (tax) mapped.set(key, tax.id);
    else missing.push({ path: 'vat', code: key, message: `No purchase tax has VAT category ${key}` });
  }
  if (missing.length > 0) {
    throw EinvoiceErrors.einvoice_tax_unmapped(
      `Set up a purchase tax for ${missing.map((m) => `VAT category ${m.code}`).join(', ')}`,
      missing,
    );
  }
  return mapped;
}

// Quantities and prices are stored as NUMERIC(20, 6): a value that does not fit is refused rather
// than rounded, since the bill would then not say what the document says.
function fitting(value: string, term: string): string {
  if (!/^-?\d{1,14}(\.\d{1,6})?$/.test(value))
    throw EinvoiceErrors.einvoice_value_invalid(`${term} ${value} has more than 14 digits or 6 decimals`);
  return value;
}

/** An amount of the document in minor units, refused when the currency cannot hold it exactly. */
export function exactMinor(amount: string, currency: string, term: string): number {
  const minor = toMinor(amount, currency);
  if (!new Decimal(fromMinor(minor, currency)).eq(amount))
    throw EinvoiceErrors.einvoice_value_invalid(`${term} ${amount} has more decimals than ${currency} has`);
  return minor;
}

const gtinOf = (line: DocumentLine) =>
  line.standardItemId?.scheme === '0160' && /^\d{8,14}$/.test(line.standardItemId.id)
    ? line.standardItemId.id
    : null;

function itemLine(line: DocumentLine, taxId: string, currency: string): DraftLineInput {
  const term = `Line ${line.id}`;
  exactMinor(line.netAmount, currency, `${term} net amount (BT-131)`);
  return {
    kind: 'item',
    description: [line.name, line.description].filter(Boolean).join('\n').slice(0, 1000),
    quantity: fitting(line.quantity, `${term} quantity (BT-129)`),
    unitCode: line.unitCode || 'C62',
    unitPrice: fitting(line.unitPrice, `${term} price (BT-146)`),
    baseQuantity:
      line.baseQuantity === null ? null : fitting(line.baseQuantity, `${term} base quantity (BT-149)`),
    taxIds: [taxId],
    sku: line.sellerItemId?.slice(0, 100) ?? null,
    gtin: gtinOf(line),
    statedNet: line.netAmount,
  };
}

// An allowance of −5 (a document may say so) is a quantity of −1: prices stay positive.
function adjustmentLine(
  entry: DocumentAllowanceCharge,
  kind: 'allowance' | 'charge',
  taxId: string,
  currency: string,
): DraftLineInput {
  const term = kind === 'allowance' ? 'Document allowance (BT-92)' : 'Document charge (BT-99)';
  exactMinor(entry.amount, currency, term);
  const negative = entry.amount.startsWith('-');
  return {
    kind,
    description: (entry.reason ?? entry.reasonCode ?? (kind === 'allowance' ? 'Allowance' : 'Charge')).slice(
      0,
      1000,
    ),
    quantity: negative ? '-1' : '1',
    unitPrice: fitting(negative ? entry.amount.slice(1) : entry.amount, term),
    taxIds: [taxId],
  };
}

/** The draft lines of the document: its lines, then its allowances, then its charges. */
export function billLines(doc: InvoiceDocument, taxes: Map<string, string>): DraftLineInput[] {
  const taxOf = (vat: Vat) => taxes.get(keyOf(vat))!;
  return [
    ...doc.lines.map((line) => itemLine(line, taxOf(line.vat), doc.currency)),
    ...doc.allowances.map((entry) => adjustmentLine(entry, 'allowance', taxOf(entry.vat!), doc.currency)),
    ...doc.charges.map((entry) => adjustmentLine(entry, 'charge', taxOf(entry.vat!), doc.currency)),
  ];
}
