import { useQuery } from '@tanstack/react-query';
import { allAccountsQuery } from './api';

/** The names of the open accounts by id (lines carry their account's code, not its name). */
export function useAccountNames(): Map<string, string> {
  const accounts = useQuery(allAccountsQuery);
  return new Map((accounts.data ?? []).map((account) => [account.id, account.name]));
}
