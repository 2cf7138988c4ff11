import { Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Column, DataTable } from '../../components/data-table';
import { formatDay, t } from '../../i18n/i18n';
import { formatAmount } from '../../i18n/money';
import { PageTitle } from '../../layout/shell';
import { journalsQuery } from './api';
import { type EntryFilters, entryKeys, type JournalEntry, listEntries } from './entries-api';
import { JournalSelect } from './journal-select';

function useColumns(): Column<JournalEntry>[] {
  const journals = useQuery(journalsQuery);
  const journalCode = (id: string) => journals.data?.find((j) => j.id === id)?.code ?? '';
  return [
    {
      key: 'date',
      header: t('entries.col.date'),
      sort: 'date',
      render: (e) => <Text size="sm">{formatDay(e.date)}</Text>,
      text: (e) => e.date,
    },
    {
      key: 'number',
      header: t('entries.col.number'),
      render: (e) => (
        <Anchor component={Link} to={`/accounting/entries/${e.id}`} tabIndex={-1} ff="monospace" size="sm">
          {e.number}
        </Anchor>
      ),
      text: (e) => e.number ?? '',
    },
    {
      key: 'journal',
      header: t('entries.col.journal'),
      render: (e) => journalCode(e.journalId),
      text: (e) => journalCode(e.journalId),
    },
    {
      key: 'description',
      header: t('entries.col.description'),
      render: (e) => e.description,
      text: (e) => e.description,
    },
    {
      key: 'total',
      header: t('entries.col.total'),
      align: 'right',
      render: (e) => <span className="amount">{formatAmount(e.totalMinor, e.currencyCode)}</span>,
      text: (e) => e.total,
    },
  ];
}

export function EntriesListPage() {
  const navigate = useNavigate();
  // Filters live in the address, so a filtered list can be linked to and comes back on Back.
  const [params, setParams] = useSearchParams();
  const filters: EntryFilters = {
    journalId: params.get('journalId') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  };
  const setFilter = (name: keyof EntryFilters, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const columns = useColumns();
  return (
    <Stack gap={0}>
      <Group justify="space-between" align="start">
        <PageTitle>{t('entries.title')}</PageTitle>
        <Button component={Link} to="/accounting/entries/new">
          {t('entries.new')}
        </Button>
      </Group>
      <DataTable<JournalEntry>
        label={t('entries.title')}
        queryKey={entryKeys.list(filters)}
        fetchPage={(request) => listEntries(request, filters)}
        columns={columns}
        rowKey={(e) => e.id}
        onOpen={(e) => void navigate(`/accounting/entries/${e.id}`)}
        defaultSort="-date"
        csvFileName="journal-entries.csv"
        filters={
          <Group align="end">
            <JournalSelect
              label={t('entries.filter.journal')}
              anyLabel={t('entries.filter.allJournals')}
              value={filters.journalId ?? null}
              onChange={(value) => setFilter('journalId', value)}
              w={240}
            />
            <TextInput
              type="date"
              label={t('entries.filter.from')}
              value={filters.from ?? ''}
              onChange={(e) => setFilter('from', e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label={t('entries.filter.to')}
              value={filters.to ?? ''}
              onChange={(e) => setFilter('to', e.currentTarget.value)}
            />
          </Group>
        }
      />
    </Stack>
  );
}
