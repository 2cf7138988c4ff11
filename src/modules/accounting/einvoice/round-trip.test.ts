import { beforeAll, describe, expect, it } from 'vitest';
import { ublToInvoiceDocument } from './from-ubl.ts';
import { COMPILE_TIMEOUT_MS, examples, fatalIds, HAS_KIT, kitValidator, passesAllRules } from './test-kit.ts';
import { invoiceToUbl } from './to-ubl.ts';

const validator = kitValidator();

describe.skipIf(!HAS_KIT)('UBL -> InvoiceDocument -> UBL on the conformance kit examples', () => {
  beforeAll(() => validator.warmUp('all'), COMPILE_TIMEOUT_MS);

  for (const { name, xml } of examples('valid')) {
    const profile = /CustomizationID>[^<]*peppol\.eu/.test(xml) ? 'peppol' : 'en16931';
    const exported = () => invoiceToUbl(ublToInvoiceDocument(xml), { profile });

    it(`${name} still passes the CEN rules`, async () => {
      expect(fatalIds(await validator.validate(exported(), 'cen'))).toEqual([]);
    });

    if (passesAllRules(name)) {
      it(`${name} still passes the CEN and Peppol rules`, async () => {
        expect(fatalIds(await validator.validate(exported(), 'all'))).toEqual([]);
      });
    } else {
      it(`${name} breaks no Peppol rule the original does not`, async () => {
        const before = fatalIds(await validator.validate(xml, 'all'));
        const after = fatalIds(await validator.validate(exported(), 'all'));
        expect(after.filter((id) => !before.includes(id))).toEqual([]);
      });
    }

    it(`${name} reads back as the same document`, () => {
      const once = ublToInvoiceDocument(xml);
      expect(ublToInvoiceDocument(invoiceToUbl(once, { profile }))).toEqual(once);
    });
  }
});
