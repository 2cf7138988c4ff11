import type { PostEntryRequest, ReverseEntryRequest } from '@shared/accounting/entry.ts';
import { queryOptions } from '@tanstack/react-query';
import { api, idempotencyKey, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { PageRequest } from '../../components/data-table';

export type JournalEntry = components['schemas']['JournalEntry'];
export type EntryLine = components['schemas']['JournalEntryLine'];
export type EntryFilters = {
  journalId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

export const entryKeys = {
  all: ['accounting.entry'] as const,
  list: (filters: EntryFilters) => ['accounting.entry', 'list', filters] as const,
  one: (id: string) => ['accounting.entry', 'one', id] as const,
  reversalOf: (id: string) => ['accounting.entry', 'reversal-of', id] as const,
};

export function listEntries(request: PageRequest, filters: EntryFilters) {
  return unwrap(
    api.GET('/api/v1/accounting/entries', {
      params: {
        query: {
          limit: request.limit,
          cursor: request.cursor,
          q: request.q,
          sort: request.sort as 'date' | '-date' | undefined,
          ...filters,
        },
      },
    }),
  );
}

export const entryQuery = (id: string) =>
  queryOptions({
    queryKey: entryKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/accounting/entries/{id}', { params: { path: { id } } })),
  });

// An entry does not say whether it was reversed; its reversal names it (reversesEntryId) and
// carries its number as the reference, which the list's search finds.
export const reversalQuery = (entry: JournalEntry) =>
  queryOptions({
    queryKey: entryKeys.reversalOf(entry.id),
    queryFn: async () => {
      const found = await unwrap(
        api.GET('/api/v1/accounting/entries', {
          params: { query: { q: entry.number ?? entry.id, limit: 50 } },
        }),
      );
      return found.data.find((other) => other.reversesEntryId === entry.id) ?? null;
    },
    enabled: entry.number !== null && entry.reversesEntryId === null,
  });

export function postEntry(body: PostEntryRequest) {
  return unwrap(
    api.POST('/api/v1/accounting/entries', { body, headers: { 'idempotency-key': idempotencyKey() } }),
  );
}

export function reverseEntry(id: string, body: ReverseEntryRequest) {
  return unwrap(
    api.POST('/api/v1/accounting/entries/{id}/reverse', {
      params: { path: { id } },
      body,
      headers: { 'idempotency-key': idempotencyKey() },
    }),
  );
}
