import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { t } from '../../i18n/i18n';
import { listParties, type PartyRole, partyKeys } from '../crm/api';

type PartnerPickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'filter'> & {
  value: string | null;
  onChange: (partyId: string | null) => void;
  /** The chosen party's name, when known, so it shows before any search. */
  selectedName?: string | undefined;
  /** Only customers, or only suppliers; any party unless given. */
  partyRole?: PartyRole | undefined;
};

/** A customer or supplier, searched on the server by name as one types. */
export function PartnerPicker({ value, onChange, selectedName, partyRole, ...props }: PartnerPickerProps) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: [...partyKeys.all, 'picker', partyRole, q],
    queryFn: () => listParties({ limit: 20, q: q || undefined, sort: 'name' }, partyRole),
    placeholderData: keepPreviousData,
  });
  const data = (found.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  if (value && selectedName && !data.some((o) => o.value === value))
    data.unshift({ value, label: selectedName });
  return (
    <Select
      {...props}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered already.
      filter={({ options }) => options}
      searchable
      clearable
      // Tabbing across the line should not open a list of every party; typing does.
      openOnFocus={false}
      nothingFoundMessage={t('newEntry.noPartner')}
    />
  );
}
