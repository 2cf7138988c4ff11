// Test support for the e-invoice routes (not used at runtime): API calls as a member, a company
// set up with its own details, taxes by VAT category and rate, and an app whose validator finds
// the rules the test kit compiled already.

import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createMember, type Member } from '../../../test/support/app.ts';
import type { Database } from '../../platform/db/database.ts';
import { gln } from './einvoice/test-documents.ts';
import { SEF_CACHE_DIR, xpathReader } from './einvoice/test-kit.ts';

/** A data directory whose e-invoice cache is the test kit's, so the app's validator compiles nothing. */
export function dataDirWithCompiledRules(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-einvoice-data-'));
  mkdirSync(SEF_CACHE_DIR, { recursive: true });
  mkdirSync(path.join(dir, 'cache'));
  symlinkSync(SEF_CACHE_DIR, path.join(dir, 'cache', 'einvoice'));
  return dir;
}

export type Api = ReturnType<typeof apiFor>;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function apiFor(app: () => FastifyInstance, member: Member) {
  async function call(method: Method, url: string, payload?: unknown) {
    const response = await app().inject({
      method,
      url: `/api/v1${url}`,
      payload: payload as object,
      headers: member.auth,
    });
    const json = response.headers['content-type']?.toString().includes('json');
    const body = response.body && json ? response.json() : response.body;
    return { status: response.statusCode, body, headers: response.headers };
  }
  const data = async (url: string) => (await call('GET', url)).body.data as Record<string, string>[];
  return {
    member,
    call,
    /** The company's taxes of a scope, by code. */
    async taxes(scope: 'sale' | 'purchase'): Promise<Record<string, string>> {
      return Object.fromEntries((await data(`/accounting/taxes?scope=${scope}`)).map((x) => [x.code, x.id]));
    },
    async accountId(code: string): Promise<string> {
      return (await data('/accounting/accounts')).find((a) => a.code === code)!.id!;
    },
  };
}

export const OUR_GLN = gln('376000012345');

/** A company with accounting set up and, unless `profile` is false, its own details as a seller. */
export async function companyApi(
  database: Database,
  app: () => FastifyInstance,
  profile = true,
): Promise<Api> {
  const api = apiFor(app, await createMember(database));
  const setup = await api.call('POST', '/accounting/setup', {
    template: 'generic',
    fiscalYearStart: '2026-01-01',
  });
  expect(setup.status).toBe(201);
  if (profile) {
    const updated = await api.call('PATCH', '/accounting/settings', {
      version: 1,
      legalName: 'Tandem Test SAS',
      vatId: 'FR40303265045',
      registrationId: '303265045',
      street: '10 Avenue des Champs',
      city: 'Lyon',
      postalCode: '69001',
      countryCode: 'FR',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
      peppolEndpointId: OUR_GLN,
      peppolEndpointScheme: '0088',
    });
    expect(updated.status).toBe(200);
  }
  return api;
}

