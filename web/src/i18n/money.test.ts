import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from './money';

describe('amounts typed by people', () => {
  it('reads the locale’s own grouping and decimal point', () => {
    expect(parseAmount('1,234.50', 'EUR', 'en')).toEqual({
      kind: 'amount',
      minor: 123450,
      decimal: '1234.50',
    });
    expect(parseAmount('1.234,50', 'EUR', 'de')).toEqual({
      kind: 'amount',
      minor: 123450,
      decimal: '1234.50',
    });
    expect(parseAmount('1 234,5', 'EUR', 'fr')).toMatchObject({ minor: 123450 });
    expect(parseAmount('100', 'EUR', 'en')).toMatchObject({ minor: 10000, decimal: '100.00' });
  });

  it('takes a lone point or comma as the decimal point, never as grouping', () => {
    expect(parseAmount('12.50', 'EUR', 'de')).toMatchObject({ minor: 1250 });
    expect(parseAmount('12,5', 'EUR', 'en')).toMatchObject({ minor: 1250 });
    expect(parseAmount('1.234', 'EUR', 'de')).toMatchObject({ minor: 123400 });
  });

  it('refuses what is not an amount, and more decimals than the currency has', () => {
    expect(parseAmount('', 'EUR', 'en')).toEqual({ kind: 'empty' });
    expect(parseAmount('  ', 'EUR', 'en')).toEqual({ kind: 'empty' });
    expect(parseAmount('-5', 'EUR', 'en')).toMatchObject({ kind: 'invalid', reason: 'not_a_number' });
    expect(parseAmount('1,2,3', 'EUR', 'en')).toMatchObject({ kind: 'invalid' });
    expect(parseAmount('abc', 'EUR', 'en')).toMatchObject({ kind: 'invalid' });
    expect(parseAmount('1.005', 'EUR', 'en')).toEqual({ kind: 'invalid', reason: 'too_many_decimals' });
    expect(parseAmount('5.5', 'JPY', 'en')).toEqual({ kind: 'invalid', reason: 'too_many_decimals' });
    expect(parseAmount('1.005', 'KWD', 'en')).toMatchObject({ minor: 1005 });
  });

  it('shows figures with the currency’s decimals and no sign of the currency', () => {
    expect(formatAmount(123450, 'EUR', 'en')).toBe('1,234.50');
    expect(formatAmount(-123450, 'EUR', 'de')).toBe('-1.234,50');
    expect(formatAmount(0, 'EUR', 'en')).toBe('0.00');
    expect(formatAmount(1234, 'JPY', 'en')).toBe('1,234');
  });
});
