import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { fromMinor } from '@shared/money.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { downloadText, toCsv } from '../../components/csv';
import { t } from '../../i18n/i18n';
import { formatAmount } from '../../i18n/money';
import { PageTitle } from '../../layout/shell';
import { RangeFields, useReportRange } from './report-range';
import { type DateRange, reportKeys, type TrialBalance, trialBalance } from './reports-api';

const HEADERS = () => [
  t('trialBalance.col.code'),
  t('trialBalance.col.name'),
  t('trialBalance.col.opening'),
  t('trialBalance.col.debit'),
  t('trialBalance.col.credit'),
  t('trialBalance.col.closing'),
];

// The CSV carries the exact decimal strings of the API ("-1234.50"), which every spreadsheet reads.
function exportCsv(report: TrialBalance) {
  const totals = report.totals;
  const decimal = (minor: number) => fromMinor(minor, report.currencyCode);
  const rows = report.accounts.map((row) => [
    row.code,
    row.name,
    row.opening,
    row.debit,
    row.credit,
    row.closing,
  ]);
  rows.push([
    t('trialBalance.totals'),
    '',
    decimal(totals.openingMinor),
    decimal(totals.debitMinor),
    decimal(totals.creditMinor),
    decimal(totals.closingMinor),
  ]);
  downloadText(`trial-balance-${report.from}-${report.to}.csv`, toCsv(HEADERS(), rows));
}

export function TrialBalancePage() {
  const { range, setParam } = useReportRange();
  const report = useQuery({
    queryKey: reportKeys.trialBalance(range),
    queryFn: () => trialBalance(range),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap={0}>
      <Group justify="space-between" align="start">
        <PageTitle>{t('trialBalance.title')}</PageTitle>
        <Button
          variant="default"
          disabled={!report.data}
          onClick={() => report.data && exportCsv(report.data)}
        >
          {t('table.exportCsv')}
        </Button>
      </Group>
      <RangeFields range={range} setParam={setParam} />
      {report.isPending && <Loader aria-label={t('app.loading')} />}
      {report.isError && (
        <Alert color="red" role="alert">
          {report.error.message}
        </Alert>
      )}
      {report.data && <TrialBalanceTable report={report.data} range={range} busy={report.isFetching} />}
    </Stack>
  );
}

function TrialBalanceTable({
  report,
  range,
  busy,
}: {
  report: TrialBalance;
  range: DateRange;
  busy: boolean;
}) {
  const navigate = useNavigate();
  const money = (minor: number) => formatAmount(minor, report.currencyCode);
  const ledgerOf = (accountId: string) =>
    `/accounting/reports/general-ledger?accountId=${accountId}&from=${range.from}&to=${range.to}`;
  const { totals } = report;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover aria-label={t('trialBalance.title')} aria-busy={busy}>
        <Table.Caption>{t('report.amountsIn', { currency: report.currencyCode })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {HEADERS().map((header, i) => (
              <Table.Th key={header} ta={i >= 2 ? 'right' : undefined}>
                {header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.accounts.map((row) => (
            <Table.Tr
              key={row.accountId}
              data-row
              onClick={(e) => {
                // The code is a link already (for the keyboard); the rest of the row opens it too.
                if (!(e.target as HTMLElement).closest('a')) void navigate(ledgerOf(row.accountId));
              }}
            >
              <Table.Td>
                <Anchor
                  component={Link}
                  to={ledgerOf(row.accountId)}
                  ff="monospace"
                  aria-label={t('trialBalance.openLedger', { code: row.code, name: row.name })}
                >
                  {row.code}
                </Anchor>
              </Table.Td>
              <Table.Td>{row.name}</Table.Td>
              {[row.openingMinor, row.debitMinor, row.creditMinor, row.closingMinor].map((minor, i) => (
                <Table.Td key={HEADERS()[i + 2]} ta="right" className="amount">
                  {money(minor)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} data-testid="trial-balance-totals">
            <Table.Th scope="row" colSpan={2}>
              {t('trialBalance.totals')}
            </Table.Th>
            {[totals.openingMinor, totals.debitMinor, totals.creditMinor, totals.closingMinor].map(
              (minor, i) => (
                <Table.Td
                  key={HEADERS()[i + 2]}
                  ta="right"
                  className="amount"
                  data-column={['opening', 'debit', 'credit', 'closing'][i]}
                >
                  {money(minor)}
                </Table.Td>
              ),
            )}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {report.accounts.length === 0 && <Text c="dimmed">{t('report.empty')}</Text>}
    </Table.ScrollContainer>
  );
}
