// The words printed on an invoice, in English by default. The locale only decides how numbers and
// dates look; a caller printing in another language passes its own labels (from the company's or
// the customer's language settings).

import type { VatCategoryCode } from './invoice-document.ts';

export type Labels = {
  invoice: string;
  creditNote: string;
  /** "{title} {number}", e.g. the running header on later pages. */
  titleWithNumber: string;
  numberPrefix: string;
  seller: string;
  buyer: string;
  issueDate: string;
  dueDate: string;
  deliveryDate: string;
  orderReference: string;
  buyerReference: string;
  correctedInvoice: string;
  /** "{number} of {date}" for the corrected invoice. */
  invoiceOfDate: string;
  vatId: string;
  companyId: string;
  phone: string;
  email: string;
  description: string;
  quantity: string;
  unitPrice: string;
  /** "per {quantity}" when a unit price is for more than one unit. */
  perQuantity: string;
  discount: string;
  charge: string;
  vat: string;
  netAmount: string;
  sku: string;
  vatBreakdown: string;
  vatCategory: string;
  vatRate: string;
  taxableAmount: string;
  taxAmount: string;
  exemptionReason: string;
  lineNet: string;
  taxExclusive: string;
  taxTotal: string;
  taxInclusive: string;
  prepaid: string;
  rounding: string;
  amountDue: string;
  amountCredited: string;
  payment: string;
  paymentMeans: string;
  accountHolder: string;
  iban: string;
  bic: string;
  paymentReference: string;
  paymentTerms: string;
  notes: string;
  /** "Page {page} of {pages}" */
  page: string;
  /** UN/ECE Recommendation 20 unit code -> what is printed after a quantity ("" prints nothing). */
  units: Readonly<Record<string, string>>;
  vatCategories: Readonly<Partial<Record<VatCategoryCode, string>>>;
  /** UNCL 4461 payment means code -> its name. */
  paymentMeansCodes: Readonly<Record<string, string>>;
};

export const DEFAULT_LABELS: Labels = {
  invoice: 'Invoice',
  creditNote: 'Credit note',
  titleWithNumber: '{title} {number}',
  numberPrefix: 'No.',
  seller: 'Supplier',
  buyer: 'Customer',
  issueDate: 'Issue date',
  dueDate: 'Due date',
  deliveryDate: 'Delivery date',
  orderReference: 'Order reference',
  buyerReference: 'Your reference',
  correctedInvoice: 'Corrects invoice',
  invoiceOfDate: '{number} of {date}',
  vatId: 'VAT ID',
  companyId: 'Company ID',
  phone: 'Phone',
  email: 'Email',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  perQuantity: 'per {quantity}',
  discount: 'Discount',
  charge: 'Charge',
  vat: 'VAT',
  netAmount: 'Amount',
  sku: 'SKU',
  vatBreakdown: 'VAT breakdown',
  vatCategory: 'VAT category',
  vatRate: 'Rate',
  taxableAmount: 'Taxable amount',
  taxAmount: 'VAT amount',
  exemptionReason: 'Exemption reason',
  lineNet: 'Subtotal',
  taxExclusive: 'Total excl. VAT',
  taxTotal: 'VAT',
  taxInclusive: 'Total incl. VAT',
  prepaid: 'Paid',
  rounding: 'Rounding',
  amountDue: 'Amount due',
  amountCredited: 'Amount credited',
  payment: 'Payment',
  paymentMeans: 'Method',
  accountHolder: 'Account holder',
  iban: 'IBAN',
  bic: 'BIC',
  paymentReference: 'Reference to quote',
  paymentTerms: 'Terms',
  notes: 'Notes',
  page: 'Page {page} of {pages}',
  units: {
    // C62 is "one": a count with no unit of its own, which reads best as the bare number.
    C62: '',
    H87: 'pcs',
    EA: 'ea',
    SET: 'sets',
    PR: 'pairs',
    XBX: 'boxes',
    HUR: 'h',
    MIN: 'min',
    DAY: 'days',
    WEE: 'weeks',
    MON: 'months',
    ANN: 'years',
    KGM: 'kg',
    GRM: 'g',
    TNE: 't',
    MTR: 'm',
    KMT: 'km',
    MTK: 'm²',
    MTQ: 'm³',
    LTR: 'l',
    KWH: 'kWh',
  },
  vatCategories: {
    S: 'Standard rate',
    Z: 'Zero rated',
    E: 'Exempt from VAT',
    AE: 'Reverse charge',
    K: 'Intra-community supply',
    G: 'Export outside the EU',
    O: 'Not subject to VAT',
    L: 'Canary Islands IGIC',
    M: 'Ceuta and Melilla IPSI',
  },
  paymentMeansCodes: {
    '10': 'Cash',
    '30': 'Credit transfer',
    '31': 'Debit transfer',
    '42': 'Payment to bank account',
    '48': 'Bank card',
    '49': 'Direct debit',
    '57': 'Standing agreement',
    '58': 'SEPA credit transfer',
    '59': 'SEPA direct debit',
    '68': 'Online payment service',
  },
};

/** The defaults with the caller's labels laid over them; the three tables merge key by key. */
export function resolveLabels(overrides: Partial<Labels> = {}): Labels {
  // An explicit undefined means "not given", not "print nothing".
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return {
    ...DEFAULT_LABELS,
    ...given,
    units: { ...DEFAULT_LABELS.units, ...overrides.units },
    vatCategories: { ...DEFAULT_LABELS.vatCategories, ...overrides.vatCategories },
    paymentMeansCodes: { ...DEFAULT_LABELS.paymentMeansCodes, ...overrides.paymentMeansCodes },
  };
}

/** Fills "{name}" placeholders; an unknown name is left as it is. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name]! : whole,
  );
}
