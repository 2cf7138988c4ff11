import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { amountDecimals } from './decimal-text.ts';
import { ublToInvoiceDocument } from './from-ubl.ts';
import { examples, HAS_KIT, xpathReader } from './test-kit.ts';
import { XmlSyntaxError } from './xml-tree.ts';

type Reader = ReturnType<typeof xpathReader>;

// Same value, and spelt with at least the currency's decimals.
function expectAmount(actual: string | null, expected: string | null, currency: string, what: string) {
  if (expected === null) return expect(actual, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(new Decimal(actual!).eq(expected), `${what}: ${actual} vs ${expected}`).toBe(true);
  expect(actual!.split('.')[1]?.length ?? 0, `${what} decimals`).toBeGreaterThanOrEqual(
    amountDecimals(currency),
  );
}

function expectDecimal(actual: string | null, expected: string | null, what: string) {
  if (expected === null) return expect(actual, what).toBeNull();
  expect(new Decimal(actual!).eq(expected), `${what}: ${actual} vs ${expected}`).toBe(true);
  expect(actual, `${what} has no trailing zeros`).not.toMatch(/\.\d*0$/);
}

const TOTALS = [
  ['lineNet', 'LineExtensionAmount'],
  ['allowances', 'AllowanceTotalAmount'],
  ['charges', 'ChargeTotalAmount'],
  ['taxExclusive', 'TaxExclusiveAmount'],
  ['taxInclusive', 'TaxInclusiveAmount'],
  ['prepaid', 'PrepaidAmount'],
  ['rounding', 'PayableRoundingAmount'],
  ['payable', 'PayableAmount'],
] as const;

function checkTotalsAndVat(doc: ReturnType<typeof ublToInvoiceDocument>, x: Reader) {
  const currency = x.text('/*/cbc:DocumentCurrencyCode')!;
  for (const [field, element] of TOTALS) {
    expectAmount(doc.totals[field], x.text(`/*/cac:LegalMonetaryTotal/cbc:${element}`), currency, field);
  }
  const taxTotal = `/*/cac:TaxTotal[cbc:TaxAmount/@currencyID = '${currency}']`;
  expectAmount(doc.totals.vat, x.text(`${taxTotal}/cbc:TaxAmount`), currency, 'vat (BT-110)');
  const subtotals = x.nodes(`${taxTotal}/cac:TaxSubtotal`);
  expect(doc.vatBreakdown).toHaveLength(subtotals.length);
  subtotals.forEach((subtotal, i) => {
    const entry = doc.vatBreakdown[i]!;
    expect(entry.category).toBe(x.text('cac:TaxCategory/cbc:ID', subtotal));
    expectDecimal(entry.ratePercent, x.text('cac:TaxCategory/cbc:Percent', subtotal), `rate ${i}`);
    expectAmount(entry.taxableAmount, x.text('cbc:TaxableAmount', subtotal), currency, `taxable ${i}`);
    expectAmount(entry.taxAmount, x.text('cbc:TaxAmount', subtotal), currency, `tax ${i}`);
    expect(entry.exemptionReasonCode).toBe(x.text('cac:TaxCategory/cbc:TaxExemptionReasonCode', subtotal));
  });
}

function checkLines(doc: ReturnType<typeof ublToInvoiceDocument>, x: Reader) {
  const currency = doc.currency;
  const lines = x.nodes('/*/(cac:InvoiceLine | cac:CreditNoteLine)');
  expect(doc.lines).toHaveLength(lines.length);
  lines.forEach((line, i) => {
    const read = doc.lines[i]!;
    expect(read.id).toBe(x.text('cbc:ID', line));
    expectDecimal(
      read.quantity,
      x.text('cbc:InvoicedQuantity | cbc:CreditedQuantity', line),
      `line ${i} quantity`,
    );
    expect(read.unitCode).toBe(x.text('(cbc:InvoicedQuantity | cbc:CreditedQuantity)/@unitCode', line));
    expectDecimal(read.unitPrice, x.text('cac:Price/cbc:PriceAmount', line), `line ${i} price`);
    expectDecimal(read.baseQuantity, x.text('cac:Price/cbc:BaseQuantity', line), `line ${i} base quantity`);
    expectAmount(read.netAmount, x.text('cbc:LineExtensionAmount', line), currency, `line ${i} net`);
    expect(read.vat.category).toBe(x.text('cac:Item/cac:ClassifiedTaxCategory/cbc:ID', line));
    expect(read.name).toBe(x.text('cac:Item/cbc:Name', line));
  });
}

function checkParties(doc: ReturnType<typeof ublToInvoiceDocument>, x: Reader) {
  for (const [party, path] of [
    [doc.seller, '/*/cac:AccountingSupplierParty/cac:Party'],
    [doc.buyer, '/*/cac:AccountingCustomerParty/cac:Party'],
  ] as const) {
    expect(party.name).toBe(x.text(`${path}/cac:PartyLegalEntity/cbc:RegistrationName`));
    expect(party.vatId).toBe(
      x.text(`${path}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID`),
    );
    expect(party.endpoint?.id ?? null).toBe(x.text(`${path}/cbc:EndpointID`));
    expect(party.endpoint?.scheme ?? null).toBe(x.text(`${path}/cbc:EndpointID/@schemeID`));
    expect(party.address.countryCode).toBe(
      x.text(`${path}/cac:PostalAddress/cac:Country/cbc:IdentificationCode`),
    );
    expect(party.legalId?.id ?? null).toBe(x.text(`${path}/cac:PartyLegalEntity/cbc:CompanyID`));
  }
}

describe.skipIf(!HAS_KIT)('reading the conformance kit examples', () => {
  for (const { name, xml } of examples('valid')) {
    it(`reads ${name} as the document says`, () => {
      const doc = ublToInvoiceDocument(xml);
      const x = xpathReader(xml);
      expect(doc.kind).toBe(x.count('/*:CreditNote') ? 'credit_note' : 'invoice');
      expect(doc.number).toBe(x.text('/*/cbc:ID'));
      expect(doc.issueDate).toBe(x.text('/*/cbc:IssueDate'));
      expect(doc.currency).toBe(x.text('/*/cbc:DocumentCurrencyCode'));
      expect(doc.buyerReference).toBe(x.text('/*/cbc:BuyerReference'));
      expect(doc.precedingInvoice?.number ?? null).toBe(
        x.text('/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID'),
      );
      expect(doc.payment?.remittanceReference ?? null).toBe(x.text('/*/cac:PaymentMeans/cbc:PaymentID'));
      checkTotalsAndVat(doc, x);
      checkLines(doc, x);
      checkParties(doc, x);
    });
  }
});

describe('reading UBL', () => {
  it('normalises amounts to the currency decimals and decimals to no trailing zeros', () => {
    const xml = minimalInvoice({ payable: '1000', price: '20.50', rate: '25.00' });
    const doc = ublToInvoiceDocument(xml);
    expect(doc.totals.payable).toBe('1000.00');
    expect(doc.lines[0]!.unitPrice).toBe('20.5');
    expect(doc.lines[0]!.vat.ratePercent).toBe('25');
  });

  it('matches elements by namespace, whatever the prefixes', () => {
    const xml = minimalInvoice({ payable: '1000.00', price: '1', rate: '25' })
      .replaceAll('cbc:', 'b:')
      .replaceAll('xmlns:cbc=', 'xmlns:b=');
    expect(ublToInvoiceDocument(xml).totals.payable).toBe('1000.00');
  });

  it('refuses what is not UBL, and what is not XML', () => {
    expect(() => ublToInvoiceDocument('<Invoice><cbc:ID>1</cbc:ID></Invoice>')).toThrow(XmlSyntaxError);
    expect(() => ublToInvoiceDocument('<Invoice xmlns="urn:other"/>')).toThrow(
      expect.objectContaining({ code: 'accounting.einvoice_not_ubl' }),
    );
    expect(() => ublToInvoiceDocument('<Invoice')).toThrow(XmlSyntaxError);
  });
});

// A small invoice for the reader's own rules; not valid EN 16931 (no parties), which the reader
// does not judge.
function minimalInvoice(values: { payable: string; price: string; rate: string }): string {
  return `<?xml version="1.0"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>1</cbc:ID><cbc:IssueDate>2026-01-01</cbc:IssueDate><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>S</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>B</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">0</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">1000</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">1000</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">1000</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">${values.payable}</cbc:PayableAmount></cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">1000</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>X</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>${values.rate}</cbc:Percent></cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">${values.price}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
</Invoice>`;
}
