import { Alert, Anchor, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { toMinor } from '@shared/money.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDay, t, today } from '../../i18n/i18n';
import { formatDecimal, formatMoney } from '../../i18n/money';
import type { Party } from '../crm/api';
import {
  agedReceivables,
  type Invoice,
  invoiceKeys,
  listOrders,
  listPartnerInvoices,
  orderKeys,
} from './api';
import { InvoiceTable } from './invoice-rows';
import { OrderStateBadge } from './order-state';

const CUSTOMER_KINDS: readonly Invoice['kind'][] = ['customer_invoice', 'customer_credit_note'];

// The open balance is the aged-receivables report's line for this customer (it counts unallocated
// payments too). A role that may not read reports gets the sum of its invoices' amounts due.
function useOpenBalance(partyId: string, invoices: Invoice[] | undefined, showInvoices: boolean) {
  const aged = useQuery({
    queryKey: ['accounting.entry', 'aged-receivables', today()],
    queryFn: () => agedReceivables(today()),
    retry: false,
  });
  if (aged.data) {
    const line = aged.data.partners.find((p) => p.partnerId === partyId);
    return {
      fromReport: true,
      text: formatMoney(line?.totalMinor ?? 0, aged.data.currencyCode),
      overdue: line
        ? line.minor.days1to30 + line.minor.days31to60 + line.minor.days61to90 + line.minor.over90
        : 0,
      currency: aged.data.currencyCode,
    };
  }
  if (aged.isPending || (showInvoices && !invoices)) return null;
  if (!invoices) return { fromReport: false, text: '—', overdue: null, currency: '' };
  const posted = invoices.filter((i) => i.state === 'posted');
  const currency = posted[0]?.currencyCode ?? 'EUR';
  const sum = posted
    .filter((i) => i.currencyCode === currency)
    .reduce((s, i) => s + (i.kind === 'customer_credit_note' ? -1 : 1) * toMinor(i.amountDue, currency), 0);
  return { fromReport: false, text: formatMoney(sum, currency), overdue: null, currency };
}

function CustomerOrders({ partyId }: { partyId: string }) {
  const orders = useQuery({
    queryKey: orderKeys.list({ customerId: partyId }),
    queryFn: () => listOrders({ customerId: partyId }, 50),
  });
  if (orders.isPending) return <Loader size="sm" role="status" aria-label={t('app.loading')} />;
  if (orders.isError)
    return (
      <Alert color="red" role="alert">
        {orders.error.message}
      </Alert>
    );
  if (orders.data.data.length === 0) return <Text c="dimmed">{t('sales.customer.noOrders')}</Text>;
  return (
    <Table aria-label={t('sales.customer.orders')} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('sales.col.number')}</Table.Th>
          <Table.Th>{t('sales.col.date')}</Table.Th>
          <Table.Th>{t('sales.col.state')}</Table.Th>
          <Table.Th ta="right">{t('sales.col.total')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {orders.data.data.map((o) => (
          <Table.Tr key={o.id}>
            <Table.Td>
              <Anchor component={Link} to={`/sales/orders/${o.id}`}>
                {o.number}
              </Anchor>
            </Table.Td>
            <Table.Td>{formatDay(o.orderDate)}</Table.Td>
            <Table.Td>
              <OrderStateBadge state={o.state} />
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatDecimal(o.total, o.currencyCode)} {o.currencyCode}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** On a customer's record: what they may owe, what they owe now, their orders and invoices. */
export function CustomerSales({ party, showInvoices }: { party: Party; showInvoices: boolean }) {
  const invoices = useQuery({
    queryKey: invoiceKeys.ofPartner(party.id),
    queryFn: () => listPartnerInvoices(party.id),
    select: (page) => page.data.filter((i) => CUSTOMER_KINDS.includes(i.kind)),
    enabled: showInvoices,
  });
  const balance = useOpenBalance(party.id, invoices.data, showInvoices);
  return (
    <Stack gap="xs" mt="xl" component="section" aria-labelledby="customer-sales">
      <Title order={2} size="h3" id="customer-sales">
        {t('sales.customer.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" maw={900}>
        <div>
          <Text size="xs" c="dimmed" fw={700} tt="uppercase" component="dt">
            {t('sales.customer.balance')}
          </Text>
          <Text component="dd" m={0} fw={700} data-testid="customer-balance">
            {balance ? balance.text : '…'}
          </Text>
          {balance?.overdue ? (
            <Text component="dd" m={0} size="sm" c="red">
              {t('sales.customer.overdue', { amount: formatMoney(balance.overdue, balance.currency) })}
            </Text>
          ) : null}
          {balance && !balance.fromReport && invoices.data && (
            <Text component="dd" m={0} size="xs" c="dimmed">
              {t('sales.customer.balanceFromInvoices')}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={700} tt="uppercase" component="dt">
            {t('sales.customer.creditLimit')}
          </Text>
          <Text component="dd" m={0}>
            {party.creditLimit ?? t('sales.customer.noLimit')}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={700} tt="uppercase" component="dt">
            {t('sales.customer.paymentTerms')}
          </Text>
          <Text component="dd" m={0}>
            {party.paymentTermDays === null || party.paymentTermDays === undefined
              ? t('sales.customer.defaultTerms')
              : t('sales.customer.days', { days: party.paymentTermDays })}
          </Text>
        </div>
      </SimpleGrid>
      <Title order={3} size="h4" mt="md">
        {t('sales.customer.orders')}
      </Title>
      <CustomerOrders partyId={party.id} />
      {showInvoices && (
        <Title order={3} size="h4" mt="md">
          {t('sales.customer.invoices')}
        </Title>
      )}
      {showInvoices && invoices.isPending && <Loader size="sm" role="status" aria-label={t('app.loading')} />}
      {invoices.isError && (
        <Alert color="red" role="alert">
          {invoices.error.message}
        </Alert>
      )}
      {invoices.data && <InvoiceTable invoices={invoices.data} label={t('sales.customer.invoices')} />}
    </Stack>
  );
}
