import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { queryRows } from '../../platform/db/database.ts';

const t = useTestApp();
let admin: Member;
let other: Member;

beforeAll(async () => {
  admin = await createMember(t.database);
  other = await createMember(t.database);
});

async function create(member: Member, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/crm/parties', headers: member.auth, payload });
}

describe('parties', () => {
  it('are created with an audit row and an event in the same transaction', async () => {
    const response = await create(admin, {
      kind: 'organisation',
      name: 'Globex',
      isCustomer: true,
      taxId: 'FR40303265045',
    });
    expect(response.statusCode).toBe(201);
    const party = response.json();
    expect(party).toMatchObject({ name: 'Globex', isCustomer: true, isSupplier: false, version: 1 });
    const [audit] = await t.database.transaction((db) =>
      queryRows<{ action: string; actor_id: string; request_id: string }>(
        db,
        sql`select action, actor_id, request_id from audit_log where entity = 'crm.party' and entity_id = ${party.id}`,
      ),
    );
    expect(audit).toMatchObject({
      action: 'create',
      actor_id: admin.userId,
      request_id: response.headers['x-request-id'],
    });
    const events = await t.database.transaction((db) =>
      queryRows<{ type: string; payload: { name: string } }>(
        db,
        sql`select type, payload from event_outbox where aggregate_id = ${party.id}`,
      ),
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'crm.party.created',
        payload: expect.objectContaining({ name: 'Globex' }),
      }),
    ]);
  });

  it('refuse a second party with the same tax id in one company, but not in another', async () => {
    await create(admin, { kind: 'organisation', name: 'Initech', isSupplier: true, taxId: 'DE811569869' });
    const before = await databaseFingerprint(t.database);
    const duplicate = await create(admin, {
      kind: 'organisation',
      name: 'Initech 2',
      isSupplier: true,
      taxId: 'DE811569869',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('crm.party_tax_id_taken');
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const elsewhere = await create(other, {
      kind: 'organisation',
      name: 'Initech',
      isSupplier: true,
      taxId: 'DE811569869',
    });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('cannot be read or changed from another company', async () => {
    const party = (await create(admin, { kind: 'person', name: 'Private Person', isCustomer: true })).json();
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/crm/parties/${party.id}`,
      headers: other.auth,
    });
    expect(read.statusCode).toBe(404);
    const before = await databaseFingerprint(t.database);
    const change = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/crm/parties/${party.id}`,
      headers: other.auth,
      payload: { version: 1, name: 'Hijacked' },
    });
    expect(change.statusCode).toBe(404);
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/crm/parties?q=Private',
      headers: other.auth,
    });
    expect(list.json().data).toEqual([]);
  });

  it('are updated with optimistic concurrency: a stale version is a 409 and changes nothing', async () => {
    const party = (await create(admin, { kind: 'person', name: 'Jane Roe', isCustomer: true })).json();
    const url = `/api/v1/crm/parties/${party.id}`;
    const first = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.auth,
      payload: { version: 1, phone: '+33 1 23 45 67 89' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, phone: '+33 1 23 45 67 89' });
    const before = await databaseFingerprint(t.database);
    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      headers: admin.auth,
      payload: { version: 1, name: 'Jane Doe' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('platform.version_conflict');
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const [audit] = await t.database.transaction((db) =>
      queryRows<{ changes: Record<string, unknown> }>(
        db,
        sql`select changes from audit_log where entity_id = ${party.id} and action = 'update'`,
      ),
    );
    expect(audit!.changes).toEqual({ phone: { old: null, new: '+33 1 23 45 67 89' } });
  });

  it('are listed page by page in sort order, with filters', async () => {
    const member = await createMember(t.database);
    const names = ['Delta', 'Alpha', 'Charlie', 'Echo', 'Bravo', 'Foxtrot', 'Golf'];
    for (const [i, name] of names.entries()) {
      await create(member, { kind: 'organisation', name, isCustomer: i % 2 === 0, isSupplier: i % 2 === 1 });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=3&sort=-createdAt${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (
        await t.app.inject({ method: 'GET', url: `/api/v1/crm/parties?${query}`, headers: member.auth })
      ).json();
      seen.push(...page.data.map((p: { name: string }) => p.name));
      cursor = page.page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...names].reverse());
    const suppliers = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/crm/parties?role=supplier&sort=name',
        headers: member.auth,
      })
    ).json();
    expect(suppliers.data.map((p: { name: string }) => p.name)).toEqual(['Alpha', 'Echo', 'Foxtrot']);
    const wrongCursor = await t.app.inject({
      method: 'GET',
      url: `/api/v1/crm/parties?sort=name&cursor=${Buffer.from('{"s":"-createdAt","v":1,"id":"x"}').toString('base64url')}`,
      headers: member.auth,
    });
    expect(wrongCursor.statusCode).toBe(400);
    expect(wrongCursor.json().code).toBe('platform.invalid_cursor');
  });
});
