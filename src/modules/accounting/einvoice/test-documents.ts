// Test support (not used at runtime): documents built the way Tandem would build them, completed
// by computeTotals. Identifiers are chosen to pass the Peppol checks on them: GLNs with a valid
// GS1 check digit, and countries (FR, AT, US) with no national Peppol rules.

import type { DocumentParty, VatCategoryCode } from '../documents/invoice-document.ts';
import type { DraftDocument, DraftLine } from './document-totals.ts';

/** A GLN (EAS 0088) from 12 digits and its GS1 check digit. */
export function gln(first12: string): string {
  const sum = [...first12].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

export function party(
  overrides: Partial<DocumentParty> & { name: string; countryCode: string },
): DocumentParty {
  const { countryCode, ...rest } = overrides;
  return {
    tradingName: null,
    vatId: null,
    legalId: null,
    endpoint: null,
    address: {
      lines: ['1 Main Street'],
      city: 'Somewhere',
      postalCode: '1000',
      countrySubdivision: null,
      countryCode,
    },
    contact: null,
    ...rest,
  };
}

export const SELLER = party({
  name: 'Tandem Demo SARL',
  tradingName: 'Tandem Demo',
  countryCode: 'FR',
  vatId: 'FR32123456789',
  legalId: { id: '12345678900017', scheme: '0009' },
  endpoint: { id: gln('376123450000'), scheme: '0088' },
  contact: { name: 'Accounts', phone: '+33 1 23 45 67 89', email: 'accounts@tandem.example' },
});

export const BUYER = party({
  name: 'Kunde & Söhne GmbH',
  countryCode: 'AT',
  vatId: 'ATU12345678',
  endpoint: { id: gln('900123450000'), scheme: '0088' },
});

export function line(id: string, overrides: Partial<DraftLine> = {}): DraftLine {
  return {
    id,
    name: `Item ${id}`,
    description: null,
    quantity: '1',
    unitCode: 'C62',
    unitPrice: '100',
    baseQuantity: null,
    allowances: [],
    charges: [],
    vat: { category: 'S', ratePercent: '20' },
    sellerItemId: `SKU-${id}`,
    standardItemId: null,
    ...overrides,
  };
}

export function vat(category: VatCategoryCode, ratePercent: string | null) {
  return { category, ratePercent };
}

export function draft(overrides: Partial<DraftDocument> = {}): DraftDocument {
  return {
    kind: 'invoice',
    number: 'INV-2026-0001',
    issueDate: '2026-03-02',
    dueDate: '2026-04-01',
    deliveryDate: null,
    currency: 'EUR',
    buyerReference: 'PO-4711',
    orderReference: null,
    precedingInvoice: null,
    note: null,
    seller: SELLER,
    buyer: BUYER,
    payment: {
      meansCode: '58',
      remittanceReference: 'RF18539007547034',
      account: { iban: 'FR7630006000011234567890189', name: 'Tandem Demo SARL', bic: 'AGRIFRPP' },
      terms: '30 days net',
    },
    lines: [line('1')],
    allowances: [],
    charges: [],
    ...overrides,
  };
}
