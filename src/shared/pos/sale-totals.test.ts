import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TaxRule } from '../tax.ts';
import { combinedDiscount, roundToIncrement, saleTotals, TillError } from './sale-totals.ts';

const vat = (rate: string): TaxRule => ({
  id: `vat${rate}`,
  kind: 'percent',
  ratePercent: rate,
  amount: null,
  priceIncluded: true,
});
const options = { currency: 'EUR', rounding: 'per_line' as const, cashIncrementMinor: 1 };

describe('the till', () => {
  it('totals shelf prices with their taxes included and gives change from cash', () => {
    const totals = saleTotals(
      [
        { unitPrice: '2.49', quantity: '3', taxes: [vat('5.5')] },
        { unitPrice: '19.99', quantity: '1', taxes: [vat('20')] },
      ],
      [{ method: 'cash', amountMinor: 5000 }],
      options,
    );
    expect(totals).toMatchObject({ totalMinor: 2746, dueMinor: 2746, changeMinor: 2254, roundingMinor: 0 });
  });

  it('splits cash and card; card alone is never more than due', () => {
    const lines = [{ unitPrice: '10.00', quantity: '1', taxes: [vat('20')] }];
    expect(
      saleTotals(
        lines,
        [
          { method: 'card', amountMinor: 600 },
          { method: 'cash', amountMinor: 500 },
        ],
        options,
      ),
    ).toMatchObject({ changeMinor: 100 });
    expect(() => saleTotals(lines, [{ method: 'card', amountMinor: 1100 }], options)).toThrow(TillError);
    expect(() => saleTotals(lines, [{ method: 'cash', amountMinor: 999 }], options)).toThrow(
      /paid 999 of 1000/,
    );
  });

  it('rounds cash payments to the currency’s increment, card payments not', () => {
    const lines = [{ unitPrice: '1.02', quantity: '1', taxes: [] }];
    const chf = { ...options, currency: 'CHF', cashIncrementMinor: 5 };
    expect(saleTotals(lines, [{ method: 'cash', amountMinor: 100 }], chf)).toMatchObject({
      dueMinor: 100,
      roundingMinor: -2,
    });
    expect(saleTotals(lines, [{ method: 'card', amountMinor: 102 }], chf)).toMatchObject({
      dueMinor: 102,
      roundingMinor: 0,
    });
    expect(roundToIncrement(103, 5)).toBe(105);
    expect(roundToIncrement(-103, 5)).toBe(-105);
  });

  it('combines line and order discounts', () => {
    expect(combinedDiscount('10', '5')).toBe('14.5');
    expect(() => combinedDiscount('120', null)).toThrow(TillError);
  });

  it('any sale paid with exactly what is due in cash settles with no change and a rounding of at most half the increment', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            cents: fc.integer({ min: 1, max: 50_000 }),
            qty: fc.integer({ min: 1, max: 12 }),
            rate: fc.constantFrom('0', '5.5', '20'),
          }),
          {
            minLength: 1,
            maxLength: 15,
          },
        ),
        fc.constantFrom(1, 5, 10),
        (lines, increment) => {
          const input = lines.map((l) => ({
            unitPrice: (l.cents / 100).toFixed(2),
            quantity: String(l.qty),
            taxes: [vat(l.rate)],
          }));
          const shelf = lines.reduce((sum, l) => sum + l.cents * l.qty, 0);
          const due = roundToIncrement(shelf, increment);
          const totals = saleTotals(input, [{ method: 'cash', amountMinor: due }], {
            ...options,
            cashIncrementMinor: increment,
          });
          expect(totals).toMatchObject({ totalMinor: shelf, dueMinor: due, changeMinor: 0 });
          expect(Math.abs(totals.roundingMinor)).toBeLessThanOrEqual(increment / 2);
          expect(totals.netMinor + totals.taxMinor).toBe(totals.totalMinor);
        },
      ),
    );
  });
});
