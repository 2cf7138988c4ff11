import { Alert, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { t } from '../i18n/i18n';
import { formatMoney } from '../i18n/money';

type DaySummary = components['schemas']['PosDaySummary'];

// Under the sale aggregate's type, so every sale or refund at a till refreshes it live.
const todayQuery = {
  queryKey: ['pos.sale', 'summary', 'today'] as const,
  queryFn: async (): Promise<DaySummary | null> => {
    const result = await api.GET('/api/v1/pos/summary');
    // A role that may not see the tills' takings simply gets no figure.
    if (result.response.status === 403) return null;
    return unwrap(Promise.resolve(result));
  },
};

function TodayAtTheTills({ summary }: { summary: DaySummary }) {
  return (
    <Card withBorder padding="lg" aria-labelledby="today-takings">
      <Text id="today-takings" size="sm" c="dimmed" fw={600} tt="uppercase">
        {t('home.takings')}
      </Text>
      <Text fz={36} fw={700} data-testid="today-total">
        {formatMoney(summary.totalMinor, summary.currencyCode)}
      </Text>
      <Text size="sm">{t('home.counts', { sales: summary.sales, returns: summary.returns })}</Text>
      {summary.registers.length > 0 && (
        <Table mt="md" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('home.register')}</Table.Th>
              <Table.Th ta="right">{t('home.salesColumn')}</Table.Th>
              <Table.Th ta="right">{t('home.totalColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.registers.map((r) => (
              <Table.Tr key={r.registerId}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td ta="right">{r.sales}</Table.Td>
                <Table.Td ta="right">{r.total}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** The first screen after sign-in: today's figures, moving as sales happen. */
export function HomePage() {
  const today = useQuery(todayQuery);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('home.title')}
      </Title>
      {today.isPending && (
        <Group>
          <Loader size="sm" />
          <Text>{t('app.loading')}</Text>
        </Group>
      )}
      {today.isError && <Alert color="red">{t('app.error')}</Alert>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {today.data && <TodayAtTheTills summary={today.data} />}
      </SimpleGrid>
      {today.data === null && <Text>{t('home.welcome')}</Text>}
    </Stack>
  );
}
