import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { onPostgres } from '../../../test/support/db.ts';
import {
  COMPILE_TIMEOUT_MS,
  examples,
  expectedRuleIds,
  HAS_KIT,
  kitValidator,
  PEPPOL_XSLT,
  peppolRejects,
  xpathReader,
} from './einvoice/test-kit.ts';
import {
  type Api,
  companyApi,
  createTax,
  dataDirWithCompiledRules,
  expectBillAsDocument,
  purchaseTaxesFor,
} from './einvoice-api.test-support.ts';

// The app checks imports with CEN and Peppol rules, as a deployment with
// TANDEM_EINVOICE_PEPPOL_RULES set does.
const t = useTestApp(() => ({
  TANDEM_DATA_DIR: dataDirWithCompiledRules(),
  ...(HAS_KIT ? { TANDEM_EINVOICE_PEPPOL_RULES: PEPPOL_XSLT } : {}),
}));

const importUbl = (api: Api, xml: string) => api.call('POST', '/accounting/invoices/import-ubl', { xml });

// Each example in a company of its own: several examples share a supplier and a number (they are
// samples, not one supplier's real invoices), which one company would take as duplicates.
async function companyFor(xml: string): Promise<Api> {
  const api = await companyApi(t.database, () => t.app);
  await purchaseTaxesFor(api, xml);
  return api;
}

const example = (name: string) => examples('valid').find((e) => e.name === name)!.xml;

beforeAll(() => kitValidator().warmUp(HAS_KIT ? 'all' : 'cen'), COMPILE_TIMEOUT_MS);

describe.skipIf(!HAS_KIT)(
  'importing each valid example of the conformance kit, with the Peppol rules',
  () => {
    for (const { name, xml } of examples('valid')) {
      if (peppolRejects(name)) {
        it(`refuses ${name}, which the newer Peppol rules reject, writing nothing`, async () => {
          const api = await companyFor(xml);
          const before = await databaseFingerprint(t.database);
          const refused = await importUbl(api, xml);
          expect(refused.status).toBe(422);
          expect(refused.body.code).toBe('accounting.einvoice_invalid');
          expect(refused.body.errors.map((e: { code: string }) => e.code)).toContain('PEPPOL-COMMON-R049');
          expect(await databaseFingerprint(t.database)).toEqual(before);
        });
        continue;
      }
      it(`makes a draft of ${name} that books what it states, from its supplier`, async () => {
        const api = await companyFor(xml);
        const imported = await importUbl(api, xml);
        expect(imported.status, JSON.stringify(imported.body)).toBe(201);
        expect(imported.body).toMatchObject({ state: 'draft', sourceType: 'accounting.einvoice' });
        expectBillAsDocument(imported.body, xml);
        const x = xpathReader(xml);
        const seller = '/*/cac:AccountingSupplierParty/cac:Party';
        const supplier = (await api.call('GET', `/crm/parties/${imported.body.partnerId}`)).body;
        const vatId = x.text(`${seller}/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID`);
        expect(supplier).toMatchObject({
          isSupplier: true,
          name: x.text(`${seller}/cac:PartyLegalEntity/cbc:RegistrationName`),
          taxId: vatId?.replace(/\s/g, '').toUpperCase() ?? null,
          companyRegistrationId: x.text(`${seller}/cac:PartyLegalEntity/cbc:CompanyID`),
        });
        expect(supplier.address?.countryCode).toBe(
          x.text(`${seller}/cac:PostalAddress/cac:Country/cbc:IdentificationCode`),
        );
        const scheme = x.text(`${seller}/cbc:EndpointID/@schemeID`);
        if (scheme && /^\d{4}$/.test(scheme)) {
          expect(supplier).toMatchObject({
            peppolEndpointScheme: scheme,
            peppolEndpointId: x.text(`${seller}/cbc:EndpointID`),
          });
        }
        expect(imported.body.sourceId).toBe(`${supplier.id}:${x.text('/*/cbc:ID')}`);
        expect(imported.body.sourceFileKey).toMatch(createHash('sha256').update(xml).digest('hex'));
      });
    }
  },
);

