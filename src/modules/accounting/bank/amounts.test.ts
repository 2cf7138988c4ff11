import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToMinorExact, type NumberStyle, parseAmountText } from './amounts.ts';
import { StatementParseError } from './statement-parse-error.ts';

const US: NumberStyle = { decimalSeparator: '.', thousandsSeparator: ',' };
const DE: NumberStyle = { decimalSeparator: ',', thousandsSeparator: '.' };
const CH: NumberStyle = { decimalSeparator: '.', thousandsSeparator: "'" };
const FR: NumberStyle = { decimalSeparator: ',', thousandsSeparator: ' ' };
const PLAIN: NumberStyle = { decimalSeparator: '.', thousandsSeparator: '' };

describe('decimalToMinorExact', () => {
  it('reads exact amounts in the currency minor unit, trailing zeros allowed', () => {
    expect(decimalToMinorExact('8.85', 'EUR', 'x')).toBe(885);
    expect(decimalToMinorExact('8.850', 'EUR', 'x')).toBe(885);
    expect(decimalToMinorExact('-00000000001500.0000', 'USD', 'x')).toBe(-150000);
    expect(decimalToMinorExact('2700', 'JPY', 'x')).toBe(2700);
    expect(decimalToMinorExact('1.234', 'KWD', 'x')).toBe(1234);
    expect(decimalToMinorExact('0.00', 'EUR', 'x')).toBe(0);
  });

  it('refuses what cannot be booked exactly or is not an amount', () => {
    expect(() => decimalToMinorExact('8.855', 'EUR', 'Ntry 1')).toThrow(
      'Ntry 1: 8.855 EUR has 3 decimals; EUR has 2',
    );
    expect(() => decimalToMinorExact('1.5', 'JPY', 'x')).toThrow(/JPY has 0/);
    expect(() => decimalToMinorExact('1,50', 'EUR', 'x')).toThrow(/not a decimal amount/);
    expect(() => decimalToMinorExact('1e5', 'EUR', 'x')).toThrow(/not a decimal amount/);
    expect(() => decimalToMinorExact('1.00', 'XYZ', 'x')).toThrow(/not a known ISO 4217 currency/);
    expect(() => decimalToMinorExact('99999999999999999999', 'EUR', 'x')).toThrow(StatementParseError);
  });
});

describe('parseAmountText', () => {
  it.each([
    ['1,036.47', US, 103647],
    ['$1,036.47', US, 103647],
    ['-$57.27', US, -5727],
    ['$-57.27', US, -5727],
    ['(12.00)', US, -1200],
    ['12.00-', US, -1200],
    ['+5', US, 500],
    ['1.234,56', DE, 123456],
    ['-98,76', DE, -9876],
    ['98,76-', DE, -9876],
    ['EUR 5,00', DE, 500],
    ['5,00 €', DE, 500],
    ["11'373.94", CH, 1137394],
    ['1 234,56', FR, 123456],
    ['1\u00a0234,56', FR, 123456],
    ['\u22123.10', PLAIN, -310],
    ['1234.5', US, 123450],
  ])('reads %s', (text, style, minor) => {
    expect(parseAmountText(text, 'EUR', style, 'amount')).toBe(minor);
  });

  it.each([
    ['1.234,56', US, 'grouped the other way round'],
    ['12.34', DE, 'a dot is a thousands separator there, not grouping by three'],
    ['1,000', PLAIN, 'no thousands separator is allowed'],
    ['--5', US, 'two signs'],
    ['(-5)', US, 'two signs'],
    ['12,3,4', US, 'bad grouping'],
    ['abc', US, 'no digits'],
    ['', US, 'empty'],
    ['1.2.3', US, 'two decimal separators'],
  ])('refuses %s (%s)', (text, style) => {
    expect(() => parseAmountText(text, 'EUR', style, 'amount')).toThrow(StatementParseError);
  });

  it('names the expected shape when it refuses', () => {
    expect(() => parseAmountText('12.34', 'EUR', DE, 'amount')).toThrow(
      'amount: "12.34" is not an amount written like -1.234,56',
    );
  });

  it('reads back any amount it prints in any style (property)', () => {
    const styles = [US, DE, CH, FR, PLAIN];
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(...styles), (minor, style) => {
        const magnitude = Math.abs(minor);
        const integer = String(Math.floor(magnitude / 100)).replace(
          /\B(?=(\d{3})+(?!\d))/g,
          style.thousandsSeparator,
        );
        const text = `${minor < 0 ? '-' : ''}${integer}${style.decimalSeparator}${String(magnitude % 100).padStart(2, '0')}`;
        expect(parseAmountText(text, 'EUR', style, 'amount')).toBe(minor);
      }),
    );
  });
});
