import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeTotals } from './document-totals.ts';
import { draft } from './test-documents.ts';
import { COMPILE_TIMEOUT_MS, HAS_KIT, kitValidator, PEPPOL_XSLT, SEF_CACHE_DIR } from './test-kit.ts';
import { invoiceToUbl } from './to-ubl.ts';
import { createEn16931Validator } from './validate.ts';

const peppolXml = invoiceToUbl(computeTotals(draft()), { profile: 'peppol' });
const plainXml = invoiceToUbl(computeTotals(draft()), { profile: 'en16931' });

describe('the EN 16931 validator', () => {
  it(
    'compiles each stylesheet once and caches it under a hash of its content',
    async () => {
      await kitValidator().warmUp(HAS_KIT ? 'all' : 'cen');
      const cached = readdirSync(SEF_CACHE_DIR).filter((name) => name.endsWith('.sef.json'));
      expect(cached.some((name) => /^EN16931-UBL-validation-[0-9a-f]{24}\.sef\.json$/.test(name))).toBe(true);
      // A fresh validator loads the cached SEF instead of compiling: well under a second.
      const started = performance.now();
      await createEn16931Validator({ cacheDir: SEF_CACHE_DIR }).warmUp('cen');
      expect(performance.now() - started).toBeLessThan(5_000);
    },
    COMPILE_TIMEOUT_MS,
  );

  it.skipIf(!HAS_KIT)(
    'runs Peppol rules under auto only for a Peppol document',
    async () => {
      const validator = kitValidator();
      expect((await validator.validate(peppolXml, 'auto')).checked).toEqual(['cen', 'peppol']);
      expect((await validator.validate(plainXml, 'auto')).checked).toEqual(['cen']);
      const plainUnderPeppol = await validator.validate(plainXml, 'all');
      expect(plainUnderPeppol.valid).toBe(false);
      expect(plainUnderPeppol.failures.map((f) => f.id)).toContain('PEPPOL-EN16931-R004');
    },
    COMPILE_TIMEOUT_MS,
  );

  it(
    'reports each failed assert with its id, flag, location and text',
    async () => {
      const broken = plainXml.replace(
        /<cbc:PayableAmount currencyID="EUR">[^<]*</,
        '<cbc:PayableAmount currencyID="EUR">1.00<',
      );
      const result = await kitValidator().validate(broken, 'cen');
      expect(result.valid).toBe(false);
      expect(result.failures).toEqual([
        {
          id: 'BR-CO-16',
          flag: 'fatal',
          location: expect.stringContaining('LegalMonetaryTotal'),
          text: expect.stringContaining('Amount due for payment'),
        },
      ]);
    },
    COMPILE_TIMEOUT_MS,
  );

  it('reports XML that is not well-formed as one fatal failure', async () => {
    const result = await kitValidator().validate('<Invoice><oops></Invoice>', 'cen');
    expect(result).toMatchObject({ valid: false, failures: [{ id: 'not-well-formed', flag: 'fatal' }] });
  });

  it(
    'refuses to run Peppol rules it was not given',
    async () => {
      const cenOnly = createEn16931Validator({ cacheDir: SEF_CACHE_DIR });
      await expect(cenOnly.validate(peppolXml, 'all')).rejects.toMatchObject({
        code: 'accounting.einvoice_rules_not_configured',
      });
      expect((await cenOnly.validate(peppolXml, 'auto')).checked).toEqual(['cen']);
    },
    COMPILE_TIMEOUT_MS,
  );

  it.skipIf(!HAS_KIT)(
    'takes well under a second per document once loaded',
    async () => {
      const validator = createEn16931Validator({ cacheDir: SEF_CACHE_DIR, peppolXsltPath: PEPPOL_XSLT });
      await validator.validate(peppolXml, 'all'); // loads and warms the stylesheets
      const started = performance.now();
      for (let i = 0; i < 10; i++) await validator.validate(peppolXml, 'all');
      const perDocumentMs = (performance.now() - started) / 10;
      console.info(`CEN + Peppol validation: ${perDocumentMs.toFixed(0)} ms per document`);
      expect(perDocumentMs).toBeLessThan(1_000);
    },
    COMPILE_TIMEOUT_MS,
  );
});
