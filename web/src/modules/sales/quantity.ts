// Quantities are decimal strings (up to 6 places); differences are exact, on scaled integers.
const SCALE = 6;

function scaled(decimal: string): bigint {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return BigInt(whole + fraction.padEnd(SCALE, '0').slice(0, SCALE));
}

function unscaled(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** a − b, exactly ("5" − "1.5" = "3.5"). */
export function minus(a: string, b: string): string {
  return unscaled(scaled(a) - scaled(b));
}

/** True when the decimal is above zero. */
export function positive(decimal: string): boolean {
  return scaled(decimal) > 0n;
}
