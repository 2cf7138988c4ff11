import { useQueries } from '@tanstack/react-query';
import { partyQuery } from '../crm/api';

/** The names of the parties with these ids, as far as the member may read them. */
export function usePartyNames(ids: readonly string[]): Map<string, string> {
  const unique = [...new Set(ids)];
  const parties = useQueries({ queries: unique.map((id) => ({ ...partyQuery(id), retry: false })) });
  const names = new Map<string, string>();
  unique.forEach((id, index) => {
    const party = parties[index]?.data;
    if (party) names.set(id, party.name);
  });
  return names;
}
