import { Button, Group, Loader, Table, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { formatNumber, t } from '../i18n/i18n';
import { downloadText, toCsv } from './csv';

export type Page<T> = { data: T[]; page: { nextCursor: string | null; limit: number } };
export type PageRequest = { cursor?: string; sort?: string; q?: string; limit: number };

export type Column<T> = {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The cell as text, for the CSV export. */
  text: (row: T) => string;
  /** The API's sort field, when the column can be sorted. */
  sort?: string;
  /** Figures line up on the right. */
  align?: 'right';
};

export type DataTableProps<T> = {
  /** The accessible name of the table. */
  label: string;
  /** Starts with the aggregate type (['crm.party', 'list', filters…]) so live updates refresh it. */
  queryKey: readonly unknown[];
  fetchPage: (request: PageRequest) => Promise<Page<T>>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  onOpen?: (row: T) => void;
  defaultSort?: string;
  pageSize?: number;
  /** Filters shown beside the search box. */
  filters?: ReactNode;
  csvFileName?: string;
};

/**
 * A list over a paginated API route: server-side cursor pages ("Load more"), sorting by the
 * route's sort fields, a search box (the route's `q`), keyboard navigation of rows (arrow keys,
 * Home, End, Enter opens) and a CSV export of the rows loaded.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rowKey, onOpen, pageSize = 50 } = props;
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [sort, setSort] = useState(props.defaultSort);
  const [focused, setFocused] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);

  const query = useInfiniteQuery({
    queryKey: [...props.queryKey, { sort, q }],
    queryFn: ({ pageParam, signal: _signal }) =>
      props.fetchPage({ cursor: pageParam, sort, q: q || undefined, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);

  function focusRow(index: number) {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setFocused(clamped);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]')[clamped]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number, row: T) {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(moves[event.key]!);
    } else if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen?.(row);
    }
  }

  function toggleSort(field: string) {
    setSort((current) => (current === field ? `-${field}` : field));
  }

  function exportCsv() {
    const csv = toCsv(
      columns.map((c) => c.header),
      rows.map((row) => columns.map((c) => c.text(row))),
    );
    downloadText(props.csvFileName ?? 'export.csv', csv);
  }

  return (
    <div>
      <Group mb="sm" align="end" wrap="wrap">
        <TextInput
          label={t('table.search')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        {props.filters}
        <Button variant="default" onClick={exportCsv} disabled={rows.length === 0} ml="auto">
          {t('table.exportCsv')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover striped aria-label={props.label} aria-busy={query.isFetching}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => {
                const direction =
                  sort === column.sort ? 'ascending' : sort === `-${column.sort}` ? 'descending' : undefined;
                return (
                  <Table.Th
                    key={column.key}
                    ta={column.align}
                    aria-sort={column.sort ? (direction ?? 'none') : undefined}
                  >
                    {column.sort ? (
                      <UnstyledButton
                        fw={700}
                        fz="sm"
                        onClick={() => toggleSort(column.sort!)}
                        aria-label={t('table.sortBy', { column: column.header })}
                      >
                        {column.header}
                        <span aria-hidden="true">
                          {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}
                        </span>
                      </UnstyledButton>
                    ) : (
                      column.header
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={body}>
            {rows.map((row, index) => (
              <Table.Tr
                key={rowKey(row)}
                data-row
                tabIndex={index === focused ? 0 : -1}
                onKeyDown={(e) => onKeyDown(e, index, row)}
                onFocus={() => setFocused(index)}
                onClick={(e) => {
                  if (!(e.target as HTMLElement).closest('a,button')) onOpen?.(row);
                }}
              >
                {columns.map((column) => (
                  <Table.Td key={column.key} ta={column.align}>
                    {column.render(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {query.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {query.isError && (
        <Text c="red" role="alert">
          {query.error.message}
        </Text>
      )}
      {query.isSuccess && rows.length === 0 && <Text c="dimmed">{t('table.empty')}</Text>}
      <Group mt="sm" justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('table.rows', { count: formatNumber(rows.length) })}
        </Text>
        {query.hasNextPage && (
          <Button
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('table.loadMore')}
          </Button>
        )}
      </Group>
      <VisuallyHidden aria-live="polite">{query.isFetching ? t('app.loading') : ''}</VisuallyHidden>
    </div>
  );
}
