import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useMe } from './session';
import { hasSession } from './token';

// GET /auth/me names the member's role but not its permissions, and reading a role's permission
// list needs rbac.role.read, which most roles (the accountant's among them) do not hold. So the
// app asks the one question the server answers for anyone: a small read that needs the
// permission, refused with 403 when the role lacks it. When /auth/me lists the permissions,
// only this file changes.
const EARLY = '1900-01-01';
const PROBES = {
  'accounting.account.read': () => api.GET('/api/v1/accounting/journals'),
  'accounting.entry.read': () => api.GET('/api/v1/accounting/entries', { params: { query: { limit: 1 } } }),
  // A day before any books: an empty report, cheap to answer.
  'accounting.report.read': () =>
    api.GET('/api/v1/accounting/reports/trial-balance', { params: { query: { from: EARLY, to: EARLY } } }),
  'pos.register.read': () => api.GET('/api/v1/pos/registers'),
  'sales.order.read': () => api.GET('/api/v1/sales/orders', { params: { query: { limit: 1 } } }),
  'accounting.invoice.read': () =>
    api.GET('/api/v1/accounting/invoices', { params: { query: { limit: 1 } } }),
} as const;

export type ProbedPermission = keyof typeof PROBES;

/**
 * For each permission, true when the signed-in member's role holds it, false when it does not;
 * `known` is false while the server has not answered yet.
 */
export function usePermissions(permissions: readonly ProbedPermission[]): {
  can: Partial<Record<ProbedPermission, boolean>>;
  known: boolean;
} {
  const me = useMe();
  const probes = useQuery({
    // Under the company and role, so a switch of either asks again.
    queryKey: ['auth.permissions', me.data?.company.id, me.data?.role, permissions],
    queryFn: async () =>
      Object.fromEntries(
        await Promise.all(
          permissions.map(async (p) => [p, (await PROBES[p]()).response.status !== 403] as const),
        ),
      ),
    enabled: hasSession() && me.isSuccess,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return { can: probes.data ?? {}, known: probes.isSuccess || probes.isError };
}
