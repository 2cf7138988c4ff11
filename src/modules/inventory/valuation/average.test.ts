import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AverageBook, averageIssue, averageReceive, averageRestore } from './average.ts';

const d = (v: string | number) => new Decimal(v);
const empty: AverageBook = { quantity: d(0), valueMinor: 0, unitCost: d(0) };

describe('moving average', () => {
  it('receives 10 @ 2.00 and 10 @ 3.00, issues 15 at 2.50 for 37.50 and keeps 5 for 12.50', () => {
    const a = averageReceive(empty, d(10), d('2.00'), 'EUR');
    const b = averageReceive(a.book, d(10), d('3.00'), 'EUR');
    expect(b.book).toMatchObject({ valueMinor: 5000, unitCost: d('2.5') });
    const out = averageIssue(b.book, d(15), 'EUR');
    expect(out).toMatchObject({ valueMinor: -3750, shortfallQuantity: d(0) });
    expect(out.book).toMatchObject({ quantity: d(5), valueMinor: 1250 });
  });

  it('issues past zero at the average, and the next receipt settles what those units really cost', () => {
    const stocked = averageReceive(empty, d(2), d('2.00'), 'EUR').book;
    const out = averageIssue(stocked, d(5), 'EUR');
    expect(out).toMatchObject({ valueMinor: -1000, shortfallQuantity: d(3) });
    expect(out.book).toMatchObject({ quantity: d(-3), valueMinor: -600 });
    const back = averageReceive(out.book, d(10), d('3.00'), 'EUR');
    expect(back).toMatchObject({ valueMinor: 2700, settlementMinor: -300 });
    expect(back.book).toMatchObject({ quantity: d(7), valueMinor: 2100, unitCost: d(3) });
  });

  it('issues past zero before any receipt at the unit cost in force (the product’s cost, or zero)', () => {
    const out = averageIssue({ ...empty, unitCost: d('1.10') }, d(2), 'EUR');
    expect(out).toMatchObject({ valueMinor: -220, shortfallQuantity: d(2) });
  });

  it('writes off what a restore leaves at zero stock', () => {
    const restored = averageRestore(
      { quantity: d(10), valueMinor: 3000, unitCost: d(3) },
      d(-10),
      -2000,
      'EUR',
    );
    expect(restored).toMatchObject({ valueMinor: -3000, settlementMinor: -1000 });
    expect(restored.book).toMatchObject({ quantity: d(0), valueMinor: 0 });
  });

  it('keeps the value equal to the sum of the steps, no value at zero stock, and an issue of all at the whole value', () => {
    const quantity = fc.integer({ min: 1, max: 9000 }).map((n) => d(n).div(1000));
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('receive' as const),
        quantity,
        cost: fc.integer({ min: 0, max: 99_999 }).map((c) => d(c).div(3000).toDecimalPlaces(6)),
      }),
      fc.record({ kind: fc.constant('issue' as const), quantity }),
      fc.record({ kind: fc.constant('issue-all' as const) }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let book = empty;
        let total = 0;
        const posted: { quantity: Decimal; valueMinor: number; settlementMinor: number }[] = [];
        for (const o of ops) {
          let step: ReturnType<typeof averageIssue>;
          if (o.kind === 'receive') step = averageReceive(book, o.quantity, o.cost, 'EUR');
          else if (o.kind === 'issue') step = averageIssue(book, o.quantity, 'EUR');
          else if (o.kind === 'issue-all') {
            if (book.quantity.lte(0)) continue;
            step = averageIssue(book, book.quantity, 'EUR');
            expect(step.valueMinor).toBe(-book.valueMinor);
          } else {
            if (posted.length === 0) continue;
            const original = posted.splice(o.pick % posted.length, 1)[0]!;
            step = averageRestore(
              book,
              original.quantity.negated(),
              -(original.valueMinor - original.settlementMinor),
              'EUR',
            );
          }
          expect(step.book.quantity.eq(book.quantity.plus(step.quantity))).toBe(true);
          book = step.book;
          total += step.valueMinor;
          if (o.kind !== 'reverse') posted.push(step);
          expect(book.valueMinor).toBe(total);
          if (book.quantity.isZero()) expect(book.valueMinor).toBe(0);
        }
      }),
      { numRuns: 400 },
    );
  });
});
