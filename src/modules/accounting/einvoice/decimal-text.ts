// Decimal strings as UBL writes them (xs:decimal: "1000", "1000.00", "+.5", "-0") and as
// InvoiceDocument holds them. Reading never rounds: every value keeps its exact numeric value and
// only its spelling is made canonical, so two documents that say the same thing compare equal.
//
// - amounts: at least the currency's decimals ("1000" -> "1000.00" in EUR, "1000" in JPY); extra
//   decimals are kept only when they are not zero ("12.3450" -> "12.345"), because dropping a
//   non-zero digit would change the amount, and BR-DEC-* rejects such documents anyway.
// - quantities, prices and rates: no trailing fractional zeros ("25.00" -> "25", "1.500" -> "1.5").
// In both, no "+" sign, no leading zeros, and zero is never negative.

import { CURRENCY_DECIMALS } from '../../../shared/money.ts';

const XS_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

// EN 16931 amounts have at most two decimals (BR-DEC-*): the fallback for a code we do not know.
const DEFAULT_AMOUNT_DECIMALS = 2;

export class DecimalTextError extends RangeError {
  override name = 'DecimalTextError';
}

type Parts = { negative: boolean; whole: string; fraction: string };

function split(text: string): Parts {
  const match = XS_DECIMAL.exec(text.trim());
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || (whole === '' && fraction === '') || text.length > 100) {
    throw new DecimalTextError(`Not a decimal number: ${JSON.stringify(text.slice(0, 40))}`);
  }
  return { negative: match[1] === '-', whole: whole.replace(/^0+(?=\d)/, '') || '0', fraction };
}

function join({ negative, whole, fraction }: Parts): string {
  const isZero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && !isZero ? `-${body}` : body;
}

/** True when `text` is an xs:decimal lexical value. */
export function isDecimalText(text: string): boolean {
  try {
    split(text);
    return true;
  } catch {
    return false;
  }
}

/** A quantity, unit price or rate in canonical form: "25.00" -> "25", "+0.50" -> "0.5". */
export function canonicalDecimal(text: string): string {
  const parts = split(text);
  return join({ ...parts, fraction: parts.fraction.replace(/0+$/, '') });
}

/** The number of decimals of an ISO 4217 currency, 2 when the code is unknown. */
export function amountDecimals(currency: string): number {
  return Object.hasOwn(CURRENCY_DECIMALS, currency) ? CURRENCY_DECIMALS[currency]! : DEFAULT_AMOUNT_DECIMALS;
}

/** An amount with at least the currency's decimals, never rounded: "1000" -> "1000.00" (EUR). */
export function canonicalAmount(text: string, currency: string): string {
  const parts = split(text);
  const decimals = amountDecimals(currency);
  const significant = parts.fraction.replace(/0+$/, '');
  const fraction = significant.length >= decimals ? significant : significant.padEnd(decimals, '0');
  return join({ ...parts, fraction });
}
