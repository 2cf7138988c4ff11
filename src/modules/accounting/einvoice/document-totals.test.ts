import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTotals, type DraftDocument, lineNetAmount } from './document-totals.ts';
import { draft, line, vat } from './test-documents.ts';
import { COMPILE_TIMEOUT_MS, fatalIds, kitValidator } from './test-kit.ts';
import { invoiceToUbl } from './to-ubl.ts';

describe('computeTotals', () => {
  it('rounds each line once and each VAT rate once, half up', () => {
    const doc = computeTotals(
      draft({
        lines: [
          line('1', {
            quantity: '3',
            unitPrice: '19.99',
            allowances: [{ amount: '5.00', reason: 'Discount', reasonCode: '95' }],
          }),
          line('2', { quantity: '2.5', unitPrice: '4.1234', vat: vat('S', '5.5') }),
        ],
      }),
    );
    expect(doc.lines.map((l) => l.netAmount)).toEqual(['54.97', '10.31']);
    expect(doc.vatBreakdown.map((v) => [v.ratePercent, v.taxableAmount, v.taxAmount])).toEqual([
      ['20', '54.97', '10.99'],
      ['5.5', '10.31', '0.57'],
    ]);
    expect(doc.totals).toEqual({
      lineNet: '65.28',
      allowances: null,
      charges: null,
      taxExclusive: '65.28',
      vat: '11.56',
      taxInclusive: '76.84',
      prepaid: null,
      rounding: null,
      payable: '76.84',
    });
  });

  it('puts document allowances and charges under their VAT rate and takes off what was prepaid', () => {
    const doc = computeTotals(
      draft({
        lines: [line('1', { quantity: '10' })],
        allowances: [{ amount: '50.00', reason: 'Discount', reasonCode: '95', vat: vat('S', '20') }],
        charges: [{ amount: '10.00', reason: 'Freight', reasonCode: 'FC', vat: vat('S', '20') }],
        prepaid: '100',
      }),
    );
    expect(doc.vatBreakdown[0]).toMatchObject({ taxableAmount: '960.00', taxAmount: '192.00' });
    expect(doc.totals).toMatchObject({
      allowances: '50.00',
      charges: '10.00',
      taxExclusive: '960.00',
      payable: '1052.00',
    });
  });

  it('divides by the base quantity before rounding, and keeps a currency without decimals whole', () => {
    expect(lineNetAmount(line('1', { quantity: '1', unitPrice: '10', baseQuantity: '3' }), 'EUR')).toBe(
      '3.33',
    );
    expect(lineNetAmount(line('1', { quantity: '3', unitPrice: '333.5' }), 'JPY')).toBe('1001');
  });

  it('balances for any document: the breakdown adds up to the totals', () => {
    fc.assert(
      fc.property(documentArbitrary(), (input) => {
        const { vatBreakdown, totals } = computeTotals(input);
        const taxable = vatBreakdown.reduce((sum, v) => sum.plus(v.taxableAmount), new Decimal(0));
        const tax = vatBreakdown.reduce((sum, v) => sum.plus(v.taxAmount), new Decimal(0));
        expect(taxable.eq(totals.taxExclusive)).toBe(true);
        expect(tax.eq(totals.vat)).toBe(true);
        expect(new Decimal(totals.taxExclusive).plus(totals.vat).eq(totals.payable)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('random documents exported to UBL', () => {
  const validator = kitValidator();
  beforeAll(() => validator.warmUp('cen'), COMPILE_TIMEOUT_MS);

  it('pass the CEN rules', async () => {
    await fc.assert(
      fc.asyncProperty(
        documentArbitrary(),
        fc.constantFrom('peppol', 'en16931' as const),
        async (input, profile) => {
          const xml = invoiceToUbl(computeTotals(input), { profile });
          expect(fatalIds(await validator.validate(xml, 'cen'))).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});

const RATES = ['0', '5.5', '10', '20'] as const;

// A decimal string with up to `decimals` decimals, from an integer count of the smallest step.
const decimalText = (max: number, decimals: number) =>
  fc
    .tuple(fc.integer({ min: 1, max }), fc.integer({ min: 0, max: decimals }))
    .map(([units, places]) => new Decimal(units).dividedBy(10 ** places).toFixed());

function documentArbitrary(): fc.Arbitrary<DraftDocument> {
  const lineArbitrary = fc.record({
    quantity: decimalText(100_000, 4),
    unitPrice: decimalText(1_000_000, 2),
    rate: fc.constantFrom(...RATES),
    discountPercent: fc.integer({ min: 0, max: 30 }),
  });
  return fc
    .record({
      lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 20 }),
      kind: fc.constantFrom('invoice', 'credit_note' as const),
      documentDiscount: fc.boolean(),
    })
    .map(({ lines, kind, documentDiscount }) => {
      const drafted = lines.map((l, i) => {
        const gross = new Decimal(l.quantity).times(l.unitPrice);
        const discount = gross.times(l.discountPercent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
        return line(String(i + 1), {
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          vat: l.rate === '0' ? vat('Z', '0') : vat('S', l.rate),
          allowances: discount.isZero()
            ? []
            : [{ amount: discount.toFixed(2), reason: 'Discount', reasonCode: '95' }],
        });
      });
      const first = drafted[0]!;
      const allowances = documentDiscount
        ? [{ amount: '1.00', reason: 'Rebate', reasonCode: '95', vat: first.vat }]
        : [];
      return draft({ kind, lines: drafted, allowances });
    });
}
