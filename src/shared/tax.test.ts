import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTaxes, TaxInputError, type TaxRule } from './tax.ts';

const vat = (ratePercent: string, priceIncluded = false, id = `vat${ratePercent}`): TaxRule => ({
  id,
  kind: 'percent',
  ratePercent,
  amount: null,
  priceIncluded,
});
const fee = (amount: string, priceIncluded = false): TaxRule => ({
  id: `fee${amount}`,
  kind: 'fixed',
  ratePercent: null,
  amount,
  priceIncluded,
});

describe('taxes on document lines', () => {
  it('adds a tax excluded from the price', () => {
    const result = computeTaxes([{ unitPrice: '100', quantity: '1', taxes: [vat('20')] }], 'EUR', 'per_line');
    expect(result).toMatchObject({ netMinor: 10000, taxMinor: 2000, totalMinor: 12000 });
    expect(result.taxes).toEqual([{ taxId: 'vat20', baseMinor: 10000, amountMinor: 2000 }]);
  });

  it('takes an included tax out of the price so the customer pays the shelf price', () => {
    const result = computeTaxes(
      [{ unitPrice: '19.99', quantity: '1', taxes: [vat('20', true)] }],
      'EUR',
      'per_line',
    );
    expect(result).toMatchObject({ netMinor: 1666, taxMinor: 333, totalMinor: 1999 });
  });

  it('applies a line discount before the taxes', () => {
    const result = computeTaxes(
      [{ unitPrice: '12.50', quantity: '4', discountPercent: '10', taxes: [vat('5.5')] }],
      'EUR',
      'per_line',
    );
    // 50.00 − 10% = 45.00; 5.5% = 2.475 → 2.48
    expect(result).toMatchObject({ netMinor: 4500, taxMinor: 248, totalMinor: 4748 });
  });

  it('handles a fixed tax per unit beside a percent tax', () => {
    const result = computeTaxes(
      [{ unitPrice: '10', quantity: '3', taxes: [fee('0.50'), vat('20')] }],
      'EUR',
      'per_line',
    );
    expect(result.taxes).toEqual([
      { taxId: 'fee0.50', baseMinor: 3000, amountMinor: 150 },
      { taxId: 'vat20', baseMinor: 3000, amountMinor: 600 },
    ]);
    expect(result.totalMinor).toBe(3750);
  });

  it('takes an included fixed tax out before the included rate', () => {
    // 12.60 gross = (net + 0.60) where net × 1.2 = 12.00 → net 10.00, VAT 2.00, fee 0.60
    const result = computeTaxes(
      [{ unitPrice: '12.60', quantity: '1', taxes: [fee('0.60', true), vat('20', true)] }],
      'EUR',
      'per_line',
    );
    expect(result).toMatchObject({ netMinor: 1000, taxMinor: 260, totalMinor: 1260 });
  });

  it('rounds once per document under global rounding', () => {
    const lines = Array.from({ length: 3 }, () => ({ unitPrice: '0.10', quantity: '1', taxes: [vat('5')] }));
    // each line: 0.005 → 0.01 per line (3 cents), but 0.015 → 0.02 once
    expect(computeTaxes(lines, 'EUR', 'per_line').taxMinor).toBe(3);
    expect(computeTaxes(lines, 'EUR', 'global').taxMinor).toBe(2);
  });

  it('rounds to the currency minor unit (no decimals for yen)', () => {
    const result = computeTaxes(
      [{ unitPrice: '1234', quantity: '1', taxes: [vat('10')] }],
      'JPY',
      'per_line',
    );
    expect(result).toMatchObject({ netMinor: 1234, taxMinor: 123, totalMinor: 1357 });
  });

  it('prices per base quantity, and books a stated line amount as it is', () => {
    const perHundred = computeTaxes(
      [{ unitPrice: '12.00', quantity: '250', baseQuantity: '100', taxes: [vat('20')] }],
      'EUR',
      'global',
    );
    expect(perHundred).toMatchObject({ netMinor: 3000, taxMinor: 600 });
    const stated = computeTaxes(
      [
        { unitPrice: '18.33', quantity: '6', statedAmount: '-109.98', taxes: [vat('6')] },
        { unitPrice: '4.1234', quantity: '2.5', statedAmount: '10.31', taxes: [vat('6')] },
      ],
      'EUR',
      'global',
    );
    // (−109.98 + 10.31) × 6 % = −5.9802 → −5.98, on the stated amounts and not on quantity × price
    expect(stated).toMatchObject({ netMinor: -9967, taxMinor: -598 });
  });

  it('refuses a percent tax without a rate and a discount over 100', () => {
    const broken = { ...vat('1'), ratePercent: null };
    expect(() =>
      computeTaxes([{ unitPrice: '1', quantity: '1', taxes: [broken] }], 'EUR', 'per_line'),
    ).toThrow(TaxInputError);
    expect(() =>
      computeTaxes([{ unitPrice: '1', quantity: '1', discountPercent: '101', taxes: [] }], 'EUR', 'per_line'),
    ).toThrow(TaxInputError);
  });
});

