// Money on screen uses the same rules as the server (src/shared/money.ts): integer minor units,
// the currency's own number of decimals, formatted for the user's locale.
import { currencyDecimals, formatMoney as formatMinor, fromMinor, toMinor } from '@shared/money.ts';
import { locale } from './i18n';

export function formatMoney(amountMinor: number, currency: string): string {
  return formatMinor(amountMinor, currency, locale);
}

const amountFormats = new Map<string, Intl.NumberFormat>();

/** An amount without its currency sign (for columns of figures), with the currency's decimals. */
export function formatAmount(amountMinor: number, currency: string, loc = locale): string {
  const digits = currencyDecimals(currency);
  const key = `${loc}\u0000${digits}`;
  let format = amountFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(loc, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    amountFormats.set(key, format);
  }
  // A decimal string is formatted exactly; no float division.
  return format.format(fromMinor(amountMinor, currency) as Intl.StringNumericLiteral);
}

/** A decimal string of the API ("1234.50") as a figure, exactly; empty for zero when asked. */
export function formatDecimal(decimal: string, currency: string, { blankZero = false } = {}): string {
  const minor = toMinor(decimal, currency);
  return blankZero && minor === 0 ? '' : formatAmount(minor, currency);
}

export type ParsedAmount =
  | { kind: 'empty' }
  | { kind: 'amount'; minor: number; decimal: string }
  | { kind: 'invalid'; reason: 'not_a_number' | 'too_many_decimals' };

function separatorsOf(loc: string) {
  const parts = new Intl.NumberFormat(loc).formatToParts(1234567.5);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/**
 * A non-negative amount as a person types it, in their locale: "1,234.50" in English, "1.234,50"
 * in German. A separator is read as grouping only where it groups thousands; otherwise a lone
 * "." or "," is the decimal point, so "12.50" typed in German is 12.50, never 1250.
 */
export function parseAmount(text: string, currency: string, loc = locale): ParsedAmount {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (compact === '') return { kind: 'empty' };
  const { decimal } = separatorsOf(loc);
  const other = decimal === ',' ? '.' : ',';
  const grouped = (sep: string, dec: string) =>
    new RegExp(`^\\d{1,3}(\\${sep}\\d{3})+(\\${dec}\\d+)?$`).test(compact);
  let plain: string;
  if (grouped(other, decimal)) plain = compact.replaceAll(other, '').replace(decimal, '.');
  else if (!compact.includes(other)) plain = compact.replace(decimal, '.');
  else if (!compact.includes(decimal) && compact.split(other).length === 2)
    plain = compact.replace(other, '.');
  else return { kind: 'invalid', reason: 'not_a_number' };
  if (!/^\d{1,15}(\.\d+)?$/.test(plain)) return { kind: 'invalid', reason: 'not_a_number' };
  const decimals = plain.includes('.') ? plain.split('.')[1]!.length : 0;
  if (decimals > currencyDecimals(currency)) return { kind: 'invalid', reason: 'too_many_decimals' };
  const minor = toMinor(plain, currency);
  return { kind: 'amount', minor, decimal: fromMinor(minor, currency) };
}
