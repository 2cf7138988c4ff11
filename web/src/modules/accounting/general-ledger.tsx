import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { downloadText, toCsv } from '../../components/csv';
import { formatDay, formatNumber, t } from '../../i18n/i18n';
import { formatAmount, formatDecimal } from '../../i18n/money';
import { PageTitle } from '../../layout/shell';
import { AccountPicker } from './account-picker';
import { RangeFields, useReportRange } from './report-range';
import {
  type DateRange,
  type GeneralLedger,
  generalLedger,
  type LedgerLine,
  reportKeys,
} from './reports-api';

const HEADERS = () => [
  t('generalLedger.col.date'),
  t('generalLedger.col.number'),
  t('generalLedger.col.description'),
  t('generalLedger.col.debit'),
  t('generalLedger.col.credit'),
  t('generalLedger.col.balance'),
];

// The CSV carries the exact decimal strings of the API, the opening balance first.
function exportCsv(first: GeneralLedger, lines: LedgerLine[]) {
  const rows = [
    [first.from, '', t('generalLedger.opening'), '', '', first.opening],
    ...lines.map((l) => [l.date, l.entryNumber ?? '', l.description, l.debit, l.credit, l.balance]),
  ];
  downloadText(`general-ledger-${first.account.code}-${first.from}-${first.to}.csv`, toCsv(HEADERS(), rows));
}

export function GeneralLedgerPage() {
  const { range, params, setParam } = useReportRange();
  const accountId = params.get('accountId');
  return (
    <Stack gap={0}>
      <PageTitle>{t('generalLedger.title')}</PageTitle>
      <RangeFields range={range} setParam={setParam}>
        <AccountPicker
          label={t('generalLedger.account')}
          value={accountId}
          onChange={(value) => setParam('accountId', value)}
          w={320}
        />
      </RangeFields>
      {accountId ? (
        <Ledger accountId={accountId} range={range} />
      ) : (
        <Text c="dimmed">{t('generalLedger.chooseAccount')}</Text>
      )}
    </Stack>
  );
}

function Ledger({ accountId, range }: { accountId: string; range: DateRange }) {
  const query = useInfiniteQuery({
    queryKey: reportKeys.generalLedger(accountId, range),
    queryFn: ({ pageParam }) => generalLedger(accountId, range, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  if (query.isPending) return <Loader aria-label={t('app.loading')} />;
  if (query.isError)
    return (
      <Alert color="red" role="alert">
        {query.error.message}
      </Alert>
    );
  const first = query.data.pages[0]!;
  const lines = query.data.pages.flatMap((page) => page.lines);
  const money = (minor: number) => formatAmount(minor, first.currencyCode);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={700} size="lg" component="h2">
          {first.account.code} {first.account.name}
        </Text>
        <Button variant="default" onClick={() => exportCsv(first, lines)}>
          {t('table.exportCsv')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table
          striped
          aria-label={t('generalLedger.tableLabel', { code: first.account.code })}
          aria-busy={query.isFetching}
        >
          <Table.Caption>{t('report.amountsIn', { currency: first.currencyCode })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {HEADERS().map((header, i) => (
                <Table.Th key={header} ta={i >= 3 ? 'right' : undefined}>
                  {header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr fw={600}>
              <Table.Td>{formatDay(first.from)}</Table.Td>
              <Table.Td />
              <Table.Td>{t('generalLedger.opening')}</Table.Td>
              <Table.Td />
              <Table.Td />
              <Table.Td ta="right" className="amount">
                {money(first.openingMinor)}
              </Table.Td>
            </Table.Tr>
            {lines.map((line) => (
              <Table.Tr key={line.lineId}>
                <Table.Td>{formatDay(line.date)}</Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/accounting/entries/${line.entryId}`}
                    ff="monospace"
                    size="sm"
                  >
                    {line.entryNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>{line.description}</Table.Td>
                <Table.Td ta="right" className="amount">
                  {formatDecimal(line.debit, first.currencyCode, { blankZero: true })}
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {formatDecimal(line.credit, first.currencyCode, { blankZero: true })}
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {money(line.balanceMinor)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {lines.length === 0 && <Text c="dimmed">{t('report.empty')}</Text>}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('table.rows', { count: formatNumber(lines.length) })}
        </Text>
        {query.hasNextPage && (
          <Button
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('table.loadMore')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
