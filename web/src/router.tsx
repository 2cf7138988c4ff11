import { createBrowserRouter, Navigate, redirect } from 'react-router';
import { hasSession } from './auth/token';
import { RouteError } from './layout/route-error';
import { Shell } from './layout/shell';

// Each screen is its own chunk, loaded when its route is first visited.
export const router = createBrowserRouter([
  {
    path: '/sign-in',
    lazy: async () => ({ Component: (await import('./pages/sign-in')).SignInPage }),
  },
  {
    path: '/',
    Component: Shell,
    ErrorBoundary: RouteError,
    loader: ({ request }) => {
      if (hasSession()) return null;
      const from = new URL(request.url).pathname;
      return redirect(from === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(from)}`);
    },
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./pages/home')).HomePage }) },
      {
        path: 'crm/parties',
        lazy: async () => ({ Component: (await import('./modules/crm/parties-list')).PartiesListPage }),
      },
      {
        path: 'crm/parties/new',
        lazy: async () => ({ Component: (await import('./modules/crm/party-page')).NewPartyPage }),
      },
      {
        path: 'crm/parties/:id',
        lazy: async () => ({ Component: (await import('./modules/crm/party-page')).EditPartyPage }),
      },
      {
        path: 'sales/orders',
        lazy: async () => ({ Component: (await import('./modules/sales/orders-list')).OrdersListPage }),
      },
      {
        path: 'sales/orders/new',
        lazy: async () => ({
          Component: (await import('./modules/sales/new-quotation-page')).NewQuotationPage,
        }),
      },
      {
        path: 'sales/orders/:id',
        lazy: async () => ({ Component: (await import('./modules/sales/order-page')).OrderPage }),
      },
      {
        path: 'pos',
        lazy: async () => ({ Component: (await import('./modules/pos/pos-page')).PosPage }),
      },
      {
        path: 'accounting',
        lazy: async () => ({
          Component: (await import('./modules/accounting/accounting-layout')).AccountingLayout,
        }),
        children: [
          { index: true, element: <Navigate to="/accounting/entries" replace /> },
          {
            path: 'accounts',
            lazy: async () => ({
              Component: (await import('./modules/accounting/chart-of-accounts')).ChartOfAccountsPage,
            }),
          },
          {
            path: 'accounts/new',
            lazy: async () => ({
              Component: (await import('./modules/accounting/account-page')).NewAccountPage,
            }),
          },
          {
            path: 'accounts/:id',
            lazy: async () => ({
              Component: (await import('./modules/accounting/account-page')).EditAccountPage,
            }),
          },
          {
            path: 'entries',
            lazy: async () => ({
              Component: (await import('./modules/accounting/entries-list')).EntriesListPage,
            }),
          },
          {
            path: 'entries/new',
            lazy: async () => ({
              Component: (await import('./modules/accounting/new-entry-page')).NewEntryPage,
            }),
          },
          {
            path: 'entries/:id',
            lazy: async () => ({ Component: (await import('./modules/accounting/entry-page')).EntryPage }),
          },
          {
            path: 'reports/trial-balance',
            lazy: async () => ({
              Component: (await import('./modules/accounting/trial-balance')).TrialBalancePage,
            }),
          },
          {
            path: 'reports/general-ledger',
            lazy: async () => ({
              Component: (await import('./modules/accounting/general-ledger')).GeneralLedgerPage,
            }),
          },
          {
            path: 'fiscal-years',
            lazy: async () => ({
              Component: (await import('./modules/accounting/fiscal-years')).FiscalYearsPage,
            }),
          },
        ],
      },
      { path: '*', lazy: async () => ({ Component: (await import('./pages/not-found')).NotFoundPage }) },
    ],
  },
]);
