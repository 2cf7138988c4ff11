import { ActionIcon, Button, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { t } from '../../i18n/i18n';
import { formatDecimal } from '../../i18n/money';
import type { QuotationForm } from './use-quotation-form';
import { VariantPicker } from './variant-picker';

/**
 * The quotation's lines: an item (searched by name or SKU), its quantity, and optionally a unit
 * price other than the catalogue's and a discount. Totals with tax come from the server on save.
 */
export function QuotationLines({ form }: { form: QuotationForm }) {
  const [prices, setPrices] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState<string | null>(null);
  useEffect(() => {
    if (!focusKey) return;
    document.querySelector<HTMLInputElement>(`[data-line="${focusKey}"] [data-cell="item"]`)?.focus();
    setFocusKey(null);
  }, [focusKey]);
  const error = (key: string, field: string) => form.errors[`lines.${key}.${field}`];
  return (
    <div>
      <Table.ScrollContainer minWidth={760}>
        <Table aria-label={t('sales.form.lines')} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              <Table.Th>{t('sales.col.item')}</Table.Th>
              <Table.Th w={110}>{t('sales.col.quantity')}</Table.Th>
              <Table.Th w={150}>{t('sales.col.unitPrice')}</Table.Th>
              <Table.Th w={110}>{t('sales.col.discount')}</Table.Th>
              <Table.Th w={48}>
                <VisuallyHidden>{t('sales.form.lineActions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {form.lines.map((line, index) => {
              const n = index + 1;
              return (
                <Table.Tr key={line.key} data-line={line.key}>
                  <Table.Td c="dimmed">{n}</Table.Td>
                  <Table.Td>
                    <VariantPicker
                      aria-label={t('sales.form.line.item', { n })}
                      data-cell="item"
                      value={line.variantId}
                      selectedLabel={line.label}
                      onPick={(picked) => {
                        form.updateLine(line.key, {
                          variantId: picked?.variantId ?? null,
                          label: picked?.label ?? '',
                        });
                        if (picked)
                          setPrices((p) => ({
                            ...p,
                            [line.key]: `${formatDecimal(picked.salePrice, picked.currencyCode)} ${picked.currencyCode}`,
                          }));
                      }}
                      error={error(line.key, 'variantId')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('sales.form.line.quantity', { n })}
                      inputMode="decimal"
                      autoComplete="off"
                      value={line.quantity}
                      onChange={(e) => form.updateLine(line.key, { quantity: e.currentTarget.value })}
                      error={error(line.key, 'quantity')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('sales.form.line.unitPrice', { n })}
                      inputMode="decimal"
                      autoComplete="off"
                      placeholder={prices[line.key] ?? t('sales.form.cataloguePrice')}
                      value={line.unitPrice}
                      onChange={(e) => form.updateLine(line.key, { unitPrice: e.currentTarget.value })}
                      error={error(line.key, 'unitPrice')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('sales.form.line.discount', { n })}
                      inputMode="decimal"
                      autoComplete="off"
                      value={line.discountPercent}
                      onChange={(e) => form.updateLine(line.key, { discountPercent: e.currentTarget.value })}
                      error={error(line.key, 'discountPercent')}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('sales.form.removeLine', { n })}
                      title={t('sales.form.removeLine', { n })}
                      onClick={() => form.removeLine(line.key)}
                      disabled={form.lines.length <= 1}
                    >
                      <span aria-hidden="true">✕</span>
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {form.errors.lines && (
        <Text c="red" size="sm" role="alert">
          {form.errors.lines}
        </Text>
      )}
      <Button variant="default" mt="xs" onClick={() => setFocusKey(form.addLine())}>
        {t('sales.form.addLine')}
      </Button>
    </div>
  );
}
