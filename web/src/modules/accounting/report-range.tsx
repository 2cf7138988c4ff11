import { Group, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { t, today } from '../../i18n/i18n';
import { fiscalYearsQuery } from './api';
import type { DateRange } from './reports-api';

/**
 * A report's date range, kept in the address (?from=&to=) so a report can be linked to and a
 * row can open another report for the same range. Without one: the current fiscal year to date.
 */
export function useReportRange(): {
  range: DateRange;
  params: URLSearchParams;
  setParam: (name: string, value: string | null) => void;
} {
  const [params, setParams] = useSearchParams();
  const years = useQuery(fiscalYearsQuery);
  const now = today();
  const current = years.data?.find((year) => year.startDate <= now && now <= year.endDate);
  const range = {
    from: params.get('from') || current?.startDate || `${now.slice(0, 4)}-01-01`,
    to: params.get('to') || now,
  };
  const setParam = (name: string, value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return { range, params, setParam };
}

export function RangeFields({
  range,
  setParam,
  children,
}: {
  range: DateRange;
  setParam: (name: string, value: string | null) => void;
  children?: ReactNode;
}) {
  return (
    <Group align="end" mb="md" wrap="wrap">
      {children}
      <TextInput
        type="date"
        label={t('report.from')}
        value={range.from}
        onChange={(e) => e.currentTarget.value && setParam('from', e.currentTarget.value)}
      />
      <TextInput
        type="date"
        label={t('report.to')}
        value={range.to}
        onChange={(e) => e.currentTarget.value && setParam('to', e.currentTarget.value)}
      />
    </Group>
  );
}
