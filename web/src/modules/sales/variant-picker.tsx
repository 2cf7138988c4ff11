import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../i18n/i18n';
import { searchVariants } from './api';

export type PickedVariant = { variantId: string; label: string; salePrice: string; currencyCode: string };

type VariantPickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'filter'> & {
  value: string | null;
  /** The picked item's label, so it shows before any search. */
  selectedLabel: string;
  onPick: (variant: PickedVariant | null) => void;
};

const labelOf = (hit: { productName: string; sku: string; options: Record<string, string> }) => {
  const options = Object.values(hit.options).join(', ');
  return `${hit.productName}${options ? ` (${options})` : ''} · ${hit.sku}`;
};

/** An item for sale, searched on the server by name, SKU or barcode as one types. */
export function VariantPicker({ value, selectedLabel, onPick, ...props }: VariantPickerProps) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const typed = q !== '' && q !== selectedLabel;
  const found = useQuery({
    queryKey: ['catalog.product', 'search', q],
    queryFn: () => searchVariants(q),
    enabled: typed,
    placeholderData: keepPreviousData,
  });
  const hits = typed ? (found.data?.data ?? []) : [];
  const data = hits.map((hit) => ({ value: hit.variantId, label: labelOf(hit) }));
  if (value && !data.some((o) => o.value === value)) data.unshift({ value, label: selectedLabel });
  return (
    <Select
      {...props}
      data={data}
      value={value}
      onChange={(variantId) => {
        const hit = hits.find((h) => h.variantId === variantId);
        onPick(
          hit
            ? {
                variantId: hit.variantId,
                label: labelOf(hit),
                salePrice: hit.salePrice,
                currencyCode: hit.currencyCode,
              }
            : null,
        );
      }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has searched already.
      filter={({ options }) => options}
      searchable
      clearable
      openOnFocus={false}
      nothingFoundMessage={typed ? t('sales.form.noItem') : t('sales.form.typeToSearch')}
    />
  );
}
