import type { StatementBalance } from './statement.ts';

type WithBalance = {
  bookingDate: string;
  amountMinor: number;
  currency: string;
  balanceMinor: number | null;
};

export type RunningBalances = { opening: StatementBalance; closing: StatementBalance } | null;

/**
 * Opening and closing balances from a running-balance column, when every row has one and they
 * follow the amounts either top-down (oldest first) or bottom-up (newest first, as many banks
 * export). Balances that do not follow the amounts are not trusted.
 */
export function runningBalances(lines: readonly WithBalance[]): RunningBalances {
  const [first] = lines;
  if (
    first === undefined ||
    lines.some((line) => line.balanceMinor === null || line.currency !== first.currency)
  )
    return null;
  const oldestFirst = followsAmounts(lines);
  const newestFirst = followsAmounts([...lines].reverse());
  const descendingDates = (lines.at(-1)?.bookingDate ?? '') < first.bookingDate;
  const chronological =
    oldestFirst && (!newestFirst || !descendingDates) ? lines : newestFirst ? [...lines].reverse() : null;
  if (chronological === null) return null;
  const start = chronological[0] as WithBalance;
  const end = chronological.at(-1) as WithBalance;
  return {
    opening: balance('RUNNING_OPENING', (start.balanceMinor ?? 0) - start.amountMinor, start),
    closing: balance('RUNNING_CLOSING', end.balanceMinor ?? 0, end),
  };
}

// Each balance is the one before it plus its own amount.
function followsAmounts(lines: readonly WithBalance[]): boolean {
  return lines.every((line, index) => {
    const previous = lines[index - 1];
    return previous === undefined || line.balanceMinor === (previous.balanceMinor ?? 0) + line.amountMinor;
  });
}

function balance(type: string, amountMinor: number, line: WithBalance): StatementBalance {
  return {
    type,
    amountMinor: amountMinor === 0 ? 0 : amountMinor,
    currency: line.currency,
    date: line.bookingDate,
  };
}
