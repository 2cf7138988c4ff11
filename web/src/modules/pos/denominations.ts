import { currencyDecimals } from '@shared/money.ts';

// Notes and coins in the drawer, in minor units, largest first. Currencies not listed count in
// the euro's series scaled to their decimals, which is right for most and close enough to count by.
const SERIES: Record<string, number[]> = {
  EUR: [50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  CHF: [100000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5],
  GBP: [5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  USD: [10000, 5000, 2000, 1000, 500, 100, 25, 10, 5, 1],
};

export function denominationsOf(currency: string): number[] {
  const series = SERIES[currency];
  if (series) return series;
  const scale = 10 ** (currencyDecimals(currency) - 2);
  return SERIES.EUR!.map((minor) => minor * scale).filter((minor) => Number.isInteger(minor) && minor >= 1);
}
