import { beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../documents/invoice-document.ts';
import { computeTotals, type DraftDocument } from './document-totals.ts';
import { ublToInvoiceDocument } from './from-ubl.ts';
import { BUYER, draft, line, party, SELLER, vat } from './test-documents.ts';
import { COMPILE_TIMEOUT_MS, examples, fatalIds, HAS_KIT, kitValidator, xpathReader } from './test-kit.ts';
import { invoiceToUbl } from './to-ubl.ts';
import { parseXmlTree, type XmlNode } from './xml-tree.ts';

const validator = kitValidator();

const US_BUYER = party({
  name: 'Acme Corp.',
  countryCode: 'US',
  endpoint: { id: '0123456789', scheme: '0060' },
});

// The documents Tandem must be able to send, each complete with computeTotals.
const SCENARIOS: Record<string, DraftDocument> = {
  'two VAT rates and a line discount': draft({
    lines: [
      line('1', {
        quantity: '3',
        unitPrice: '19.99',
        allowances: [{ amount: '5.00', reason: 'Discount', reasonCode: '95' }],
      }),
      line('2', { quantity: '2.5', unitCode: 'KGM', unitPrice: '4.1234', vat: vat('S', '5.5') }),
    ],
  }),
  'a document-level allowance and charge': draft({
    lines: [line('1', { quantity: '10' }), line('2', { vat: vat('S', '10') })],
    allowances: [
      {
        amount: '50.00',
        reason: 'Loyalty discount',
        reasonCode: '95',
        vat: vat('S', '20'),
        baseAmount: '1000.00',
        percent: '5',
      },
    ],
    charges: [{ amount: '12.50', reason: 'Freight', reasonCode: 'FC', vat: vat('S', '10') }],
  }),
  'a credit note for an invoice': draft({
    kind: 'credit_note',
    number: 'CN-2026-0001',
    precedingInvoice: { number: 'INV-2026-0001', issueDate: '2026-03-02' },
    lines: [line('1', { quantity: '2', unitPrice: '100' })],
  }),
  'a zero-rated supply': draft({ lines: [line('1', { vat: vat('Z', '0') })] }),
  'an exempt supply with its reason': draft({
    lines: [line('1', { vat: vat('E', '0') })],
    exemptions: {
      E: { reason: 'Exempt under Article 132(1)(i) of Directive 2006/112/EC', code: 'VATEX-EU-132-1I' },
    },
  }),
  'a reverse-charge supply (AE)': draft({ lines: [line('1', { vat: vat('AE', '0') })] }),
  'an intra-community supply (K)': draft({
    deliveryDate: '2026-02-27',
    delivery: { partyName: 'Warehouse Linz', locationId: null, address: { ...BUYER.address, city: 'Linz' } },
    lines: [line('1', { vat: vat('K', '0') })],
  }),
  'an export outside the EU (G)': draft({ buyer: US_BUYER, lines: [line('1', { vat: vat('G', '0') })] }),
  'a supply outside the scope of VAT (O)': draft({
    seller: { ...SELLER, vatId: null },
    buyer: { ...BUYER, vatId: null },
    lines: [line('1', { vat: vat('O', null) })],
  }),
  'a Peppol customer reached by its endpoint, paying by direct debit': draft({
    orderReference: 'ORDER-99',
    payment: {
      meansCode: '59',
      remittanceReference: 'RF18539007547034',
      account: null,
      terms: 'Collected by SEPA direct debit',
      directDebit: { mandateId: 'MANDATE-1', debitedAccount: 'AT611904300234573201' },
    },
  }),
};

describe('UBL export of documents built in Tandem', () => {
  beforeAll(() => validator.warmUp(HAS_KIT ? 'all' : 'cen'), COMPILE_TIMEOUT_MS);

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    const doc = computeTotals(scenario);

    it(`${name}: passes the CEN rules as EN 16931`, async () => {
      expect(fatalIds(await validator.validate(invoiceToUbl(doc, { profile: 'en16931' }), 'cen'))).toEqual(
        [],
      );
    });

    it.skipIf(!HAS_KIT)(`${name}: passes the CEN and Peppol rules as Peppol BIS 3`, async () => {
      expect(fatalIds(await validator.validate(invoiceToUbl(doc, { profile: 'peppol' }), 'all'))).toEqual([]);
    });

    it(`${name}: reads back as the same document`, () => {
      expect(ublToInvoiceDocument(invoiceToUbl(doc, { profile: 'peppol' }))).toEqual(normalised(doc));
    });
  }
});

