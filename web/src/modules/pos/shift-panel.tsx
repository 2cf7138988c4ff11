import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { fromMinor, toMinor } from '@shared/money.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../i18n/i18n';
import { formatDecimal, formatMoney } from '../../i18n/money';
import { type CachedCatalogue, closeShift, posKeys, reportQuery, type ShiftReport } from './api';
import { denominationsOf } from './denominations';

function ReportTable({ report, label }: { report: ShiftReport; label: string }) {
  const c = report.currencyCode;
  const rows: [string, string][] = [
    [t('pos.report.sales'), String(report.sales)],
    [t('pos.report.gross'), formatDecimal(report.grossSales, c)],
    ...Object.entries(report.byMethod).map(([method, amount]): [string, string] => [
      t('pos.report.method', {
        method: method in METHODS ? t(METHODS[method as keyof typeof METHODS]) : method,
      }),
      formatDecimal(amount, c),
    ]),
    [t('pos.report.float'), formatDecimal(report.openingFloat, c)],
    [t('pos.report.cashIn'), formatDecimal(report.cashIn, c)],
    [t('pos.report.cashOut'), formatDecimal(report.cashOut, c)],
    [t('pos.report.expected'), formatDecimal(report.expectedCash, c)],
    ...(report.countedCash !== null
      ? [[t('pos.report.counted'), formatDecimal(report.countedCash, c)] as [string, string]]
      : []),
    ...(report.variance !== null
      ? [[t('pos.report.variance'), formatDecimal(report.variance, c)] as [string, string]]
      : []),
  ];
  return (
    <Table aria-label={label}>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th scope="row">{name}</Table.Th>
            <Table.Td ta="right" ff="monospace">
              {value}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const METHODS = {
  cash: 'pos.method.cash',
  card: 'pos.method.card',
  store_credit: 'pos.method.store_credit',
} as const;

/** The X report: the shift so far, without closing it. */
export function XReportButton({ shiftId }: { shiftId: string }) {
  const [opened, setOpened] = useState(false);
  const report = useQuery({ ...reportQuery(shiftId), enabled: opened });
  return (
    <>
      <Button size="md" variant="default" onClick={() => setOpened(true)}>
        {t('pos.xReport')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('pos.report.title')}
        closeButtonProps={{ 'aria-label': t('app.close') }}
      >
        {report.isPending && <Loader aria-label={t('app.loading')} />}
        {report.isError && (
          <Alert color="red" role="alert">
            {report.error.message}
          </Alert>
        )}
        {report.data && <ReportTable report={report.data} label={t('pos.report.title')} />}
      </Modal>
    </>
  );
}

/** Closing the shift: the drawer counted by denomination, against what the server expects. */
export function ShiftPanel({
  catalogue,
  shiftId,
  onDone,
}: {
  catalogue: CachedCatalogue;
  shiftId: string;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const currency = catalogue.register.currencyCode;
  const report = useQuery(reportQuery(shiftId));
  const [counts, setCounts] = useState<Record<number, number>>({});
  const close = useMutation({
    mutationFn: () =>
      closeShift(shiftId, {
        denominations: Object.fromEntries(
          Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([minor, n]) => [fromMinor(Number(minor), currency), n]),
        ),
      }),
  });
  const countedMinor = Object.entries(counts).reduce((sum, [minor, n]) => sum + Number(minor) * n, 0);
  const expectedMinor = report.data ? toMinor(report.data.expectedCash, currency) : null;
  if (close.data)
    return (
      <Card withBorder padding="lg" component="section" aria-labelledby="z-report">
        <Stack>
          <Title order={2} size="h3" id="z-report">
            {t('pos.close.closed')}
          </Title>
          <ReportTable report={close.data} label={t('pos.close.closed')} />
          <Button
            size="lg"
            onClick={() => {
              void queryClient.invalidateQueries({ queryKey: posKeys.catalogue(catalogue.register.id) });
              onDone();
            }}
          >
            {t('pos.close.back')}
          </Button>
        </Stack>
      </Card>
    );
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="close-shift">
      <Stack>
        <Title order={2} size="h3" id="close-shift">
          {t('pos.close.title')}
        </Title>
        <Text>{t('pos.close.intro')}</Text>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs">
          {denominationsOf(currency).map((minor) => {
            const label = formatMoney(minor, currency);
            return (
              <TextInput
                key={minor}
                label={label}
                aria-label={t('pos.close.count', { denomination: label })}
                value={counts[minor] ? String(counts[minor]) : ''}
                onChange={(e) => {
                  const n = Number.parseInt(e.currentTarget.value || '0', 10);
                  if (Number.isSafeInteger(n) && n >= 0 && n <= 100_000)
                    setCounts((c) => ({ ...c, [minor]: n }));
                }}
                inputMode="numeric"
                size="md"
              />
            );
          })}
        </SimpleGrid>
        <Group gap="xl" data-testid="pos-close-totals">
          <Text>
            {t('pos.report.expected')}:{' '}
            <strong>{expectedMinor === null ? '…' : formatMoney(expectedMinor, currency)}</strong>
          </Text>
          <Text>
            {t('pos.report.counted')}: <strong>{formatMoney(countedMinor, currency)}</strong>
          </Text>
          <Text>
            {t('pos.report.variance')}:{' '}
            <strong>
              {expectedMinor === null ? '…' : formatMoney(countedMinor - expectedMinor, currency)}
            </strong>
          </Text>
        </Group>
        {(close.isError || report.isError) && (
          <Alert color="red" role="alert">
            {(close.error ?? report.error)?.message}
          </Alert>
        )}
        <Group>
          <Button size="lg" color="red.9" onClick={() => close.mutate()} loading={close.isPending}>
            {t('pos.close.submit')}
          </Button>
          <Button size="lg" variant="default" onClick={onDone}>
            {t('pos.close.back')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
