import type { CreateAccountInput, UpdateAccountInput } from '@shared/accounting/account.ts';
import type { SetupInput, UpdateSettingsInput } from '@shared/accounting/settings.ts';
import { queryOptions } from '@tanstack/react-query';
import { api, idempotencyKey, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Account = components['schemas']['Account'];
export type Journal = components['schemas']['Journal'];
export type FiscalYear = components['schemas']['FiscalYear'];
export type Period = components['schemas']['AccountingPeriod'];
export type AccountingSettings = components['schemas']['AccountingSettings'];
export type AccountType = Account['type'];
export type AccountKind = Account['kind'];

// Query keys start with the aggregate type, so live events refresh them. Only entries have
// events today; the rest refresh after the writes made here.
export const accountingKeys = {
  settings: ['accounting.settings'] as const,
  accounts: ['accounting.account'] as const,
  accountList: (filters: { type?: AccountType | undefined; archived: boolean }) =>
    ['accounting.account', 'list', filters] as const,
  // Every open account, for pickers and for naming accounts by id.
  allAccounts: ['accounting.account', 'all'] as const,
  account: (id: string) => ['accounting.account', 'one', id] as const,
  journals: ['accounting.journal', 'list'] as const,
  fiscalYears: ['accounting.fiscal_year', 'list'] as const,
};

/** True for every accounting query: what a setup changes. */
export const isAccountingQuery = (query: { queryKey: readonly unknown[] }) =>
  String(query.queryKey[0]).startsWith('accounting.');

const writeHeaders = () => ({ 'idempotency-key': idempotencyKey() });

export const settingsQuery = queryOptions({
  queryKey: accountingKeys.settings,
  queryFn: () => unwrap(api.GET('/api/v1/accounting/settings')),
  staleTime: 60_000,
});

export function setUpAccounting(body: SetupInput) {
  return unwrap(api.POST('/api/v1/accounting/setup', { body, headers: writeHeaders() }));
}

export function updateSettings(body: UpdateSettingsInput) {
  return unwrap(api.PATCH('/api/v1/accounting/settings', { body, headers: writeHeaders() }));
}

export function listAccounts(filters: {
  q?: string | undefined;
  type?: AccountType | undefined;
  archived: boolean;
}) {
  return unwrap(
    api.GET('/api/v1/accounting/accounts', {
      params: { query: { q: filters.q, type: filters.type, archived: String(filters.archived) } },
    }),
  );
}

export const allAccountsQuery = queryOptions({
  queryKey: accountingKeys.allAccounts,
  queryFn: async () => (await listAccounts({ archived: false })).data,
});

export const accountQuery = (id: string) =>
  queryOptions({
    queryKey: accountingKeys.account(id),
    queryFn: () => unwrap(api.GET('/api/v1/accounting/accounts/{id}', { params: { path: { id } } })),
  });

export function createAccount(body: CreateAccountInput) {
  return unwrap(api.POST('/api/v1/accounting/accounts', { body, headers: writeHeaders() }));
}

export function updateAccount(id: string, body: UpdateAccountInput) {
  return unwrap(
    api.PATCH('/api/v1/accounting/accounts/{id}', {
      params: { path: { id } },
      body,
      headers: writeHeaders(),
    }),
  );
}

export const journalsQuery = queryOptions({
  queryKey: accountingKeys.journals,
  queryFn: async () => (await unwrap(api.GET('/api/v1/accounting/journals'))).data,
  staleTime: 5 * 60_000,
});

export const fiscalYearsQuery = queryOptions({
  queryKey: accountingKeys.fiscalYears,
  queryFn: async () => (await unwrap(api.GET('/api/v1/accounting/fiscal-years'))).data,
});

export function setPeriodLocked(id: string, locked: boolean) {
  const path = locked ? '/api/v1/accounting/periods/{id}/lock' : '/api/v1/accounting/periods/{id}/unlock';
  return unwrap(api.POST(path, { params: { path: { id } }, headers: writeHeaders() }));
}
