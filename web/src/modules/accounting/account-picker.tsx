import { type ComboboxItem, type OptionsFilter, Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FocusEvent, useMemo, useState } from 'react';
import { t } from '../../i18n/i18n';
import { allAccountsQuery } from './api';

// Accounts are found by the start of their code (what accountants type) or by a word of their
// name; code matches come first.
function matching(options: ComboboxItem[], search: string): ComboboxItem[] {
  const query = search.trim().toLowerCase();
  if (!query) return options;
  const byCode = options.filter((o) => o.label.toLowerCase().startsWith(query));
  const byName = options.filter((o) => !byCode.includes(o) && o.label.toLowerCase().includes(query));
  return [...byCode, ...byName];
}

const filter: OptionsFilter = ({ options, search }) => matching(options as ComboboxItem[], search);

type AccountPickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'filter'> & {
  value: string | null;
  onChange: (accountId: string | null) => void;
};

/** A searchable choice of the open accounts; typing a code and Tab picks the first match. */
export function AccountPicker({ value, onChange, onBlur, ...props }: AccountPickerProps) {
  const accounts = useQuery(allAccountsQuery);
  const [search, setSearch] = useState('');
  const data = useMemo(
    () => (accounts.data ?? []).map((a) => ({ value: a.id, label: `${a.code} ${a.name}` })),
    [accounts.data],
  );
  // Leaving with a typed code picks its first match. Decided from the data, not from the
  // highlighted option: a fast typist's Tab can come before the list has highlighted anything.
  function pickOnBlur(event: FocusEvent<HTMLInputElement>) {
    const current = data.find((o) => o.value === value);
    if (search.trim() && search !== current?.label) {
      const first = matching(data, search)[0];
      if (first && first.value !== value) onChange(first.value);
    }
    onBlur?.(event);
  }
  return (
    <Select
      {...props}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      onBlur={pickOnBlur}
      filter={filter}
      searchable
      selectFirstOptionOnChange
      // Choosing the chosen account again keeps it, rather than clearing it.
      allowDeselect={false}
      limit={100}
      nothingFoundMessage={t('newEntry.noAccount')}
    />
  );
}
