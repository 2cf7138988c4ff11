// Money on screen uses the same rules as the server (src/shared/money.ts): integer minor units,
// the currency's own number of decimals, formatted for the user's locale.
import { formatMoney as formatMinor } from '@shared/money.ts';
import { locale } from './i18n';

export function formatMoney(amountMinor: number, currency: string): string {
  return formatMinor(amountMinor, currency, locale);
}
