// Invoice documents for tests, written out by hand: a French B2B invoice with two VAT rates, a line
// discount and a VAT-exempt training line; a credit note against it; and a long invoice.

import type { DocumentLine, DocumentParty, InvoiceDocument } from './invoice-document.ts';

export const seller: DocumentParty = {
  name: 'Atelier Numérique SAS',
  tradingName: null,
  vatId: 'FR40303265045',
  legalId: { id: '30326504500017', scheme: '0009' },
  endpoint: { id: '30326504500017', scheme: '0009' },
  address: {
    lines: ['12 rue de la République'],
    city: 'Lyon',
    postalCode: '69002',
    countrySubdivision: null,
    countryCode: 'FR',
  },
  contact: { name: 'Claire Martin', phone: '+33 4 78 00 00 00', email: 'factures@atelier-numerique.fr' },
};

export const buyer: DocumentParty = {
  name: 'Boulangerie Dupont SARL',
  tradingName: 'Maison Dupont',
  vatId: 'FR83404833048',
  legalId: { id: '40483304800022', scheme: '0009' },
  endpoint: null,
  address: {
    lines: ['5 avenue des Ternes', 'Bâtiment B'],
    city: 'Paris',
    postalCode: '75017',
    countrySubdivision: null,
    countryCode: 'FR',
  },
  contact: { name: 'Paul Dupont', phone: null, email: 'compta@maison-dupont.fr' },
};

function line(fields: Partial<DocumentLine> & Pick<DocumentLine, 'id' | 'name' | 'netAmount'>): DocumentLine {
  return {
    description: null,
    quantity: '1',
    unitCode: 'C62',
    unitPrice: fields.netAmount,
    baseQuantity: null,
    allowances: [],
    charges: [],
    vat: { category: 'S', ratePercent: '20.00' },
    sellerItemId: null,
    standardItemId: null,
    ...fields,
  };
}

export const EXEMPTION_REASON = 'Exonération de TVA, article 261-4-4° du CGI (formation professionnelle)';

export const invoiceLines: DocumentLine[] = [
  line({
    id: '1',
    name: 'Consulting: ERP integration',
    description:
      'Analysis, configuration and data migration of the accounting module, including two on-site ' +
      'workshops and remote follow-up for the finance team during the first month-end close.',
    quantity: '12',
    unitCode: 'HUR',
    unitPrice: '95.00',
    netAmount: '1140.00',
    sellerItemId: 'SRV-CONSULT',
  }),
  line({
    id: '2',
    name: 'Ergonomic office chair',
    quantity: '4',
    unitCode: 'H87',
    unitPrice: '289.00',
    netAmount: '1040.40',
    allowances: [{ amount: '115.60', reason: 'Volume discount 10 %', reasonCode: '95' }],
    sellerItemId: 'CHR-ERG-01',
  }),
  line({
    id: '3',
    name: 'Accounting handbook (print)',
    quantity: '3',
    unitPrice: '42.50',
    netAmount: '127.50',
    vat: { category: 'S', ratePercent: '5.50' },
    sellerItemId: 'BK-ACC-2026',
  }),
  line({
    id: '4',
    name: 'Staff training: bookkeeping basics',
    unitPrice: '600.00',
    netAmount: '600.00',
    vat: { category: 'E', ratePercent: '0.00' },
  }),
];

