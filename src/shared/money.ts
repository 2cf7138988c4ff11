// The one place where money is rounded. Amounts that are paid or posted are integers in the
// currency's ISO 4217 minor unit; unit prices, quantities and rates are decimal strings (or
// decimal.js values) and never JS floats. Every rounding names its mode.
//
// Pure logic shared by the server and the browser: decimal.js only, no Node APIs.

import { Decimal } from 'decimal.js';

export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up';

// A decimal value: a plain decimal string such as "-12.340", or a finite decimal.js value.
export type DecimalInput = string | Decimal;

export type MinorUnitDigits = 0 | 2 | 3 | 4;

export type MoneyErrorCode =
  | 'money.invalid_decimal'
  | 'money.too_many_digits'
  | 'money.invalid_minor'
  | 'money.out_of_range'
  | 'money.invalid_currency'
  | 'money.unknown_currency'
  | 'money.invalid_rounding'
  | 'money.invalid_decimals'
  | 'money.invalid_weights'
  | 'money.invalid_locale';

// A RangeError because every refusal here is a value outside what money allows; the code is
// stable so a module can turn it into its own problem+json error.
export class MoneyError extends RangeError {
  constructor(
    readonly code: MoneyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

// 30 significant digits hold any realistic price, quantity or rate (NUMERIC columns are narrower)
// and keep every product of two inputs exact at the precision below.
export const MAX_SIGNIFICANT_DIGITS = 30;
export const MAX_ROUNDING_DECIMALS = 30;
export const MAX_ALLOCATION_PARTS = 10_000;
const MAX_DECIMAL_STRING_LENGTH = 100;

// A private constructor so that no other code's Decimal.set() can change our precision. With at
// most 30 significant digits per input, a product has at most 60 and fits exactly.
const Exact = Decimal.clone({ precision: 2 * MAX_SIGNIFICANT_DIGITS + 40 });

const DECIMAL_PATTERN = /^[+-]?\d+(\.\d+)?$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;

const ROUNDING: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

// ISO 4217 list one (published 2026-01-01): every code with a minor unit, plus a few codes
// withdrawn recently (ANG, BGN, CUC, HRK, SLL, ZWL) so older records still read. Codes whose
// minor unit is "N.A." (XAU, XDR, XXX, ...) are left out: they are not amounts one pays.
const TWO_DIGIT_CODES =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
  'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
  'GBP GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT ' +
  'LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO ' +
  'NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS ' +
  'SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XAD ' +
  'XCD XCG YER ZAR ZMW ZWG ZWL';
const ZERO_DIGIT_CODES = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DIGIT_CODES = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR_DIGIT_CODES = 'CLF UYW';

function digitTable(): Record<string, MinorUnitDigits> {
  const table: Record<string, MinorUnitDigits> = {};
  const groups: [string, MinorUnitDigits][] = [
    [TWO_DIGIT_CODES, 2],
    [ZERO_DIGIT_CODES, 0],
    [THREE_DIGIT_CODES, 3],
    [FOUR_DIGIT_CODES, 4],
  ];
  for (const [codes, digits] of groups) {
    for (const code of codes.split(' ')) table[code] = digits;
  }
  return table;
}

// ISO 4217 currency code -> number of decimals of its minor unit.
export const CURRENCY_DECIMALS: Readonly<Record<string, MinorUnitDigits>> = Object.freeze(digitTable());

export function isKnownCurrency(code: unknown): code is string {
  return typeof code === 'string' && CURRENCY_PATTERN.test(code) && Object.hasOwn(CURRENCY_DECIMALS, code);
}

export function currencyDecimals(currency: string): MinorUnitDigits {
  if (typeof currency !== 'string' || !CURRENCY_PATTERN.test(currency)) {
    throw new MoneyError(
      'money.invalid_currency',
      `A currency code is three uppercase letters (ISO 4217), got ${show(currency)}`,
    );
  }
  const digits = CURRENCY_DECIMALS[currency];
  if (digits === undefined) {
    throw new MoneyError('money.unknown_currency', `Unknown currency ${show(currency)}`);
  }
  return digits;
}

// Converts a decimal amount to integer minor units, rounding explicitly.
export function toMinor(amount: DecimalInput, currency: string, rounding: RoundingMode = 'half-up'): number {
  const digits = currencyDecimals(currency);
  const mode = roundingOf(rounding);
  return decimalToMinor(parseDecimal(amount, 'amount'), digits, mode, `amount ${show(amount)}`);
}

// The decimal string of a minor-unit amount, with exactly the currency's decimals.
export function fromMinor(amountMinor: number, currency: string): string {
  const digits = currencyDecimals(currency);
  assertMinor(amountMinor, 'amountMinor');
  const magnitude = String(Math.abs(amountMinor));
  if (digits === 0) return magnitude === '0' ? '0' : `${amountMinor < 0 ? '-' : ''}${magnitude}`;
  const padded = magnitude.padStart(digits + 1, '0');
  const sign = amountMinor < 0 ? '-' : '';
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

// Rounds a unit price, quantity or rate to a number of decimals; returns a decimal string.
export function roundDecimal(
  value: DecimalInput,
  decimals: number,
  rounding: RoundingMode = 'half-up',
): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_ROUNDING_DECIMALS) {
    throw new MoneyError(
      'money.invalid_decimals',
      `decimals must be a whole number from 0 to ${MAX_ROUNDING_DECIMALS}, got ${show(decimals)}`,
    );
  }
  const mode = roundingOf(rounding);
  const rounded = parseDecimal(value, 'value').toDecimalPlaces(decimals, mode);
  // No "-0.00": a value that rounds to zero is zero.
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(decimals);
}

// A line amount: unit price × quantity, rounded once to the currency's minor unit.
export function multiplyToMinor(
  unitPrice: DecimalInput,
  quantity: DecimalInput,
  currency: string,
  rounding: RoundingMode = 'half-up',
): number {
  const digits = currencyDecimals(currency);
  const mode = roundingOf(rounding);
  const product = parseDecimal(unitPrice, 'unitPrice').times(parseDecimal(quantity, 'quantity'));
  return decimalToMinor(product, digits, mode, `${show(unitPrice)} × ${show(quantity)}`);
}

// A percentage of a minor-unit amount (a tax, a discount), rounded to whole minor units.
export function percentOfMinor(
  baseMinor: number,
  ratePercent: DecimalInput,
  rounding: RoundingMode = 'half-up',
): number {
  assertMinor(baseMinor, 'baseMinor');
  const mode = roundingOf(rounding);
  const share = new Exact(baseMinor).times(parseDecimal(ratePercent, 'ratePercent')).times('0.01');
  return decimalToMinor(share, 0, mode, `${show(ratePercent)}% of ${baseMinor}`);
}

// Splits an integer amount across weights so the parts sum exactly to it (largest remainder
// method; on equal remainders the earlier part gets the extra unit). A negative total is split
// as its absolute value, then negated.
export function allocateMinor(totalMinor: number, weights: readonly (number | string)[]): number[] {
  assertMinor(totalMinor, 'totalMinor');
  const scaled = scaleWeights(weights);
  const weightSum = scaled.reduce((sum, weight) => sum + weight, 0n);
  const total = BigInt(Math.abs(totalMinor));
  // Integer arithmetic throughout: the exact share of part i is total × w_i / Σw.
  const parts = scaled.map((weight) => (total * weight) / weightSum);
  const remainders = scaled.map((weight) => (total * weight) % weightSum);
  const leftover = Number(total - parts.reduce((sum, part) => sum + part, 0n));
  const order = remainders
    .map((_, index) => index)
    .sort((a, b) => compareBigInt(remainders[b]!, remainders[a]!) || a - b);
  for (const index of order.slice(0, leftover)) parts[index]! += 1n;
  const sign = totalMinor < 0 ? -1 : 1;
  return parts.map((part) => (part === 0n ? 0 : sign * Number(part)));
}

const formatters = new Map<string, Intl.NumberFormat>();
const MAX_CACHED_FORMATTERS = 200;

// A minor-unit amount for display, with the currency's ISO 4217 decimals.
export function formatMoney(amountMinor: number, currency: string, locale = 'en'): string {
  const digits = currencyDecimals(currency);
  // Intl.NumberFormat formats a decimal string exactly (ES2023, Node 20); no float division.
  const amount = fromMinor(amountMinor, currency) as Intl.StringNumericLiteral;
  return formatterFor(locale, currency, digits).format(amount);
}

function formatterFor(locale: string, currency: string, digits: MinorUnitDigits): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`;
  let formatter = formatters.get(key);
  if (formatter) return formatter;
  if (typeof locale !== 'string' || locale.length > 100) {
    throw new MoneyError('money.invalid_locale', `Not a locale: ${show(locale)}`);
  }
  try {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  } catch {
    throw new MoneyError('money.invalid_locale', `Not a locale: ${show(locale)}`);
  }
  if (formatters.size >= MAX_CACHED_FORMATTERS) formatters.clear();
  formatters.set(key, formatter);
  return formatter;
}

function decimalToMinor(value: Decimal, digits: number, mode: Decimal.Rounding, what: string): number {
  const minor = value.times(`1e${digits}`).toDecimalPlaces(0, mode);
  if (minor.abs().gt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError(
      'money.out_of_range',
      `${what} is beyond ±${Number.MAX_SAFE_INTEGER} minor units (not a safe integer)`,
    );
  }
  // No -0: an amount that rounds to zero is zero.
  return minor.isZero() ? 0 : minor.toNumber();
}

function parseDecimal(value: unknown, name: string): Decimal {
  let parsed: Decimal;
  if (typeof value === 'string') {
    if (value.length > MAX_DECIMAL_STRING_LENGTH || !DECIMAL_PATTERN.test(value)) {
      throw new MoneyError(
        'money.invalid_decimal',
        `${name} must be a decimal string like "-12.34", got ${show(value)}`,
      );
    }
    parsed = new Exact(value);
  } else if (Decimal.isDecimal(value) && value.isFinite()) {
    parsed = new Exact(value);
  } else {
    throw new MoneyError(
      'money.invalid_decimal',
      `${name} must be a decimal string or a finite Decimal (never a float), got ${show(value)}`,
    );
  }
  if (parsed.sd(true) > MAX_SIGNIFICANT_DIGITS) {
    throw new MoneyError(
      'money.too_many_digits',
      `${name} has more than ${MAX_SIGNIFICANT_DIGITS} significant digits: ${show(value)}`,
    );
  }
  return parsed;
}

function scaleWeights(weights: readonly (number | string)[]): bigint[] {
  if (!Array.isArray(weights) || weights.length === 0 || weights.length > MAX_ALLOCATION_PARTS) {
    throw new MoneyError(
      'money.invalid_weights',
      `weights must be a list of 1 to ${MAX_ALLOCATION_PARTS} weights, got ${show(weights)}`,
    );
  }
  const decimals = weights.map((weight, index) => parseWeight(weight, `weights[${index}]`));
  // Scale every weight by the same power of ten so they become integers in the same ratio.
  const places = Math.max(...decimals.map((weight) => weight.decimalPlaces()));
  const scaled = decimals.map((weight) => BigInt(weight.abs().toFixed(places).replace('.', '')));
  if (!scaled.some((weight) => weight > 0n)) {
    throw new MoneyError(
      'money.invalid_weights',
      `At least one weight must be positive, got ${show(weights)}`,
    );
  }
  return scaled;
}

function parseWeight(weight: unknown, name: string): Decimal {
  if (typeof weight === 'number') {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new MoneyError(
        'money.invalid_weights',
        `${name} must be a non-negative whole number or a decimal string, got ${show(weight)}`,
      );
    }
    return new Exact(weight);
  }
  const parsed = parseDecimal(weight, name);
  if (parsed.lt(0)) {
    throw new MoneyError('money.invalid_weights', `${name} must not be negative, got ${show(weight)}`);
  }
  return parsed;
}

function assertMinor(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new MoneyError(
      'money.invalid_minor',
      `${name} must be a whole number of minor units within ±${Number.MAX_SAFE_INTEGER}, got ${show(value)}`,
    );
  }
}

function roundingOf(mode: unknown): Decimal.Rounding {
  if (typeof mode !== 'string' || !Object.hasOwn(ROUNDING, mode)) {
    throw new MoneyError(
      'money.invalid_rounding',
      `Rounding must be one of ${Object.keys(ROUNDING).join(', ')}; got ${show(mode)}`,
    );
  }
  return ROUNDING[mode as RoundingMode];
}

function compareBigInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// How a bad value appears in an error message: strings quoted and cut short, never "[object]".
function show(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > 40
      ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (Decimal.isDecimal(value)) return `Decimal(${value.toString()})`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null || typeof value !== 'object') return String(value);
  return Object.prototype.toString.call(value);
}
