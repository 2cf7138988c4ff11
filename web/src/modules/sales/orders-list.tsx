import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type Column, DataTable, type PageRequest } from '../../components/data-table';
import { formatDay, t } from '../../i18n/i18n';
import { formatDecimal } from '../../i18n/money';
import { PageTitle } from '../../layout/shell';
import { PartnerPicker } from '../accounting/partner-picker';
import { usePartyNames } from '../accounting/party-names';
import { listOrders, ORDER_STATES, type OrderState, orderKeys, type SalesOrder } from './api';
import { OrderStateBadge, stateLabel } from './order-state';

type Filters = { state?: OrderState | undefined; customerId?: string | undefined };

// The route answers the newest 200 orders at most, without pages or search; the search box
// narrows those by number or customer reference here.
async function fetchOrders(filters: Filters, request: PageRequest) {
  const { data } = await listOrders(filters);
  const q = request.q?.toLowerCase();
  const found = q
    ? data.filter((o) => o.number.toLowerCase().includes(q) || o.customerReference?.toLowerCase().includes(q))
    : data;
  return { data: found, page: { nextCursor: null, limit: request.limit } };
}

function orderColumns(names: Map<string, string>): Column<SalesOrder>[] {
  const customer = (o: SalesOrder) => names.get(o.customerId) ?? '';
  return [
    {
      key: 'number',
      header: t('sales.col.number'),
      render: (o) => (
        <Anchor component={Link} to={`/sales/orders/${o.id}`} tabIndex={-1}>
          {o.number}
        </Anchor>
      ),
      text: (o) => o.number,
    },
    { key: 'customer', header: t('sales.col.customer'), render: customer, text: customer },
    {
      key: 'date',
      header: t('sales.col.date'),
      render: (o) => formatDay(o.orderDate),
      text: (o) => o.orderDate,
    },
    {
      key: 'state',
      header: t('sales.col.state'),
      render: (o) => <OrderStateBadge state={o.state} />,
      text: (o) => stateLabel(o.state),
    },
    {
      key: 'total',
      header: t('sales.col.total'),
      align: 'right',
      render: (o) => (
        <Text size="sm" ff="monospace">
          {`${formatDecimal(o.total, o.currencyCode)} ${o.currencyCode}`}
        </Text>
      ),
      text: (o) => o.total,
    },
  ];
}

export function OrdersListPage() {
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const [shown, setShown] = useState<string[]>([]);
  const names = usePartyNames(shown);
  const columns = useMemo(() => orderColumns(names), [names]);
  return (
    <Stack gap={0}>
      <Group justify="space-between" align="start">
        <PageTitle>{t('sales.orders.title')}</PageTitle>
        <Button component={Link} to="/sales/orders/new">
          {t('sales.orders.new')}
        </Button>
      </Group>
      <DataTable<SalesOrder>
        label={t('sales.orders.title')}
        queryKey={orderKeys.list(filters)}
        fetchPage={async (request) => {
          const page = await fetchOrders(filters, request);
          setShown(page.data.map((o) => o.customerId));
          return page;
        }}
        columns={columns}
        rowKey={(o) => o.id}
        onOpen={(o) => void navigate(`/sales/orders/${o.id}`)}
        csvFileName="sales-orders.csv"
        filters={
          <>
            <Select
              label={t('sales.filter.state')}
              placeholder={t('sales.filter.anyState')}
              data={ORDER_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
              value={filters.state ?? null}
              onChange={(state) =>
                setFilters((f) => ({ ...f, state: (state as OrderState | null) ?? undefined }))
              }
              clearable
              w={180}
            />
            <PartnerPicker
              label={t('sales.filter.customer')}
              placeholder={t('sales.filter.anyCustomer')}
              partyRole="customer"
              value={filters.customerId ?? null}
              onChange={(customerId) => setFilters((f) => ({ ...f, customerId: customerId ?? undefined }))}
              w={240}
            />
          </>
        }
      />
    </Stack>
  );
}