export const invoice: InvoiceDocument = {
  kind: 'invoice',
  number: 'INV-2026-0042',
  issueDate: '2026-03-02',
  dueDate: '2026-04-01',
  deliveryDate: '2026-02-27',
  currency: 'EUR',
  buyerReference: 'DUP-PO-7781',
  orderReference: 'SO-2026-0193',
  precedingInvoice: null,
  note: 'Thank you for your business.\nLate payments bear interest at three times the legal rate and a fixed €40 recovery fee.',
  seller,
  buyer,
  payment: {
    meansCode: '58',
    remittanceReference: 'RF18539007547034',
    account: { iban: 'FR7630006000011234567890189', name: 'Atelier Numérique SAS', bic: 'AGRIFRPPXXX' },
    terms: '30 days net',
  },
  lines: invoiceLines,
  allowances: [],
  charges: [],
  vatBreakdown: [
    {
      category: 'S',
      ratePercent: '20.00',
      taxableAmount: '2180.40',
      taxAmount: '436.08',
      exemptionReason: null,
      exemptionReasonCode: null,
    },
    {
      category: 'S',
      ratePercent: '5.50',
      taxableAmount: '127.50',
      taxAmount: '7.01',
      exemptionReason: null,
      exemptionReasonCode: null,
    },
    {
      category: 'E',
      ratePercent: '0.00',
      taxableAmount: '600.00',
      taxAmount: '0.00',
      exemptionReason: EXEMPTION_REASON,
      exemptionReasonCode: 'VATEX-EU-132-1I',
    },
  ],
  totals: {
    lineNet: '2907.90',
    allowances: null,
    charges: null,
    taxExclusive: '2907.90',
    vat: '443.09',
    taxInclusive: '3350.99',
    prepaid: '500.00',
    rounding: null,
    payable: '2850.99',
  },
};

export const creditNote: InvoiceDocument = {
  ...invoice,
  kind: 'credit_note',
  number: 'CN-2026-0007',
  issueDate: '2026-03-10',
  dueDate: null,
  deliveryDate: null,
  precedingInvoice: { number: 'INV-2026-0042', issueDate: '2026-03-02' },
  note: 'One chair returned unused.',
  payment: { meansCode: '30', remittanceReference: null, account: null, terms: null },
  lines: [
    line({
      id: '1',
      name: 'Ergonomic office chair (returned)',
      unitCode: 'H87',
      unitPrice: '260.10',
      netAmount: '260.10',
      sellerItemId: 'CHR-ERG-01',
    }),
  ],
  vatBreakdown: [
    {
      category: 'S',
      ratePercent: '20.00',
      taxableAmount: '260.10',
      taxAmount: '52.02',
      exemptionReason: null,
      exemptionReasonCode: null,
    },
  ],
  totals: {
    lineNet: '260.10',
    allowances: null,
    charges: null,
    taxExclusive: '260.10',
    vat: '52.02',
    taxInclusive: '312.12',
    prepaid: null,
    rounding: null,
    payable: '312.12',
  },
};

// Cents as a decimal string, for the long invoice's sums (integers, so exact).
function fromCents(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** An invoice of `count` lines, "Item 001" … with net amounts 10.01, 10.02 … */
export function longInvoice(count: number): InvoiceDocument {
  const cents = Array.from({ length: count }, (_, index) => 1000 + index + 1);
  const lines = cents.map((amount, index) =>
    line({
      id: String(index + 1),
      name: `Item ${String(index + 1).padStart(3, '0')}`,
      description:
        index % 7 === 0 ? 'A longer description that wraps onto a second line of the cell. '.repeat(2) : null,
      netAmount: fromCents(amount),
      sellerItemId: `SKU-${index + 1}`,
    }),
  );
  const net = cents.reduce((sum, amount) => sum + amount, 0);
  // 20 % rounded half up, in integers: floor((2 × net + 5) / 10).
  const vat = (2 * net + 5 - ((2 * net + 5) % 10)) / 10;
  const gross = net + vat;
  return {
    ...invoice,
    number: 'INV-2026-0100',
    lines,
    vatBreakdown: [
      {
        category: 'S',
        ratePercent: '20.00',
        taxableAmount: fromCents(net),
        taxAmount: fromCents(vat),
        exemptionReason: null,
        exemptionReasonCode: null,
      },
    ],
    totals: {
      ...invoice.totals,
      lineNet: fromCents(net),
      taxExclusive: fromCents(net),
      vat: fromCents(vat),
      taxInclusive: fromCents(gross),
      prepaid: null,
      payable: fromCents(gross),
    },
  };
}