// What the reader gives back for fields the writer fills in or leaves out when absent.
function normalised(doc: InvoiceDocument): InvoiceDocument {
  const withDefaults = (p: InvoiceDocument['seller']) => ({ ...p, identifiers: [], taxRegistrationId: null });
  return {
    ...doc,
    typeCode: null,
    businessProcess: 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0',
    invoicePeriod: doc.invoicePeriod ?? null,
    delivery: doc.delivery ?? null,
    taxRepresentative: null,
    seller: withDefaults(doc.seller),
    buyer: withDefaults(doc.buyer),
    payment: doc.payment && { ...doc.payment, directDebit: doc.payment.directDebit ?? null },
    lines: doc.lines.map((l) => ({
      ...l,
      allowances: l.allowances.map((a) => ({ baseAmount: null, percent: null, ...a })),
      charges: l.charges.map((c) => ({ baseAmount: null, percent: null, ...c })),
    })),
    allowances: doc.allowances.map((a) => ({ baseAmount: null, percent: null, ...a })),
    charges: doc.charges.map((c) => ({ baseAmount: null, percent: null, ...c })),
    vatBreakdown: doc.vatBreakdown.map((entry) => ({ ...entry, ...defaultExemption(entry.category, entry) })),
  };
}

function defaultExemption(category: string, entry: InvoiceDocument['vatBreakdown'][number]) {
  const defaults: Record<string, [string, string]> = {
    AE: ['VATEX-EU-AE', 'Reverse charge'],
    K: ['VATEX-EU-IC', 'Intra-community supply'],
    G: ['VATEX-EU-G', 'Export outside the EU'],
    O: ['VATEX-EU-O', 'Not subject to VAT'],
  };
  const found = defaults[category];
  if (!found || entry.exemptionReason || entry.exemptionReasonCode) return {};
  return { exemptionReasonCode: found[0], exemptionReason: found[1] };
}

describe('the UBL it writes', () => {
  const doc = computeTotals(SCENARIOS['a document-level allowance and charge']!);
  const xml = invoiceToUbl(doc, { profile: 'peppol' });

  it('gives every amount its currency and every quantity its unit', () => {
    const x = xpathReader(xml);
    expect(x.count("//*[ends-with(local-name(), 'Amount')][not(@currencyID = 'EUR')]")).toBe(0);
    expect(x.count('//cbc:InvoicedQuantity[not(@unitCode)] | //cbc:BaseQuantity[not(@unitCode)]')).toBe(0);
    expect(x.count('//*[not(*) and normalize-space() = ""]')).toBe(0);
  });

  it('escapes markup in any text', () => {
    const tricky = 'A & B <Ltd> "quoted" \'single\' ]]> \u0007bell';
    const written = invoiceToUbl(computeTotals(draft({ note: tricky, buyer: { ...BUYER, name: tricky } })), {
      profile: 'peppol',
    });
    const x = xpathReader(written);
    expect(x.text('/*/cbc:Note')).toBe(tricky.replace('\u0007', ''));
    expect(x.text('/*/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName')).toBe(
      tricky.replace('\u0007', ''),
    );
  });

  it.skipIf(!HAS_KIT)('orders elements as the published (schema-valid) examples do', () => {
    const before = precedence(examples('valid').map((example) => parseXmlTree(example.xml)));
    const credit = invoiceToUbl(computeTotals(SCENARIOS['a credit note for an invoice']!), {
      profile: 'peppol',
    });
    for (const written of [
      xml,
      credit,
      ...Object.values(SCENARIOS).map((s) => invoiceToUbl(computeTotals(s), { profile: 'peppol' })),
    ]) {
      expect(misordered(parseXmlTree(written), before)).toEqual([]);
    }
  });
});

// "Parent: A<B" for every pair of child names the examples show in that order.
function precedence(roots: XmlNode[]): Set<string> {
  const seen = new Set<string>();
  const visit = (element: XmlNode) => {
    const names = element.children.map((child) => child.local);
    names.forEach((a, i) => {
      for (const b of names.slice(i + 1)) if (a !== b) seen.add(`${element.local}: ${a}<${b}`);
    });
    element.children.forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}

function misordered(root: XmlNode, examplesOrder: Set<string>): string[] {
  const written = precedence([root]);
  return [...written].filter((pair) => {
    const [parent, order] = pair.split(': ') as [string, string];
    const [a, b] = order.split('<');
    return examplesOrder.has(`${parent}: ${b}<${a}`) && !examplesOrder.has(pair);
  });
}
