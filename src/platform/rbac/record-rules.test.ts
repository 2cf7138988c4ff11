import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, joinCompany, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';

const t = useTestApp();
let admin: Member;

function call(member: Member, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: member.auth,
    ...(payload ? { payload } : {}),
  });
}

beforeAll(async () => {
  admin = await createMember(t.database);
});

describe('record rules', () => {
  it("limit a role to its members' own records in list, read and update, in the database", async () => {
    const role = await call(admin, 'POST', '/rbac/roles', {
      key: 'own_customers',
      name: 'Rep, own customers only',
      permissions: ['crm.party.*', 'crm.party_tax_id.read'],
      recordRules: { 'crm.party': 'own' },
    });
    expect(role.statusCode).toBe(201);
    expect(role.json().recordRules).toEqual({ 'crm.party': 'own' });
    const rep = await joinCompany(t.database, admin.companyId, 'own_customers');
    const mine = (
      await call(rep, 'POST', '/crm/parties', { kind: 'person', name: 'Rep Customer', isCustomer: true })
    ).json();
    const theirs = (
      await call(admin, 'POST', '/crm/parties', { kind: 'person', name: 'House Customer', isCustomer: true })
    ).json();
    const listed = (await call(rep, 'GET', '/crm/parties?limit=200'))
      .json()
      .data.map((p: { id: string }) => p.id);
    expect(listed).toEqual([mine.id]);
    expect((await call(rep, 'GET', `/crm/parties/${mine.id}`)).statusCode).toBe(200);
    const before = await databaseFingerprint(t.database);
    const read = await call(rep, 'GET', `/crm/parties/${theirs.id}`);
    expect(read.statusCode).toBe(404);
    const change = await call(rep, 'PATCH', `/crm/parties/${theirs.id}`, { version: 1, name: 'Taken over' });
    expect(change.statusCode).toBe(404);
    expect(change.json().code).toBe('crm.party_not_found');
    expect(await databaseFingerprint(t.database)).toEqual(before);
    const all = (await call(admin, 'GET', '/crm/parties?limit=200'))
      .json()
      .data.map((p: { id: string }) => p.id);
    expect(all).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });
});

describe('field rules', () => {
  it("mask a party's tax id for a role without the permission, in records and pages", async () => {
    const party = (
      await call(admin, 'POST', '/crm/parties', {
        kind: 'organisation',
        name: 'Taxed Ltd',
        isSupplier: true,
        taxId: 'FR40303265045',
      })
    ).json();
    expect(party.taxId).toBe('FR40303265045');
    const cashier = await joinCompany(t.database, admin.companyId, 'cashier');
    const one = (await call(cashier, 'GET', `/crm/parties/${party.id}`)).json();
    expect(one.taxId).toBe('•••45');
    expect(one.name).toBe('Taxed Ltd');
    const page = (await call(cashier, 'GET', '/crm/parties?q=Taxed')).json();
    expect(page.data[0].taxId).toBe('•••45');
    const accountant = await joinCompany(t.database, admin.companyId, 'accountant');
    expect((await call(accountant, 'GET', `/crm/parties/${party.id}`)).json().taxId).toBe('FR40303265045');
  });
});