const price = fc.integer({ min: 1, max: 99_999_99 }).map((cents) => new Decimal(cents).div(100).toFixed(2));
const quantity = fc
  .integer({ min: 1, max: 5000 })
  .map((thousandths) => new Decimal(thousandths).div(1000).toString());
const rate = fc.constantFrom('0', '5.5', '7', '10', '19', '20', '21');
const discount = fc.constantFrom(null, '0', '5', '12.5', '50');

describe('tax properties', () => {
  it('with taxes included in the price, the total is the sum of the rounded shelf amounts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ unitPrice: price, quantity, discountPercent: discount, rate }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.constantFrom('per_line' as const, 'global' as const),
        (lines, rounding) => {
          const inputs = lines.map((line) => ({ ...line, taxes: [vat(line.rate, true)] }));
          const result = computeTaxes(inputs, 'EUR', rounding);
          const shelf = inputs.reduce((sum, line) => {
            const amount = new Decimal(line.unitPrice)
              .times(line.quantity)
              .times(new Decimal(100).minus(line.discountPercent ?? '0'))
              .div(100);
            return sum + amount.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
          }, 0);
          expect(result.totalMinor).toBe(shelf);
          expect(result.netMinor + result.taxMinor).toBe(result.totalMinor);
        },
      ),
    );
  });

  it('per line, each tax is the sum of the rounded line taxes; globally, the rounded exact sum', () => {
    const cents = (value: Decimal) => value.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
    fc.assert(
      fc.property(
        fc.array(fc.record({ unitPrice: price, quantity, rate }), { minLength: 1, maxLength: 20 }),
        (lines) => {
          const inputs = lines.map((line) => ({ ...line, taxes: [vat(line.rate)] }));
          const perLine = computeTaxes(inputs, 'EUR', 'per_line');
          const global = computeTaxes(inputs, 'EUR', 'global');
          for (const tax of perLine.taxes) {
            const mine = inputs.filter((line) => `vat${line.rate}` === tax.taxId);
            const exact = mine.map((line) =>
              new Decimal(line.unitPrice).times(line.quantity).times(line.rate).div(100),
            );
            expect(tax.amountMinor).toBe(exact.reduce((sum, value) => sum + cents(value), 0));
            const globalTax = global.taxes.find((t) => t.taxId === tax.taxId)!;
            expect(globalTax.amountMinor).toBe(
              cents(exact.reduce((sum, value) => sum.plus(value), new Decimal(0))),
            );
          }
          expect(perLine.lines.reduce((sum, line) => sum + line.netMinor, 0)).toBe(perLine.netMinor);
          expect(global.netMinor).toBe(perLine.netMinor);
        },
      ),
    );
  });
});
