import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type TrialBalance = components['schemas']['TrialBalance'];
export type TrialBalanceRow = TrialBalance['accounts'][number];
export type GeneralLedger = components['schemas']['GeneralLedger'];
export type LedgerLine = GeneralLedger['lines'][number];
export type DateRange = { from: string; to: string };

// Under 'accounting.entry': a posted entry changes every report, so live events refresh them.
export const reportKeys = {
  trialBalance: (range: DateRange) => ['accounting.entry', 'trial-balance', range] as const,
  generalLedger: (accountId: string, range: DateRange) =>
    ['accounting.entry', 'general-ledger', accountId, range] as const,
};

export function trialBalance(range: DateRange) {
  return unwrap(api.GET('/api/v1/accounting/reports/trial-balance', { params: { query: range } }));
}

// Lines per page of the ledger; "Load more" asks for the next.
const LEDGER_PAGE = 200;

export function generalLedger(accountId: string, range: DateRange, cursor: string | undefined) {
  return unwrap(
    api.GET('/api/v1/accounting/reports/general-ledger', {
      params: { query: { accountId, ...range, limit: LEDGER_PAGE, cursor } },
    }),
  );
}
