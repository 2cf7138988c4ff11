import { Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { journalsQuery } from './api';

type JournalSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (journalId: string | null) => void;
  /** The label of the "no journal" choice; without it a journal must be chosen. */
  anyLabel?: string;
};

/** The company's open journals, by code and name. */
export function JournalSelect({ value, onChange, anyLabel, ...props }: JournalSelectProps) {
  const journals = useQuery(journalsQuery);
  const options = (journals.data ?? [])
    .filter((journal) => !journal.archived)
    .map((journal) => ({ value: journal.id, label: `${journal.code} · ${journal.name}` }));
  return (
    <Select
      {...props}
      data={anyLabel ? [{ value: '', label: anyLabel }, ...options] : options}
      value={value ?? (anyLabel ? '' : null)}
      onChange={(next) => onChange(next || null)}
      allowDeselect={false}
    />
  );
}
