import { Alert, Badge, Card, Group, Loader, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatDay, formatMonth, t } from '../../i18n/i18n';
import { PageTitle } from '../../layout/shell';
import { accountingKeys, type FiscalYear, fiscalYearsQuery, type Period, setPeriodLocked } from './api';
import { LockDateForm } from './lock-date-form';

export function FiscalYearsPage() {
  const years = useQuery(fiscalYearsQuery);
  return (
    <Stack gap="lg">
      <PageTitle>{t('fiscalYears.title')}</PageTitle>
      <LockDateForm />
      {years.isPending && <Loader aria-label={t('app.loading')} />}
      {years.isError && (
        <Alert color="red" role="alert">
          {years.error.message}
        </Alert>
      )}
      {years.data?.map((year) => (
        <FiscalYearCard key={year.id} year={year} />
      ))}
    </Stack>
  );
}

function FiscalYearCard({ year }: { year: FiscalYear }) {
  const headingId = `fiscal-year-${year.id}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          {t('fiscalYears.year', { name: year.name })}
        </Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('fiscalYears.range', { from: formatDay(year.startDate), to: formatDay(year.endDate) })}
          </Text>
          {year.closed && <Badge color="gray">{t('fiscalYears.closed')}</Badge>}
        </Group>
      </Group>
      <Table aria-labelledby={headingId} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fiscalYears.col.period')}</Table.Th>
            <Table.Th>{t('fiscalYears.col.from')}</Table.Th>
            <Table.Th>{t('fiscalYears.col.to')}</Table.Th>
            <Table.Th>{t('fiscalYears.col.locked')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {year.periods.map((period) => (
            <PeriodRow key={period.id} period={period} disabled={year.closed} />
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function PeriodRow({ period, disabled }: { period: Period; disabled: boolean }) {
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (locked: boolean) => setPeriodLocked(period.id, locked),
    onSuccess: (year) =>
      queryClient.setQueryData<FiscalYear[]>(accountingKeys.fiscalYears, (years) =>
        years?.map((y) => (y.id === year.id ? year : y)),
      ),
  });
  const month = formatMonth(period.startDate);
  const locked = toggle.isPending ? toggle.variables : period.locked;
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {month}
      </Table.Th>
      <Table.Td>{formatDay(period.startDate)}</Table.Td>
      <Table.Td>{formatDay(period.endDate)}</Table.Td>
      <Table.Td>
        <Group gap="sm">
          <Switch
            checked={locked}
            onChange={(e) => toggle.mutate(e.currentTarget.checked)}
            disabled={disabled || toggle.isPending}
            aria-label={t('fiscalYears.lockPeriod', { period: month })}
            error={toggle.isError ? toggle.error.message : undefined}
          />
          {locked && (
            <Badge color="red.9" variant="filled">
              {t('fiscalYears.locked')}
            </Badge>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
