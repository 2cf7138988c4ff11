import { queryOptions } from '@tanstack/react-query';
import { api, idempotencyKey, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';
import type { PageRequest } from '../../components/data-table';

export type Party = components['schemas']['Party'];
export type PartyRole = 'customer' | 'supplier';
type PartySort = NonNullable<NonNullable<paths['/api/v1/crm/parties']['get']['parameters']['query']>['sort']>;

// Every query key of this module starts with the aggregate type, so live events refresh them.
export const partyKeys = {
  all: ['crm.party'] as const,
  list: (role: PartyRole | undefined) => ['crm.party', 'list', { role }] as const,
  one: (id: string) => ['crm.party', 'one', id] as const,
};

export function listParties(request: PageRequest, role: PartyRole | undefined) {
  return unwrap(
    api.GET('/api/v1/crm/parties', {
      params: {
        query: {
          limit: request.limit,
          cursor: request.cursor,
          q: request.q,
          role,
          sort: request.sort as PartySort | undefined,
        },
      },
    }),
  );
}

export const partyQuery = (id: string) =>
  queryOptions({
    queryKey: partyKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/v1/crm/parties/{id}', { params: { path: { id } } })),
  });

export type CreatePartyBody = components['schemas']['CreatePartyInput'];
export type UpdatePartyBody = components['schemas']['UpdatePartyInput'];

export function createParty(body: CreatePartyBody) {
  return unwrap(api.POST('/api/v1/crm/parties', { body, headers: { 'idempotency-key': idempotencyKey() } }));
}

export function updateParty(id: string, body: UpdatePartyBody) {
  return unwrap(
    api.PATCH('/api/v1/crm/parties/{id}', {
      params: { path: { id } },
      body,
      headers: { 'idempotency-key': idempotencyKey() },
    }),
  );
}
