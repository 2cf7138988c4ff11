import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentKeys, uniqueKeys } from './duplicate-key.ts';

// Few distinct values, so identical lines (two coffees on one day) are common.
const line = fc.record({
  bookingDate: fc.constantFrom('2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04'),
  amountMinor: fc.constantFrom(-450, -450, 1200),
  currency: fc.constant('EUR'),
  counterpartyName: fc.constantFrom('Café', 'Rent', null),
  remittanceText: fc.constantFrom('coffee', null),
});
const file = fc
  .array(line, { maxLength: 40 })
  .map((lines) => [...lines].sort((a, b) => a.bookingDate.localeCompare(b.bookingDate)));

describe('content duplicate keys', () => {
  it('are unique within a file and the same when the file is read again (property)', () => {
    fc.assert(
      fc.property(file, (lines) => {
        const keys = contentKeys(lines);
        expect(new Set(keys).size).toBe(lines.length);
        expect(contentKeys(lines.map((item) => ({ ...item })))).toEqual(keys);
      }),
    );
  });

  it('stay the same for whole days shared by overlapping exports (property)', () => {
    fc.assert(
      fc.property(
        file,
        fc.constantFrom('2024-03-02', '2024-03-03'),
        fc.constantFrom('2024-03-02', '2024-03-03'),
        (lines, cutStart, cutEnd) => {
          // The next export starts on a later day and ends on another: the days both hold are whole.
          const later = lines.filter((item) => item.bookingDate >= cutStart);
          const earlier = lines.filter((item) => item.bookingDate <= cutEnd);
          const keysOf = (subset: typeof lines) =>
            new Map(subset.map((item, index) => [item, contentKeys(subset)[index]]));
          const all = keysOf(lines);
          for (const [item, key] of [...keysOf(later), ...keysOf(earlier)]) expect(key).toBe(all.get(item));
        },
      ),
    );
  });

  it('ignore spacing differences between exports but not content', () => {
    const base = {
      bookingDate: '2024-03-01',
      amountMinor: -450,
      currency: 'EUR',
      counterpartyName: 'Café  Roma',
      remittanceText: ' coffee ',
    };
    const [key] = contentKeys([base]);
    expect(contentKeys([{ ...base, counterpartyName: 'Café Roma', remittanceText: 'coffee' }])[0]).toBe(key);
    expect(contentKeys([{ ...base, amountMinor: -451 }])[0]).not.toBe(key);
    expect(contentKeys([{ ...base, scope: 'other-account' }])[0]).not.toBe(key);
  });

  it('number repeated references within a file', () => {
    expect(uniqueKeys(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a#2', 'a#3']);
  });
});
