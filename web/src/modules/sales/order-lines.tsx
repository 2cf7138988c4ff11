import { Table } from '@mantine/core';
import { t } from '../../i18n/i18n';
import { formatDecimal } from '../../i18n/money';
import type { SalesOrder } from './api';

const QUANTITIES = [
  ['quantity', 'sales.col.ordered'],
  ['quantityDelivered', 'sales.col.delivered'],
  ['quantityInvoiced', 'sales.col.invoiced'],
  ['quantityReserved', 'sales.col.reserved'],
  ['quantityReturned', 'sales.col.returned'],
] as const;

/** The order's lines with where each stands: ordered, delivered, invoiced, reserved, returned. */
export function OrderLines({ order }: { order: SalesOrder }) {
  const money = (decimal: string) => formatDecimal(decimal, order.currencyCode);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label={t('sales.order.lines')} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('sales.col.item')}</Table.Th>
            {QUANTITIES.map(([field, label]) => (
              <Table.Th key={field} ta="right">
                {t(label)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('sales.col.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('sales.col.discount')}</Table.Th>
            <Table.Th ta="right">{t('sales.col.net')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((line) => (
            <Table.Tr key={line.lineNo}>
              <Table.Td>{line.lineNo}</Table.Td>
              <Table.Td>
                {line.description}
                {line.sku ? ` · ${line.sku}` : ''}
              </Table.Td>
              {QUANTITIES.map(([field]) => (
                <Table.Td key={field} ta="right" data-cell={field}>
                  {line[field]}
                </Table.Td>
              ))}
              <Table.Td ta="right" ff="monospace">
                {money(line.unitPrice)}
              </Table.Td>
              <Table.Td ta="right">
                {line.discountPercent === '0' ? '' : `${line.discountPercent} %`}
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {money(line.net)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
