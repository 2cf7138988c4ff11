import { z } from 'zod';
import { defineEvent } from '../../platform/events/define.ts';

const PartySnapshot = z.object({
  partyId: z.uuid(),
  kind: z.enum(['organisation', 'person']),
  name: z.string(),
  isCustomer: z.boolean(),
  isSupplier: z.boolean(),
  email: z.string().nullable(),
  taxId: z.string().nullable(),
  archived: z.boolean(),
  version: z.number().int(),
});

export const PartyCreated = defineEvent({
  name: 'crm.party.created',
  version: 1,
  aggregateType: 'crm.party',
  schema: PartySnapshot,
});

export const PartyUpdated = defineEvent({
  name: 'crm.party.updated',
  version: 1,
  aggregateType: 'crm.party',
  schema: PartySnapshot.extend({ changedFields: z.array(z.string()) }),
});
