import { ActionIcon, Button, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { currencyDecimals } from '@shared/money.ts';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { t } from '../../i18n/i18n';
import { AccountPicker } from './account-picker';
import type { AmountProblem } from './entry-lines';
import { PartnerPicker } from './partner-picker';
import type { EntryForm } from './use-entry-form';

function amountMessage(problem: AmountProblem | undefined, currency: string): string | undefined {
  if (problem === 'not_a_number') return t('newEntry.amount.invalid');
  if (problem === 'too_many_decimals')
    return t('newEntry.amount.tooManyDecimals', { digits: currencyDecimals(currency), currency });
  return undefined;
}

/**
 * The editable lines of a new entry, one row per line. Tab moves from cell to cell (a typed
 * account code and Tab picks the account); Enter adds a line below with what is missing to
 * balance, and moves there.
 */
export function LinesGrid({ form, currency }: { form: EntryForm; currency: string }) {
  const [focusKey, setFocusKey] = useState<string | null>(null);
  // Focus the account of a line just added, once it is on the page.
  useEffect(() => {
    if (!focusKey) return;
    document.querySelector<HTMLInputElement>(`[data-line="${focusKey}"] [data-cell="account"]`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  function onRowKeyDown(event: KeyboardEvent<HTMLTableRowElement>, key: string) {
    // An open account list takes its own Enter (choosing the highlighted account).
    if (event.key !== 'Enter' || event.defaultPrevented || event.nativeEvent.isComposing) return;
    if ((event.target as HTMLElement).closest('button')) return;
    event.preventDefault();
    setFocusKey(form.addLineAfter(key));
  }

  const error = (key: string, field: string) => form.errors[`lines.${key}.${field}`];
  return (
    <div>
      <Table.ScrollContainer minWidth={900}>
        <Table aria-label={t('newEntry.lines')} verticalSpacing={4} className="lines-grid">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              <Table.Th w="26%">{t('entry.col.account')}</Table.Th>
              <Table.Th w="20%">{t('entry.col.partner')}</Table.Th>
              <Table.Th>{t('entry.col.description')}</Table.Th>
              <Table.Th w={140} ta="right">
                {t('entry.col.debit')}
              </Table.Th>
              <Table.Th w={140} ta="right">
                {t('entry.col.credit')}
              </Table.Th>
              <Table.Th w={48}>
                <VisuallyHidden>{t('newEntry.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {form.lines.map((line, index) => {
              const n = index + 1;
              return (
                <Table.Tr key={line.key} data-line={line.key} onKeyDown={(e) => onRowKeyDown(e, line.key)}>
                  <Table.Td c="dimmed">{n}</Table.Td>
                  <Table.Td>
                    <AccountPicker
                      aria-label={t('newEntry.line.account', { n })}
                      data-cell="account"
                      value={line.accountId}
                      onChange={(accountId) => form.updateLine(line.key, { accountId })}
                      error={error(line.key, 'accountId')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <PartnerPicker
                      aria-label={t('newEntry.line.partner', { n })}
                      value={line.partnerId}
                      onChange={(partnerId) => form.updateLine(line.key, { partnerId })}
                      error={error(line.key, 'partnerId')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('newEntry.line.description', { n })}
                      value={line.description}
                      onChange={(e) => form.updateLine(line.key, { description: e.currentTarget.value })}
                      error={error(line.key, 'description')}
                    />
                  </Table.Td>
                  {(['debit', 'credit'] as const).map((side) => (
                    <Table.Td key={side}>
                      <TextInput
                        aria-label={t(`newEntry.line.${side}`, { n })}
                        inputMode="decimal"
                        autoComplete="off"
                        classNames={{ input: 'amount-input' }}
                        value={line[side]}
                        onChange={(e) => form.updateLine(line.key, { [side]: e.currentTarget.value })}
                        error={
                          amountMessage(form.totals.invalid.get(`${line.key}.${side}`), currency) ??
                          error(line.key, side)
                        }
                      />
                    </Table.Td>
                  ))}
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('newEntry.removeLine', { n })}
                      title={t('newEntry.removeLine', { n })}
                      onClick={() => form.removeLine(line.key)}
                      disabled={form.lines.length <= 1}
                    >
                      <span aria-hidden="true">✕</span>
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Button variant="default" mt="xs" onClick={() => setFocusKey(form.addLineAfter(null))}>
        {t('newEntry.addLine')}
      </Button>
    </div>
  );
}
