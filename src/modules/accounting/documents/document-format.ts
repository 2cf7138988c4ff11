// Amounts, quantities, rates and dates as a printed document shows them in a locale. Amounts are
// decimal strings and never become floats: Intl only formats whole numbers as BigInt (exact on any
// runtime) and a sample value whose parts give the locale's pattern (sign, currency, separators);
// the digits are the string's own. Digits are always Latin, the only ones the PDF fonts carry.

import { assert } from '../../../platform/assert.ts';
import { currencyDecimals } from '../../../shared/money.ts';

export type DocumentFormat = {
  locale: string;
  /** An amount in the document currency, with at least the currency's decimals. */
  money(amount: string): string;
  /** A quantity, with as many decimals as it needs and no more. */
  quantity(value: string): string;
  /** A rate given in percent ("21.00" is 21 %). */
  percent(ratePercent: string): string;
  /** A YYYY-MM-DD date. */
  date(isoDate: string): string;
  /** A country's name from its ISO 3166-1 alpha-2 code. */
  country(code: string): string;
};

export type DocumentFormatOptions = {
  locale: string;
  currency: string;
  // Whether a currency symbol can be printed; when not ("₹" in a WinAnsi font) the ISO code is used.
  canPrint?: (text: string) => boolean;
};

const DECIMAL_PATTERN = /^[+-]?\d{1,40}(\.\d{1,40})?$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

type NumberPattern = { template: Intl.NumberFormatPart[]; negative: Intl.NumberFormatPart[] };
type Numbers = { pattern: NumberPattern; integers: Intl.NumberFormat; minFraction: number };

export function createDocumentFormat(options: DocumentFormatOptions): DocumentFormat {
  const locale = latinDigits(options.locale);
  const decimals = currencyDecimals(options.currency);
  const integers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const money = numbers(currencyFormat(locale, options), integers, decimals);
  const quantity = numbers(new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }), integers, 0);
  const percent = numbers(
    new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1 }),
    integers,
    0,
  );
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
  return {
    locale,
    money: (amount) => formatDecimal(money, amount),
    quantity: (value) => formatDecimal(quantity, value),
    percent: (rate) => formatDecimal(percent, rate),
    date: (isoDate) => dates.format(parseDate(isoDate)),
    country: (code) => countryName(regions, code),
  };
}

// The locale with Latin digits forced, so "ar-EG" still prints 0-9; an invalid tag throws a RangeError.
function latinDigits(locale: string): string {
  const [canonical] = Intl.getCanonicalLocales(locale);
  assert(canonical !== undefined, `Not a locale: ${locale}`);
  return new Intl.Locale(canonical, { numberingSystem: 'latn' }).toString();
}

function currencyFormat(locale: string, options: DocumentFormatOptions): Intl.NumberFormat {
  // One fraction digit is enough for the sample: its digits are replaced by the amount's own.
  const base = { style: 'currency', currency: options.currency, minimumFractionDigits: 1 } as const;
  const symbol = new Intl.NumberFormat(locale, base);
  const printed = symbol.formatToParts(1n).find((part) => part.type === 'currency')?.value ?? '';
  if (!options.canPrint || options.canPrint(printed)) return symbol;
  return new Intl.NumberFormat(locale, { ...base, currencyDisplay: 'code' });
}

function numbers(sample: Intl.NumberFormat, integers: Intl.NumberFormat, minFraction: number): Numbers {
  return {
    pattern: { template: sample.formatToParts(1n), negative: sample.formatToParts(-1n) },
    integers,
    minFraction,
  };
}

function formatDecimal(numbers: Numbers, value: string): string {
  assert(DECIMAL_PATTERN.test(value), `Not a decimal string: ${JSON.stringify(value)}`);
  const unsigned = value.replace(/^[+-]/, '');
  const [whole = '0', rawFraction = ''] = unsigned.split('.');
  const fraction = fractionDigits(rawFraction, numbers.minFraction);
  // "-0.00" is zero, and zero has no sign.
  const negative = value.startsWith('-') && /[1-9]/.test(unsigned);
  const grouped = numbers.integers
    .formatToParts(BigInt(whole))
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  const parts = negative ? numbers.pattern.negative : numbers.pattern.template;
  let out = '';
  let integerWritten = false;
  for (const part of parts) {
    if (part.type === 'integer' || part.type === 'group') {
      if (!integerWritten) out += grouped;
      integerWritten = true;
    } else if (part.type === 'fraction') {
      out += fraction;
    } else if (part.type !== 'decimal' || fraction !== '') {
      out += part.value;
    }
  }
  return out;
}

// Pads to the minimum and drops trailing zeros beyond it: "12.5000" at 2 decimals is "12.50".
function fractionDigits(fraction: string, minimum: number): string {
  const padded = fraction.padEnd(minimum, '0');
  let end = padded.length;
  while (end > minimum && padded[end - 1] === '0') end -= 1;
  return padded.slice(0, end);
}

// A code that is not a region ("EU", "1") prints as given rather than stopping the document.
function countryName(regions: Intl.DisplayNames, code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  return regions.of(code.toUpperCase()) ?? code;
}

function parseDate(isoDate: string): Date {
  const match = DATE_PATTERN.exec(isoDate);
  assert(match !== null, `Not a YYYY-MM-DD date: ${JSON.stringify(isoDate)}`);
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  assert(date.getUTCDate() === day && date.getUTCMonth() === month - 1, `No such date: ${isoDate}`);
  return date;
}