/** A percent tax by VAT category and rate, as a company sets one up for a supplier's country. */
export async function createTax(
  api: Api,
  scope: 'sale' | 'purchase',
  vatCategory: string,
  ratePercent: string,
  extra: object = {},
): Promise<string> {
  const exempt = ['E', 'AE', 'K', 'G', 'O'].includes(vatCategory);
  const created = await api.call('POST', '/accounting/taxes', {
    code: `${vatCategory}${ratePercent}-${scope}`.replace(/[^A-Za-z0-9_.-]/g, '_'),
    name: `${vatCategory} ${ratePercent} %`,
    scope,
    kind: 'percent',
    ratePercent,
    vatCategory,
    accountId: await api.accountId(scope === 'sale' ? '2100' : '1300'),
    ...(exempt ? { exemptionReason: `${vatCategory} supply` } : {}),
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

type Reader = ReturnType<typeof xpathReader>;
type Bill = {
  kind: string;
  reference: string;
  invoiceDate: string;
  dueDate: string | null;
  currencyCode: string;
  buyerReference: string | null;
  lines: Record<string, string | null>[];
  taxes: { vatCategory: string; ratePercent: string | null; base: string; amount: string }[];
  [total: string]: unknown;
};

// Same number, or both absent.
function expectSame(actual: unknown, expected: string | null, what: string) {
  if (expected === null) return expect(actual, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(new Decimal(actual as string).eq(expected), `${what}: ${actual} vs ${expected}`).toBe(true);
}

const TOTALS = [
  ['lineNet', 'LineExtensionAmount'],
  ['allowanceTotal', 'AllowanceTotalAmount'],
  ['chargeTotal', 'ChargeTotalAmount'],
  ['net', 'TaxExclusiveAmount'],
  ['total', 'TaxInclusiveAmount'],
  ['prepaid', 'PrepaidAmount'],
  ['rounding', 'PayableRoundingAmount'],
  ['payable', 'PayableAmount'],
] as const;

function expectLines(bill: Bill, x: Reader) {
  const lines = x.nodes('/*/(cac:InvoiceLine | cac:CreditNoteLine)');
  const items = bill.lines.filter((line) => line.kind === 'item');
  expect(items).toHaveLength(lines.length);
  lines.forEach((line, i) => {
    const item = items[i]!;
    expectSame(
      item.quantity,
      x.text('cbc:InvoicedQuantity | cbc:CreditedQuantity', line),
      `line ${i} quantity`,
    );
    expect(item.unitCode).toBe(x.text('(cbc:InvoicedQuantity | cbc:CreditedQuantity)/@unitCode', line));
    expectSame(item.unitPrice, x.text('cac:Price/cbc:PriceAmount', line), `line ${i} price`);
    expectSame(item.baseQuantity, x.text('cac:Price/cbc:BaseQuantity', line), `line ${i} base quantity`);
    expectSame(item.net, x.text('cbc:LineExtensionAmount', line), `line ${i} net`);
    expect(item.sku).toBe(x.text('cac:Item/cac:SellersItemIdentification/cbc:ID', line));
  });
  // xs:boolean: "true" or "1", "false" or "0".
  for (const [kind, indicator] of [
    ['allowance', "('false', '0')"],
    ['charge', "('true', '1')"],
  ] as const) {
    const entries = x.nodes(`/*/cac:AllowanceCharge[normalize-space(cbc:ChargeIndicator) = ${indicator}]`);
    const booked = bill.lines.filter((line) => line.kind === kind);
    expect(booked, `${kind} lines`).toHaveLength(entries.length);
    entries.forEach((entry, i) => {
      const amount = new Decimal(booked[i]!.net!).times(kind === 'allowance' ? -1 : 1);
      expectSame(amount.toString(), x.text('cbc:Amount', entry), `${kind} ${i}`);
    });
  }
}

function expectVat(bill: Bill, x: Reader, currency: string) {
  const taxTotal = `/*/cac:TaxTotal[cbc:TaxAmount/@currencyID = '${currency}']`;
  expectSame(bill.tax, x.text(`${taxTotal}/cbc:TaxAmount`), 'VAT total (BT-110)');
  const subtotals = x.nodes(`${taxTotal}/cac:TaxSubtotal`);
  expect(bill.taxes).toHaveLength(subtotals.length);
  for (const subtotal of subtotals) {
    const category = x.text('cac:TaxCategory/cbc:ID', subtotal);
    const rate = x.text('cac:TaxCategory/cbc:Percent', subtotal) ?? '0';
    const tax = bill.taxes.find(
      (t) => t.vatCategory === category && new Decimal(t.ratePercent ?? 0).eq(rate),
    );
    expect(tax, `a tax of ${category} ${rate} %`).toBeDefined();
    expectSame(tax!.base, x.text('cbc:TaxableAmount', subtotal), `${category} ${rate} % taxable (BT-116)`);
    expectSame(tax!.amount, x.text('cbc:TaxAmount', subtotal), `${category} ${rate} % tax (BT-117)`);
  }
}

/**
 * The draft bill books what the XML says, read by SaxonJS's XPath rather than by the importer:
 * header, lines, allowances and charges, VAT per category and rate, totals BT-106 to BT-115.
 */
export function expectBillAsDocument(bill: Bill, xml: string) {
  const x = xpathReader(xml);
  const credit = x.count('/*:CreditNote') === 1;
  expect(bill.kind).toBe(credit ? 'vendor_refund' : 'vendor_bill');
  expect(bill.reference).toBe(x.text('/*/cbc:ID'));
  expect(bill.invoiceDate).toBe(x.text('/*/cbc:IssueDate'));
  expect(bill.dueDate).toBe(x.text(credit ? '/*/cac:PaymentMeans/cbc:PaymentDueDate' : '/*/cbc:DueDate'));
  const currency = x.text('/*/cbc:DocumentCurrencyCode')!;
  expect(bill.currencyCode).toBe(currency);
  expect(bill.buyerReference).toBe(x.text('/*/cbc:BuyerReference'));
  expectLines(bill, x);
  expectVat(bill, x, currency);
  for (const [field, element] of TOTALS) {
    expectSame(bill[field], x.text(`/*/cac:LegalMonetaryTotal/cbc:${element}`), `${field} (${element})`);
  }
}

/** The VAT categories and rates of a document's lines, allowances and charges ("S 25"). */
export function vatRatesOf(xml: string): { category: string; rate: string }[] {
  const x = xpathReader(xml);
  const categories = x.nodes('//cac:ClassifiedTaxCategory | /*/cac:AllowanceCharge/cac:TaxCategory');
  const seen = new Map<string, { category: string; rate: string }>();
  for (const node of categories) {
    const category = x.text('cbc:ID', node)!;
    const rate = new Decimal(category === 'O' ? 0 : (x.text('cbc:Percent', node) ?? 0)).toString();
    seen.set(`${category} ${rate}`, { category, rate });
  }
  return [...seen.values()];
}

/** Creates the purchase taxes a document needs that the company lacks, as its user would. */
export async function purchaseTaxesFor(api: Api, xml: string): Promise<void> {
  const existing = (await api.call('GET', '/accounting/taxes?scope=purchase')).body.data as {
    vatCategory: string;
    ratePercent: string;
  }[];
  for (const { category, rate } of vatRatesOf(xml)) {
    if (existing.some((tax) => tax.vatCategory === category && new Decimal(tax.ratePercent).eq(rate)))
      continue;
    await createTax(api, 'purchase', category, rate);
  }
}
