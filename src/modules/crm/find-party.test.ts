import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member } from '../../../test/support/app.ts';
import { useTestDatabase } from '../../../test/support/db.ts';
import { withReadTx, withTx } from '../../platform/db/tx.ts';
import { findPartyByIdentifiers, type PartyIdentifiers } from './find-party.ts';
import { createParty } from './service.ts';

const t = useTestDatabase();
let member: Member;
const ids: Record<string, string> = {};

const context = () => ({ companyId: member.companyId, actor: { type: 'user' as const, id: member.userId } });
const find = (keys: PartyIdentifiers) =>
  withReadTx(t.database, context(), (db) => findPartyByIdentifiers(db, member.companyId, keys));

beforeAll(async () => {
  member = await createMember(t.database);
  await withTx(t.database, context(), async (tx) => {
    const make = async (name: string, extra: object) =>
      (await createParty(tx, { kind: 'organisation', name, isCustomer: false, isSupplier: true, ...extra }))
        .id;
    ids.vat = await make('Vat Ltd', { taxId: 'fr 40 303265045' });
    ids.peppol = await make('Peppol AB', { peppolEndpointId: '7300010000001', peppolEndpointScheme: '0088' });
    ids.registered = await make('Registered AS', {
      companyRegistrationId: '123456789',
      address: { countryCode: 'NO' },
    });
    ids.unique = await make('Only One GmbH', {});
    ids.twinA = await make('Twin SARL', {});
    ids.twinB = await make('twin sarl', {});
  });
});

describe('finding the party a document names', () => {
  it('by VAT id, whatever its spaces and letter case', async () => {
    expect(await find({ taxId: 'FR40303265045' })).toMatchObject({
      party: { id: ids.vat },
      matchedBy: 'taxId',
    });
    expect(await find({ taxId: 'Fr 4030 3265 045' })).toMatchObject({ party: { id: ids.vat } });
  });

  it('by electronic address, its scheme and id', async () => {
    expect(
      await find({ taxId: 'SE000000000001', endpoint: { scheme: '0088', id: '7300010000001' } }),
    ).toMatchObject({ party: { id: ids.peppol }, matchedBy: 'endpoint' });
    expect(await find({ endpoint: { scheme: '0192', id: '7300010000001' } })).toBeNull();
  });

  it('by registration id only within its country', async () => {
    expect(await find({ registrationId: '123456789', countryCode: 'NO' })).toMatchObject({
      party: { id: ids.registered },
      matchedBy: 'registrationId',
    });
    expect(await find({ registrationId: '123456789', countryCode: 'DK' })).toBeNull();
  });

  it('by name only when the document has no identifier and one party alone has that name', async () => {
    expect(await find({ name: 'only one gmbh' })).toMatchObject({
      party: { id: ids.unique },
      matchedBy: 'name',
    });
    expect(await find({ name: 'Only One GmbH', taxId: 'DE999999999' })).toBeNull();
    expect(await find({ name: 'Twin SARL' })).toBeNull();
  });
});
