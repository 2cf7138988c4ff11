import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateMinor } from '../../../shared/money.ts';
import { apportionMinor, shareMinor } from './minor-share.ts';

const quantity = fc.integer({ min: 1, max: 1_000_000 }).map((n) => new Decimal(n).div(1000));
const value = fc.integer({ min: -10_000_000, max: 10_000_000 });

describe('shareMinor', () => {
  it('splits 10.00 over 3 units taken one by one into 3.33, 3.34 and 3.33', () => {
    const one = new Decimal(1);
    const first = shareMinor(1000, one, new Decimal(3));
    const second = shareMinor(1000 - first, one, new Decimal(2));
    const third = shareMinor(1000 - first - second, one, one);
    expect([first, second, third]).toEqual([333, 334, 333]);
  });

  it('takes parts from what remains that always sum to the whole value, each the nearest to its share', () => {
    fc.assert(
      fc.property(value, fc.array(quantity, { minLength: 1, maxLength: 30 }), (total, parts) => {
        let whole = parts.reduce((a, b) => a.plus(b), new Decimal(0));
        let left = total;
        for (const part of parts) {
          const share = shareMinor(left, part, whole);
          const exact = new Decimal(left).times(part).div(whole);
          expect(new Decimal(share).minus(exact).abs().toNumber()).toBeLessThanOrEqual(0.5);
          left -= share;
          whole = whole.minus(part);
        }
        expect(left).toBe(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('apportionMinor', () => {
  it('agrees with allocateMinor on weights that are not negative', () => {
    fc.assert(
      fc.property(value, fc.array(quantity, { minLength: 1, maxLength: 10 }), (total, weights) => {
        expect(apportionMinor(total, weights)).toEqual(
          allocateMinor(
            total,
            weights.map((w) => w.toFixed()),
          ),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('splits over weights of either sign so that the parts sum exactly, each within a unit of its share', () => {
    const weight = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => new Decimal(n).div(1000));
    fc.assert(
      fc.property(value, fc.array(weight, { minLength: 1, maxLength: 10 }), (total, weights) => {
        const parts = apportionMinor(total, weights);
        const sum = weights.reduce((a, b) => a.plus(b), new Decimal(0));
        if (sum.isZero()) {
          expect(parts.every((p) => p === 0)).toBe(true);
          return;
        }
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        for (const [i, part] of parts.entries()) {
          const exact = new Decimal(total).times(weights[i]!).div(sum);
          expect(new Decimal(part).minus(exact).abs().toNumber()).toBeLessThan(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives a warehouse selling past zero a negative share', () => {
    expect(apportionMinor(1000, [new Decimal(3), new Decimal(-1)])).toEqual([1500, -500]);
  });
});
