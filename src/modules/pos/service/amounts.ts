import { currencyDecimals, toMinor } from '../../../shared/money.ts';
import { PosErrors } from '../errors.ts';

/** An amount typed at the till, in minor units; more decimals than the currency has is refused. */
export function amountMinor(value: string, currency: string, path: string): number {
  const decimals = value.includes('.') ? value.split('.')[1]!.length : 0;
  if (decimals > currencyDecimals(currency)) {
    const message = `${currency} has ${currencyDecimals(currency)} decimals; ${value} has ${decimals}`;
    throw PosErrors.payment_invalid(message, [{ path, message }]);
  }
  return toMinor(value, currency);
}
