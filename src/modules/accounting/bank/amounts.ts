import { currencyDecimals, isKnownCurrency, MoneyError, toMinor } from '../../../shared/money.ts';
import { StatementParseError } from './statement-parse-error.ts';

export type NumberStyle = {
  decimalSeparator: '.' | ',';
  thousandsSeparator: '' | '.' | ',' | ' ' | "'";
};

const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const MAX_AMOUNT_TEXT_LENGTH = 60;
// A space as thousands separator comes as a plain, a no-break or a narrow no-break space.
const SPACE_SEPARATORS = ' \u00a0\u202f';

/** A known ISO 4217 code, uppercased and trimmed; refuses anything else. */
export function currencyCode(text: string, where: string): string {
  const code = text.trim().toUpperCase();
  if (!isKnownCurrency(code)) {
    throw new StatementParseError(`${where}: ${JSON.stringify(text)} is not a known ISO 4217 currency`);
  }
  return code;
}

/**
 * A plain decimal ("8.850", "-1500.0000") in exact minor units of the currency. More decimals
 * than the currency has are fine only when they are zeros: 8.850 EUR is 885, 8.855 EUR is refused.
 */
export function decimalToMinorExact(decimal: string, currency: string, where: string): number {
  const text = decimal.trim();
  if (!PLAIN_DECIMAL.test(text) || text.length > MAX_AMOUNT_TEXT_LENGTH) {
    throw new StatementParseError(`${where}: ${JSON.stringify(decimal)} is not a decimal amount`);
  }
  if (!isKnownCurrency(currency)) {
    throw new StatementParseError(`${where}: ${JSON.stringify(currency)} is not a known ISO 4217 currency`);
  }
  const digits = currencyDecimals(currency);
  const fraction = (text.split('.')[1] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    throw new StatementParseError(
      `${where}: ${text} ${currency} has ${fraction.length} decimals; ${currency} has ${digits}, so it cannot be booked exactly`,
    );
  }
  try {
    return toMinor(text, currency);
  } catch (error) {
    if (error instanceof MoneyError) throw new StatementParseError(`${where}: ${error.message}`);
    throw error;
  }
}

/**
 * An amount as banks print it in CSV files, in minor units: "1.234,56", "-98,76", "$1,036.47",
 * "11'373.94", "(12.00)" and "12.00-" (both negative), "EUR 5,00". Thousands separators must
 * group by three, so a file read with the wrong separators is refused, not misread.
 */
export function parseAmountText(text: string, currency: string, style: NumberStyle, where: string): number {
  const refuse = () =>
    new StatementParseError(
      `${where}: ${JSON.stringify(text)} is not an amount written like ${exampleAmount(style)}`,
    );
  if (text.length > MAX_AMOUNT_TEXT_LENGTH) throw refuse();
  const { negative, magnitude } = splitSign(text, currency);
  if (magnitude === null) throw refuse();
  const [integerPart = '', fractionPart, ...rest] = magnitude.split(style.decimalSeparator);
  if (rest.length > 0 || (fractionPart !== undefined && !/^\d+$/.test(fractionPart))) throw refuse();
  const integer = ungroup(integerPart, style.thousandsSeparator);
  if (integer === null) throw refuse();
  const plain = `${negative ? '-' : ''}${integer}${fractionPart === undefined ? '' : `.${fractionPart}`}`;
  return decimalToMinorExact(plain, currency, where);
}

// Peels off a sign (leading or trailing), parentheses and a currency symbol or code, in whatever
// order the bank put them: "-$57.27", "$-57.27", "57,27- EUR". Two signs are refused.
function splitSign(text: string, currency: string): { negative: boolean; magnitude: string | null } {
  let rest = text.trim().replace(/\u2212/g, '-');
  let signs = 0;
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(rest);
  if (parenthesised) {
    signs++;
    negative = true;
    rest = (parenthesised[1] ?? '').trim();
  }
  for (let pass = 0; pass < 2; pass++) {
    rest = stripCurrency(rest, currency);
    const leading = /^([+-])\s*/.exec(rest);
    const sign = leading ?? /\s*([+-])$/.exec(rest);
    if (!sign) continue;
    signs++;
    negative = sign[1] === '-';
    rest = leading ? rest.slice(sign[0].length) : rest.slice(0, rest.length - sign[0].length);
  }
  const isMagnitude = signs <= 1 && /^[\d.,' \u00a0\u202f]+$/.test(rest) && /\d/.test(rest);
  return { negative, magnitude: isMagnitude ? rest : null };
}

function stripCurrency(text: string, currency: string): string {
  return text
    .replace(/^[$€£¥]\s*|\s*[$€£¥]$/g, '')
    .replace(new RegExp(`^${currency}\\s*|\\s*${currency}$`), '')
    .trim();
}

// "1.234" with "." → "1234"; "1234" stays; "12.34" with "." is not grouped by three → null.
function ungroup(integerPart: string, separator: NumberStyle['thousandsSeparator']): string | null {
  if (/^\d+$/.test(integerPart)) return integerPart;
  if (separator === '') return null;
  const separators = separator === ' ' ? SPACE_SEPARATORS : separator;
  const groups = integerPart.split(new RegExp(`[${separators.replace(/[.']/g, '\\$&')}]`));
  const [head = '', ...tail] = groups;
  if (!/^\d{1,3}$/.test(head) || tail.length === 0 || !tail.every((group) => /^\d{3}$/.test(group)))
    return null;
  return groups.join('');
}

function exampleAmount(style: NumberStyle): string {
  const thousands = style.thousandsSeparator === '' ? '' : style.thousandsSeparator;
  return `-1${thousands}234${style.decimalSeparator}56`;
}

/** −amount, without ever making −0. */
export function negateMinor(amountMinor: number): number {
  return amountMinor === 0 ? 0 : -amountMinor;
}
