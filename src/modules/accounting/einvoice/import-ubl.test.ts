import { beforeAll, describe, expect, it } from 'vitest';
import { computeTotals } from './document-totals.ts';
import { importUbl } from './import-ubl.ts';
import { draft } from './test-documents.ts';
import {
  COMPILE_TIMEOUT_MS,
  examples,
  expectedRuleIds,
  HAS_KIT,
  kitValidator,
  peppolRejects as rejectedByPeppol,
  SEF_CACHE_DIR,
} from './test-kit.ts';
import { invoiceToUbl } from './to-ubl.ts';
import { createEn16931Validator } from './validate.ts';

const validator = kitValidator();

describe.skipIf(!HAS_KIT)('importing the conformance kit examples', () => {
  beforeAll(() => validator.warmUp('all'), COMPILE_TIMEOUT_MS);

  const expected = expectedRuleIds();
  for (const { name, xml } of examples('invalid')) {
    it(`refuses ${name} for the rules SOURCES.md lists`, async () => {
      const result = await importUbl(xml, validator);
      expect('refused' in result && result.refused.map((r) => r.id).sort()).toEqual(
        [...expected.get(name)!].sort(),
      );
    });
  }

  it('knows every derived file SOURCES.md lists', () => {
    expect([...expected.keys()].sort()).toEqual(examples('invalid').map((e) => e.name));
  });

  for (const { name, xml } of examples('valid')) {
    const peppolRejects = rejectedByPeppol(name);
    it(`${peppolRejects ? 'refuses under Peppol rules, and imports under CEN rules,' : 'imports'} ${name}`, async () => {
      if (peppolRejects) {
        const refused = await importUbl(xml, validator);
        expect('refused' in refused && refused.refused.map((r) => r.id)).toContain('PEPPOL-COMMON-R049');
      }
      const result = await importUbl(xml, validator, { rules: peppolRejects ? 'cen' : 'auto' });
      expect('document' in result && result.document.lines.length).toBeGreaterThan(0);
    });
  }
});

describe('importUbl', () => {
  const cenOnly = createEn16931Validator({ cacheDir: SEF_CACHE_DIR });
  const valid = invoiceToUbl(computeTotals(draft()), { profile: 'en16931' });

  it('refuses what is not well-formed XML before running any rule', async () => {
    const neverCalled = { validate: () => Promise.reject(new Error('not reached')) };
    expect(await importUbl(valid.slice(0, -20), neverCalled)).toEqual({
      refused: [{ id: 'not-well-formed', text: expect.any(String) }],
    });
    expect(await importUbl('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', neverCalled)).toMatchObject({
      refused: [{ id: 'not-well-formed', text: expect.stringContaining('DOCTYPE') }],
    });
    expect(
      await importUbl('<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>', neverCalled),
    ).toMatchObject({
      refused: [{ id: 'not-ubl' }],
    });
    expect(await importUbl(valid, neverCalled, { maxBytes: 100 })).toMatchObject({
      refused: [{ id: 'too-large' }],
    });
  });

  it(
    'returns the document when no fatal rule fails, with CEN rules only when Peppol is not configured',
    async () => {
      await cenOnly.warmUp('cen');
      const result = await importUbl(invoiceToUbl(computeTotals(draft()), { profile: 'peppol' }), cenOnly);
      expect('document' in result && result.document.number).toBe('INV-2026-0001');
    },
    COMPILE_TIMEOUT_MS,
  );
});
