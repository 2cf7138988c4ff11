import { Group, Text } from '@mantine/core';
import { t } from '../../i18n/i18n';
import { formatAmount } from '../../i18n/money';
import type { Totals } from './entry-lines';

/** The live sums of the lines being typed and whether they balance, read out as they change. */
export function EntryTotals({
  totals,
  balanced,
  currency,
}: {
  totals: Totals;
  balanced: boolean;
  currency: string;
}) {
  const difference = totals.debitMinor - totals.creditMinor;
  const figure = (label: string, minor: number, testId: string) => (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
        {label}
      </Text>
      <Text className="amount" fw={600} data-testid={testId}>
        {formatAmount(minor, currency)}
      </Text>
    </div>
  );
  const status = balanced
    ? t('newEntry.balanced')
    : totals.invalid.size > 0
      ? t('newEntry.fixAmounts')
      : difference !== 0
        ? t('newEntry.unbalanced', { amount: formatAmount(Math.abs(difference), currency) })
        : t('newEntry.empty');
  return (
    <Group gap="xl" align="end" justify="flex-end">
      {figure(t('newEntry.totals.debit'), totals.debitMinor, 'total-debit')}
      {figure(t('newEntry.totals.credit'), totals.creditMinor, 'total-credit')}
      {figure(t('newEntry.totals.difference'), Math.abs(difference), 'total-difference')}
      <Text
        id="entry-balance"
        role="status"
        c={balanced ? undefined : 'dimmed'}
        fw={balanced ? 700 : 500}
        miw={220}
      >
        {balanced && <span aria-hidden="true">✓ </span>}
        {status}
      </Text>
    </Group>
  );
}
