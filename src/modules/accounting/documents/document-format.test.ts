import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDocumentFormat } from './document-format.ts';
import { isWinAnsiText } from './pdf-text.ts';

const LOCALES = [
  'en',
  'en-GB',
  'en-IN',
  'fr-FR',
  'fr-CH',
  'de-DE',
  'de-CH',
  'es',
  'it',
  'nl-NL',
  'pl',
  'sv',
  'pt-BR',
];

// A decimal string with `fraction` decimals, up to 18 integer digits, either sign.
function decimalString(fraction: number) {
  const digits = (min: number, max: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
  return fc
    .tuple(fc.boolean(), fc.oneof(fc.constant('0'), digits(1, 18)), digits(fraction, fraction))
    .map(
      ([negative, whole, part]) =>
        `${negative ? '-' : ''}${whole.replace(/^0+(?=\d)/, '')}${part ? `.${part}` : ''}`,
    );
}

describe('createDocumentFormat', () => {
  it('prints French amounts with a narrow no-break space between thousands and a no-break space before €', () => {
    const format = createDocumentFormat({ locale: 'fr-FR', currency: 'EUR' });
    expect(format.money('1234.56')).toBe('1\u202f234,56\u00a0€');
    expect(format.money('1234.56')).toBe(
      new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(1234.56),
    );
    expect(format.money('-0.00')).toBe('0,00\u00a0€');
    expect(format.percent('5.50')).toBe('5,5\u00a0%');
    expect(format.date('2026-03-02')).toBe('2 mars 2026');
  });

  it('formats amounts digit for digit as Intl does, in many locales', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom('EUR', 'CHF', 'USD'),
        decimalString(2),
        (locale, currency, amount) => {
          const format = createDocumentFormat({ locale, currency });
          // signDisplay 'negative': like ours, Intl then prints "-0.00" as zero without a sign.
          const intl = new Intl.NumberFormat(`${locale}-u-nu-latn`, {
            style: 'currency',
            currency,
            signDisplay: 'negative',
          });
          expect(format.money(amount)).toBe(intl.format(amount as Intl.StringNumericLiteral));
        },
      ),
    );
  });

  it('never rounds through a float: 20 integer digits stay exact', () => {
    const format = createDocumentFormat({ locale: 'en', currency: 'EUR' });
    expect(format.money('98765432109876543210.99')).toBe('€98,765,432,109,876,543,210.99');
  });

  it('keeps the extra decimals of a unit price but not its trailing zeros', () => {
    const format = createDocumentFormat({ locale: 'de-DE', currency: 'EUR' });
    expect(format.money('0.12345')).toBe('0,12345\u00a0€');
    expect(format.money('12.5000')).toBe('12,50\u00a0€');
    expect(createDocumentFormat({ locale: 'ja', currency: 'JPY' }).money('1500')).toBe('￥1,500');
  });

  it('prints quantities with the decimals they need', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOCALES), decimalString(3), (locale, quantity) => {
        const format = createDocumentFormat({ locale, currency: 'EUR' });
        const intl = new Intl.NumberFormat(`${locale}-u-nu-latn`, {
          maximumFractionDigits: 3,
          signDisplay: 'negative',
        });
        expect(format.quantity(quantity)).toBe(intl.format(quantity as Intl.StringNumericLiteral));
      }),
    );
  });

  it('prints the ISO code instead of a currency sign the PDF font lacks', () => {
    const rupees = createDocumentFormat({ locale: 'en-IN', currency: 'INR', canPrint: isWinAnsiText });
    expect(rupees.money('1234567.50')).toBe('INR\u00a012,34,567.50');
    const pounds = createDocumentFormat({ locale: 'en-GB', currency: 'GBP', canPrint: isWinAnsiText });
    expect(pounds.money('-1234.5')).toBe('-£1,234.50');
  });

  it('writes Latin digits in every locale', () => {
    const format = createDocumentFormat({ locale: 'ar-EG', currency: 'EGP' });
    expect(format.money('1234.50')).toMatch(/1,234\.50/);
    expect(format.date('2026-03-02')).toMatch(/2026/);
  });

  it('names countries in the locale', () => {
    const format = createDocumentFormat({ locale: 'de-DE', currency: 'EUR' });
    expect(format.country('fr')).toBe('Frankreich');
    expect(format.country('XYZ')).toBe('XYZ');
  });

  it('refuses what is not a decimal string, a date or a locale', () => {
    const format = createDocumentFormat({ locale: 'en', currency: 'EUR' });
    expect(() => format.money('1e5')).toThrow(/decimal string/);
    expect(() => format.money('12,50')).toThrow(/decimal string/);
    expect(() => format.date('2026-02-30')).toThrow(/No such date/);
    expect(() => createDocumentFormat({ locale: 'not a locale!', currency: 'EUR' })).toThrow(RangeError);
  });
});
