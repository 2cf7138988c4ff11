import { ActionIcon, Group, Table, Text, TextInput } from '@mantine/core';
import { t } from '../../i18n/i18n';
import { formatAmount } from '../../i18n/money';
import { type Cart, removeLine, updateLine, validPercent } from './cart';

type Props = { cart: Cart; lineTotalsMinor: number[]; currency: string; onChange: (cart: Cart) => void };

/** The lines of the sale: quantity with big − and + for touch, a line discount, the line total. */
export function CartTable({ cart, lineTotalsMinor, currency, onChange }: Props) {
  if (cart.lines.length === 0) return <Text c="dimmed">{t('pos.cart.empty')}</Text>;
  return (
    <Table aria-label={t('pos.cart')} verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('pos.col.item')}</Table.Th>
          <Table.Th>{t('pos.col.quantity')}</Table.Th>
          <Table.Th>{t('pos.col.discount')}</Table.Th>
          <Table.Th ta="right">{t('pos.col.total')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {cart.lines.map((line, index) => {
          const name = line.item.name;
          const setQuantity = (quantity: number) =>
            onChange(quantity > 0 ? updateLine(cart, index, { quantity }) : removeLine(cart, index));
          return (
            <Table.Tr key={line.item.variantId}>
              <Table.Th scope="row" fw={500}>
                {name}
              </Table.Th>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    size="xl"
                    variant="default"
                    aria-label={t('pos.less', { name })}
                    onClick={() => setQuantity(line.quantity - 1)}
                  >
                    −
                  </ActionIcon>
                  <TextInput
                    aria-label={t('pos.quantityOf', { name })}
                    value={String(line.quantity)}
                    onChange={(e) => {
                      const value = Number.parseInt(e.currentTarget.value, 10);
                      if (Number.isSafeInteger(value) && value > 0 && value < 100_000) setQuantity(value);
                    }}
                    inputMode="numeric"
                    w={64}
                    size="md"
                  />
                  <ActionIcon
                    size="xl"
                    variant="default"
                    aria-label={t('pos.more', { name })}
                    onClick={() => setQuantity(line.quantity + 1)}
                  >
                    +
                  </ActionIcon>
                </Group>
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={t('pos.discountOf', { name })}
                  value={line.discountPercent}
                  onChange={(e) => {
                    const value = e.currentTarget.value.trim();
                    if (validPercent(value)) onChange(updateLine(cart, index, { discountPercent: value }));
                  }}
                  inputMode="decimal"
                  w={80}
                  size="md"
                />
              </Table.Td>
              <Table.Td ta="right" ff="monospace">
                {formatAmount(lineTotalsMinor[index] ?? 0, currency)}
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  size="xl"
                  color="red.9"
                  variant="subtle"
                  aria-label={t('pos.remove', { name })}
                  onClick={() => onChange(removeLine(cart, index))}
                >
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
