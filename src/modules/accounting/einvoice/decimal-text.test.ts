import { describe, expect, it } from 'vitest';
import { canonicalAmount, canonicalDecimal, isDecimalText } from './decimal-text.ts';

describe('decimal text', () => {
  it('pads amounts to the currency decimals without rounding', () => {
    expect(canonicalAmount('1000', 'EUR')).toBe('1000.00');
    expect(canonicalAmount('4900.0', 'EUR')).toBe('4900.00');
    expect(canonicalAmount('1225.00', 'EUR')).toBe('1225.00');
    expect(canonicalAmount('12.3450', 'EUR')).toBe('12.345');
    expect(canonicalAmount('1000.00', 'JPY')).toBe('1000');
    expect(canonicalAmount('1.5', 'KWD')).toBe('1.500');
    expect(canonicalAmount('7', 'XYZ')).toBe('7.00');
  });

  it('writes one spelling for each value', () => {
    expect(canonicalAmount('-0', 'EUR')).toBe('0.00');
    expect(canonicalAmount('+007.5', 'EUR')).toBe('7.50');
    expect(canonicalAmount('.5', 'EUR')).toBe('0.50');
    expect(canonicalAmount('-25.', 'EUR')).toBe('-25.00');
    expect(canonicalDecimal('25.00')).toBe('25');
    expect(canonicalDecimal('0.500')).toBe('0.5');
    expect(canonicalDecimal('-0.000')).toBe('0');
    expect(canonicalDecimal(' 10 ')).toBe('10');
  });

  it('refuses what is not an xs:decimal', () => {
    for (const bad of ['', '.', '1e3', '1,5', 'NaN', '--1', '1.2.3']) {
      expect(isDecimalText(bad)).toBe(false);
      expect(() => canonicalDecimal(bad)).toThrow(RangeError);
    }
  });
});
