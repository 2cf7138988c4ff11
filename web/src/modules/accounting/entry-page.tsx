import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { formatDateTime, formatDay, t } from '../../i18n/i18n';
import { formatAmount } from '../../i18n/money';
import { PageTitle } from '../../layout/shell';
import { useAccountNames } from './account-names';
import { journalsQuery } from './api';
import { entryQuery, type JournalEntry, reversalQuery } from './entries-api';
import { usePartyNames } from './party-names';
import { ReverseDialog } from './reverse-dialog';

export function EntryPage() {
  const { id = '' } = useParams();
  const entry = useQuery(entryQuery(id));
  if (entry.isPending) return <Loader aria-label={t('app.loading')} />;
  if (entry.isError)
    return (
      <Alert color="red" role="alert">
        {isProblem(entry.error) && entry.error.status === 404 ? t('entry.notFound') : entry.error.message}
      </Alert>
    );
  return <Entry entry={entry.data} />;
}

function Entry({ entry }: { entry: JournalEntry }) {
  const [reversing, setReversing] = useState(false);
  const journals = useQuery(journalsQuery);
  const reversal = useQuery(reversalQuery(entry));
  const original = useQuery({
    ...entryQuery(entry.reversesEntryId ?? ''),
    enabled: entry.reversesEntryId !== null,
  });
  const journal = journals.data?.find((j) => j.id === entry.journalId);
  const number = entry.number ?? '';
  const canReverse = entry.reversesEntryId === null && reversal.isSuccess && reversal.data === null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="start">
        <PageTitle>{t('entry.title', { number })}</PageTitle>
        {canReverse && (
          <Button variant="default" onClick={() => setReversing(true)}>
            {t('entry.reverse')}
          </Button>
        )}
      </Group>
      {reversal.data && (
        <Alert color="orange" role="status">
          {t('entry.reversedBy')}{' '}
          <Anchor component={Link} to={`/accounting/entries/${reversal.data.id}`}>
            {reversal.data.number}
          </Anchor>
        </Alert>
      )}
      {entry.reversesEntryId && (
        <Alert color="blue" role="status">
          {t('entry.reverses')}{' '}
          <Anchor component={Link} to={`/accounting/entries/${entry.reversesEntryId}`}>
            {original.data?.number ?? t('entry.original')}
          </Anchor>
          {entry.reversalReason ? ` · ${t('entry.reason', { reason: entry.reversalReason })}` : ''}
        </Alert>
      )}
      <EntryFacts entry={entry} journal={journal ? `${journal.code} · ${journal.name}` : ''} />
      <EntryLines entry={entry} />
      {reversing && <ReverseDialog entry={entry} onClose={() => setReversing(false)} />}
    </Stack>
  );
}

function EntryFacts({ entry, journal }: { entry: JournalEntry; journal: string }) {
  const facts: [string, string][] = [
    [t('entry.field.date'), formatDay(entry.date)],
    [t('entry.field.journal'), journal],
    [t('entry.field.description'), entry.description],
    [t('entry.field.reference'), entry.reference ?? '—'],
    [t('entry.field.postedAt'), formatDateTime(entry.postedAt)],
  ];
  return (
    <dl className="facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function EntryLines({ entry }: { entry: JournalEntry }) {
  const accountNames = useAccountNames();
  const partyNames = usePartyNames(entry.lines.flatMap((line) => line.partnerId ?? []));
  const money = (minor: number) => (minor === 0 ? '' : formatAmount(minor, entry.currencyCode));
  const credits = entry.lines.reduce((sum, line) => sum + line.creditMinor, 0);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('entry.lines')}>
        <Table.Caption>{t('entry.amountsIn', { currency: entry.currencyCode })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('entry.col.account')}</Table.Th>
            <Table.Th>{t('entry.col.partner')}</Table.Th>
            <Table.Th>{t('entry.col.description')}</Table.Th>
            <Table.Th ta="right">{t('entry.col.debit')}</Table.Th>
            <Table.Th ta="right">{t('entry.col.credit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entry.lines.map((line) => (
            <Table.Tr key={line.id}>
              <Table.Td>
                <Text span ff="monospace" size="sm">
                  {line.accountCode}
                </Text>{' '}
                {accountNames.get(line.accountId) ?? ''}
              </Table.Td>
              <Table.Td>{line.partnerId ? (partyNames.get(line.partnerId) ?? '…') : ''}</Table.Td>
              <Table.Td>{line.description}</Table.Td>
              <Table.Td ta="right" className="amount">
                {money(line.debitMinor)}
              </Table.Td>
              <Table.Td ta="right" className="amount">
                {money(line.creditMinor)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Th scope="row" colSpan={3}>
              {t('entry.total')}
            </Table.Th>
            <Table.Td ta="right" className="amount">
              {formatAmount(entry.totalMinor, entry.currencyCode)}
            </Table.Td>
            <Table.Td ta="right" className="amount">
              {formatAmount(credits, entry.currencyCode)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
