import type { FixtureFactory } from '../../platform/module.ts';
import { createParty } from './service.ts';

// A party in the fixture company, and each crm route aimed at it (see platform/module.ts).
export const crmFixtures: FixtureFactory = async (tx) => {
  const party = await createParty(tx, {
    kind: 'organisation',
    name: 'Fixture Party',
    isCustomer: true,
    isSupplier: false,
    taxId: `FX${Date.now()}`,
  });
  const id = { id: party.id };
  return {
    ids: [party.id],
    routes: {
      'GET /api/v1/crm/parties': { query: { q: 'Fixture Party' } },
      'GET /api/v1/crm/parties/:id': { params: id },
      'POST /api/v1/crm/parties': { namesNoRecord: 'creates a party that refers to no other record' },
      'PATCH /api/v1/crm/parties/:id': { params: id, body: { version: party.version, name: 'Hijacked' } },
    },
  };
};
