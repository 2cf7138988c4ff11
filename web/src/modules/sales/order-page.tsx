import { Alert, Anchor, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { isProblem } from '../../api/problem';
import { formatDay, t } from '../../i18n/i18n';
import { formatDecimal } from '../../i18n/money';
import { PageTitle } from '../../layout/shell';
import { usePartyNames } from '../accounting/party-names';
import { orderQuery, type SalesOrder } from './api';
import { OrderActions } from './order-actions';
import { OrderDocuments } from './order-documents';
import { OrderLines } from './order-lines';
import { OrderStateBadge } from './order-state';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} tt="uppercase" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

function OrderHeader({ order }: { order: SalesOrder }) {
  const customer = usePartyNames([order.customerId]).get(order.customerId);
  const money = (decimal: string) => `${formatDecimal(decimal, order.currencyCode)} ${order.currencyCode}`;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" mb="md" data-testid="order-header">
      <Fact label={t('sales.col.customer')}>
        <Anchor component={Link} to={`/crm/parties/${order.customerId}`}>
          {customer ?? t('sales.order.customerLink')}
        </Anchor>
      </Fact>
      <Fact label={t('sales.col.date')}>{formatDay(order.orderDate)}</Fact>
      <Fact label={t('sales.field.validUntil')}>{order.validUntil ? formatDay(order.validUntil) : '—'}</Fact>
      <Fact label={t('sales.field.customerReference')}>{order.customerReference ?? '—'}</Fact>
      <Fact label={t('sales.field.invoicePolicy')}>{t(`sales.invoicePolicy.${order.invoicePolicy}`)}</Fact>
      <Fact label={t('sales.col.net')}>{money(order.net)}</Fact>
      <Fact label={t('sales.col.tax')}>{money(order.tax)}</Fact>
      <Fact label={t('sales.col.total')}>
        <Text fw={700} span data-testid="order-total">
          {money(order.total)}
        </Text>
      </Fact>
    </SimpleGrid>
  );
}

export function OrderPage() {
  const { id = '' } = useParams();
  const order = useQuery(orderQuery(id));
  if (order.isPending) return <Loader role="status" aria-label={t('app.loading')} />;
  if (order.isError)
    return (
      <Alert color="red" role="alert">
        {isProblem(order.error) && order.error.status === 404
          ? t('sales.order.notFound')
          : order.error.message}
      </Alert>
    );
  const data = order.data;
  return (
    <Stack gap={0}>
      <Group gap="sm" align="center">
        <PageTitle>
          {t(data.state === 'quotation' ? 'sales.order.quotationTitle' : 'sales.order.title', {
            number: data.number,
          })}
        </PageTitle>
        <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
          <OrderStateBadge state={data.state} />
        </div>
      </Group>
      <OrderHeader order={data} />
      <OrderActions order={data} />
      {data.note && (
        <Text size="sm" mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {data.note}
        </Text>
      )}
      <OrderLines order={data} />
      <OrderDocuments order={data} />
    </Stack>
  );
}
