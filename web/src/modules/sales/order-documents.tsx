import { Alert, Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { formatDateTime, t } from '../../i18n/i18n';
import { deliverySlipHtml, type SalesOrder } from './api';
import { InvoiceTable, useInvoices } from './invoice-rows';

type Delivery = SalesOrder['deliveries'][number];

/** The server's printable slip in a frame (a plain link would carry no credential), with Print. */
function SlipDialog({ delivery, onClose }: { delivery: Delivery; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const slip = useQuery({
    queryKey: ['sales.order', 'slip', delivery.id],
    queryFn: () => deliverySlipHtml(delivery.id),
    retry: false,
  });
  const title = t('sales.slip.title', { number: delivery.number });
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="xl"
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      <Stack>
        {slip.isPending && <Loader size="sm" role="status" aria-label={t('app.loading')} />}
        {slip.isError && (
          <Alert color="red" role="alert">
            {slip.error.message}
          </Alert>
        )}
        {slip.data && (
          <iframe
            ref={frame}
            title={title}
            srcDoc={slip.data}
            style={{
              width: '100%',
              height: 520,
              border: '1px solid var(--mantine-color-default-border)',
              background: '#fff',
            }}
          />
        )}
        <Group justify="flex-end">
          <Button
            variant="default"
            onClick={() => frame.current?.contentWindow?.print()}
            disabled={!slip.data}
          >
            {t('sales.slip.print')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Deliveries({ order }: { order: SalesOrder }) {
  const [open, setOpen] = useState<Delivery | null>(null);
  if (order.deliveries.length === 0) return <Text c="dimmed">{t('sales.deliveries.none')}</Text>;
  return (
    <>
      <Table aria-label={t('sales.deliveries.title')} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sales.col.number')}</Table.Th>
            <Table.Th>{t('sales.col.deliveredAt')}</Table.Th>
            <Table.Th>{t('sales.col.slip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.deliveries.map((delivery) => (
            <Table.Tr key={delivery.id}>
              <Table.Td>{delivery.number}</Table.Td>
              <Table.Td>{formatDateTime(delivery.deliveredAt)}</Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="subtle" onClick={() => setOpen(delivery)}>
                  {t('sales.slip.open', { number: delivery.number })}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && <SlipDialog delivery={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function Returns({ order }: { order: SalesOrder }) {
  if (order.returns.length === 0) return <Text c="dimmed">{t('sales.returns.none')}</Text>;
  return (
    <Table aria-label={t('sales.returns.title')} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('sales.col.number')}</Table.Th>
          <Table.Th>{t('sales.col.returnedAt')}</Table.Th>
          <Table.Th>{t('sales.col.reason')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {order.returns.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{r.number}</Table.Td>
            <Table.Td>{formatDateTime(r.returnedAt)}</Table.Td>
            <Table.Td>{r.reason}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Invoices({ order }: { order: SalesOrder }) {
  const creditNotes = order.returns.flatMap((r) => (r.creditNoteId ? [r.creditNoteId] : []));
  const ids = [...new Set([...order.invoiceIds, ...creditNotes])];
  const { invoices, error, pending } = useInvoices(ids);
  return (
    <>
      {pending && <Loader size="sm" role="status" aria-label={t('app.loading')} />}
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {!pending && <InvoiceTable invoices={invoices} label={t('sales.invoices.title')} />}
    </>
  );
}

/** What came of the order: deliveries (with their slips), returns, invoices and credit notes. */
export function OrderDocuments({ order }: { order: SalesOrder }) {
  const sections = [
    { id: 'deliveries', title: t('sales.deliveries.title'), body: <Deliveries order={order} /> },
    { id: 'invoices', title: t('sales.invoices.title'), body: <Invoices order={order} /> },
    { id: 'returns', title: t('sales.returns.title'), body: <Returns order={order} /> },
  ];
  return (
    <>
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={`order-${s.id}`}>
          <Title order={2} size="h4" mt="lg" mb="xs" id={`order-${s.id}`}>
            {s.title}
          </Title>
          {s.body}
        </section>
      ))}
    </>
  );
}
