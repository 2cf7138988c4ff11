import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatDay, t } from '../../i18n/i18n';
import { formatDecimal } from '../../i18n/money';
import { type Invoice, invoiceQuery } from './api';

// Filled shades whose white text passes WCAG AA contrast (4.5:1).
const PAYMENT_COLOURS: Record<Invoice['paymentState'], string> = {
  not_due: 'gray.7',
  unpaid: 'red.9',
  partial: 'grape.9',
  paid: 'teal.9',
};

export const kindLabel = (invoice: Invoice) =>
  invoice.kind === 'customer_credit_note' ? t('sales.invoice.creditNote') : t('sales.invoice.invoice');

/** Invoices and credit notes as rows: number (to its journal entry), kind, date, total, due, state. */
export function InvoiceTable({ invoices, label }: { invoices: Invoice[]; label: string }) {
  if (invoices.length === 0) return <Text c="dimmed">{t('sales.invoices.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={label} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sales.col.number')}</Table.Th>
            <Table.Th>{t('sales.col.kind')}</Table.Th>
            <Table.Th>{t('sales.col.date')}</Table.Th>
            <Table.Th ta="right">{t('sales.col.total')}</Table.Th>
            <Table.Th ta="right">{t('sales.col.amountDue')}</Table.Th>
            <Table.Th>{t('sales.col.payment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => (
            <Table.Tr key={invoice.id}>
              <Table.Td>
                {invoice.entryId ? (
                  // No invoice screen yet: its journal entry is what the books show of it.
                  <Anchor component={Link} to={`/accounting/entries/${invoice.entryId}`}>
                    {invoice.number ?? t('sales.invoice.draft')}
                  </Anchor>
                ) : (
                  (invoice.number ?? t('sales.invoice.draft'))
                )}
              </Table.Td>
              <Table.Td>{kindLabel(invoice)}</Table.Td>
              <Table.Td>{invoice.invoiceDate ? formatDay(invoice.invoiceDate) : ''}</Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatDecimal(invoice.total, invoice.currencyCode)} {invoice.currencyCode}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatDecimal(invoice.amountDue, invoice.currencyCode)}
              </Table.Td>
              <Table.Td>
                <Badge color={PAYMENT_COLOURS[invoice.paymentState]}>
                  {t(`sales.payment.${invoice.paymentState}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The invoices with these ids, as far as they have loaded; the first refusal, if any. */
export function useInvoices(ids: readonly string[]) {
  const results = useQueries({ queries: ids.map((id) => invoiceQuery(id)) });
  return {
    invoices: results.flatMap((r) => (r.data ? [r.data] : [])),
    error: results.find((r) => r.isError)?.error ?? null,
    pending: results.some((r) => r.isPending),
  };
}
