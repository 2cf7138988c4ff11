import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { computeTotals } from './einvoice/document-totals.ts';
import { draft, line, vat } from './einvoice/test-documents.ts';
import { COMPILE_TIMEOUT_MS, examples, HAS_KIT, peppolRejects } from './einvoice/test-kit.ts';
import { invoiceToUbl } from './einvoice/to-ubl.ts';
import {
  companyApi,
  createTax,
  dataDirWithCompiledRules,
  expectBillAsDocument,
  purchaseTaxesFor,
} from './einvoice-api.test-support.ts';

// Without TANDEM_EINVOICE_PEPPOL_RULES the app checks imports with the CEN rules it ships, and
// a Peppol document is judged by EN 16931 alone.
const t = useTestApp(() => ({ TANDEM_DATA_DIR: dataDirWithCompiledRules() }));

describe('importing with the CEN rules only', () => {
  const cenOnly = examples('valid').filter((example) => peppolRejects(example.name));

  it.skipIf(cenOnly.length === 0)('knows the examples only the Peppol rules refuse', () => {
    expect(cenOnly.map((example) => example.name).sort()).toEqual([
      'cen-CreditNote-Max_content.xml',
      'cen-Invoice-Max_content.xml',
      'cen-Invoice-Min_content_with_VAT.xml',
    ]);
  });

  for (const { name, xml } of cenOnly) {
    it(
      `imports ${name}, valid EN 16931, as a draft that books what it states`,
      async () => {
        const api = await companyApi(t.database, () => t.app);
        await purchaseTaxesFor(api, xml);
        const imported = await api.call('POST', '/accounting/invoices/import-ubl', { xml });
        expect(imported.status, JSON.stringify(imported.body)).toBe(201);
        expectBillAsDocument(imported.body, xml);
      },
      COMPILE_TIMEOUT_MS,
    );
  }
});

describe('VAT a supplier rounded otherwise', () => {
  it('books VAT rounded per line when that is what the document states', async () => {
    const doc = computeTotals(
      draft({ lines: ['1', '2', '3'].map((id) => line(id, { unitPrice: '0.10', vat: vat('S', '5') })) }),
    );
    // 3 × 0.005 rounded per line is 0.03; once for the category it is 0.02 (BR-CO-17 allows either).
    const perLine = {
      ...doc,
      vatBreakdown: [{ ...doc.vatBreakdown[0]!, taxAmount: '0.03' }],
      totals: { ...doc.totals, vat: '0.03', taxInclusive: '0.33', payable: '0.33' },
    };
    const api = await companyApi(t.database, () => t.app);
    await createTax(api, 'purchase', 'S', '5');
    const xml = invoiceToUbl(perLine, { profile: 'en16931' });
    const imported = await api.call('POST', '/accounting/invoices/import-ubl', { xml });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ taxRounding: 'per_line', tax: '0.03', payable: '0.33' });
    expectBillAsDocument(imported.body, xml);
  });

  it.skipIf(!HAS_KIT)('refuses VAT that no rounding gives, naming the amounts, writing nothing', async () => {
    const xml = examples('valid')
      .find((e) => e.name === 'peppol-base-example.xml')!
      .xml.replaceAll('>331.25<', '>331.26<')
      .replace('>1656.25</cbc:TaxInclusiveAmount>', '>1656.26</cbc:TaxInclusiveAmount>')
      .replace('>1656.25</cbc:PayableAmount>', '>1656.26</cbc:PayableAmount>');
    const api = await companyApi(t.database, () => t.app);
    await purchaseTaxesFor(api, xml);
    const before = await databaseFingerprint(t.database);
    const refused = await api.call('POST', '/accounting/invoices/import-ubl', { xml });
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.code).toBe('accounting.einvoice_amounts_unmatched');
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'BT-117',
      'BT-110',
      'BT-112',
      'BT-115',
    ]);
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});