describe.skipIf(!HAS_KIT)('refusing each invalid example for the rules SOURCES.md lists', () => {
  const expected = expectedRuleIds();
  let api: Api;
  beforeAll(async () => {
    api = await companyApi(t.database, () => t.app);
    for (const rate of ['25', '21', '6']) await createTax(api, 'purchase', 'S', rate);
  });

  for (const { name, xml } of examples('invalid')) {
    it(`refuses ${name}, writing nothing`, async () => {
      const before = await databaseFingerprint(t.database);
      const refused = await importUbl(api, xml);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('accounting.einvoice_invalid');
      expect(refused.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(
        [...expected.get(name)!].sort(),
      );
      expect(refused.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
      expect(await databaseFingerprint(t.database)).toEqual(before);
    });
  }
});

describe.skipIf(!HAS_KIT)('importing a supplier’s e-invoice', () => {
  const base = () => example('peppol-base-example.xml');

  it('reuses the supplier whose VAT id it names, however it was typed', async () => {
    const api = await companyFor(base());
    const existing = await api.call('POST', '/crm/parties', {
      kind: 'organisation',
      name: 'Our usual supplier',
      isSupplier: true,
      taxId: 'gb 1232434',
    });
    const imported = await importUbl(api, base());
    expect(imported.status).toBe(201);
    expect(imported.body.partnerId).toBe(existing.body.id);
    const suppliers = (await api.call('GET', '/crm/parties?role=supplier')).body.data;
    expect(suppliers).toHaveLength(1);
  });

  it('makes a party that buys from us a supplier too, found by its Peppol address', async () => {
    const api = await companyFor(base());
    const customer = await api.call('POST', '/crm/parties', {
      kind: 'organisation',
      name: 'A customer',
      isCustomer: true,
      peppolEndpointId: '9482348239847239874',
      peppolEndpointScheme: '0088',
    });
    const imported = await importUbl(api, base());
    expect(imported.body.partnerId).toBe(customer.body.id);
    expect((await api.call('GET', `/crm/parties/${customer.body.id}`)).body).toMatchObject({
      isCustomer: true,
      isSupplier: true,
    });
  });

  it('imports a document once: the second time is a 409 naming the bill, writing nothing', async () => {
    const api = await companyFor(base());
    const first = await importUbl(api, base());
    expect(first.status).toBe(201);
    const before = await databaseFingerprint(t.database);
    const again = await importUbl(api, base());
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('accounting.einvoice_duplicate');
    expect(again.body.detail).toContain(first.body.id);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it.skipIf(!onPostgres)(
    'imports a document sent twice at once once, and its new supplier once',
    async () => {
      const api = await companyFor(base());
      const answers = await Promise.all([importUbl(api, base()), importUbl(api, base())]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
      expect(answers.find((answer) => answer.status === 409)!.body.code).toBe(
        'accounting.einvoice_duplicate',
      );
      expect((await api.call('GET', '/crm/parties?role=supplier')).body.data).toHaveLength(1);
    },
  );

  it('refuses a VAT rate the company has no purchase tax for, naming it, writing nothing', async () => {
    const api = await companyApi(t.database, () => t.app);
    const before = await databaseFingerprint(t.database);
    const refused = await importUbl(api, example('peppol-Vat-category-S.xml'));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('accounting.einvoice_tax_unmapped');
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual(['S 25 %', 'S 15 %']);
    expect(refused.body.detail).toContain('VAT category S 25 %');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('refuses what is not XML, or too large, before any rule runs', async () => {
    const api = await companyApi(t.database, () => t.app);
    const broken = await importUbl(api, '<Invoice><oops></Invoice>');
    expect(broken.status).toBe(422);
    expect(broken.body.errors).toEqual([expect.objectContaining({ code: 'not-well-formed', path: 'xml' })]);
    const tooLarge = await importUbl(api, 'x'.repeat(2 * 1024 * 1024 + 1));
    expect(tooLarge.status).toBe(400);
  });

  it('posts an imported bill with allowances, charges and an exempt line as a balanced entry', async () => {
    const xml = example('peppol-Allowance-example.xml');
    const entry = await postImported(await companyFor(xml), xml);
    expect(sum(entry.lines, 'debit')).toEqual(sum(entry.lines, 'credit'));
    // What is owed the supplier is the total with VAT; the prepaid 1000.00 is a payment to match.
    expect(entry.lines.at(-1)).toMatchObject({ accountCode: '2000', debit: '0.00', credit: '7125.00' });
  });

  it('posts a negative supplier invoice with its amounts on the other sides', async () => {
    const xml = example('peppol-base-negative-inv-correction.xml');
    const api = await companyFor(xml);
    const entry = await postImported(api, xml);
    expect(sum(entry.lines, 'debit')).toEqual(sum(entry.lines, 'credit'));
    expect(entry.lines.at(-1)).toMatchObject({ accountCode: '2000', debit: '1656.25', credit: '0.00' });
    expect(entry.lines.map((l: { debit: string; credit: string }) => [l.debit, l.credit])).toEqual([
      ['0.00', '2800.00'],
      ['1500.00', '0.00'],
      ['0.00', '25.00'],
      ['0.00', '331.25'],
      ['1656.25', '0.00'],
    ]);
  });
});

describe.skipIf(!HAS_KIT)('an e-invoice we send, imported by our customer', () => {
  it('becomes their bill for exactly what we invoiced', async () => {
    const seller = await companyApi(t.database, () => t.app);
    const buyer = await companyApi(t.database, () => t.app);
    const customer = await seller.call('POST', '/crm/parties', {
      kind: 'organisation',
      name: 'Tandem Buyer SA',
      isCustomer: true,
      taxId: 'FR58123456789',
      address: { street: '2 Rue du Port', city: 'Nantes', postalCode: '44000', countryCode: 'FR' },
    });
    const sale = await seller.taxes('sale');
    const draft = await seller.call('POST', '/accounting/invoices', {
      kind: 'customer_invoice',
      partnerId: customer.body.id,
      invoiceDate: '2026-03-02',
      lines: [
        {
          description: 'Widgets',
          quantity: '3',
          unitPrice: '19.99',
          discountPercent: '10',
          taxIds: [sale.VAT20],
        },
        {
          description: 'Books',
          quantity: '2.5',
          unitCode: 'KGM',
          unitPrice: '4.1234',
          taxIds: [sale['VAT5.5']],
        },
        { kind: 'charge', description: 'Freight', quantity: '1', unitPrice: '9.90', taxIds: [sale.VAT20] },
      ],
    });
    const invoice = (await seller.call('POST', `/accounting/invoices/${draft.body.id}/post`)).body;
    const xml = (await seller.call('GET', `/accounting/invoices/${invoice.id}/ubl`)).body as string;
    const bill = await importUbl(buyer, xml);
    expect(bill.status, JSON.stringify(bill.body)).toBe(201);
    expectBillAsDocument(bill.body, xml);
    for (const field of ['lineNet', 'chargeTotal', 'net', 'tax', 'total', 'payable'] as const) {
      expect(bill.body[field], field).toBe(invoice[field]);
    }
    expect(bill.body.reference).toBe(invoice.number);
  });
});

async function postImported(api: Api, xml: string) {
  const imported = await importUbl(api, xml);
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  const year = imported.body.invoiceDate.slice(0, 4);
  await api.call('POST', '/accounting/fiscal-years', {
    startDate: `${year}-01-01`,
    endDate: `${year}-12-31`,
  });
  const posted = await api.call('POST', `/accounting/invoices/${imported.body.id}/post`);
  expect(posted.status, JSON.stringify(posted.body)).toBe(200);
  expect(posted.body).toMatchObject({ total: imported.body.total, payable: imported.body.payable });
  return (await api.call('GET', `/accounting/entries/${posted.body.entryId}`)).body;
}

function sum(lines: Record<string, string>[], side: 'debit' | 'credit'): string {
  return lines.reduce((total, line) => total.plus(line[side]!), new Decimal(0)).toFixed(2);
}
