import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, joinCompany, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { DEFAULT_ROLES } from './default-roles.ts';

const t = useTestApp();
let admin: Member;

beforeAll(async () => {
  admin = await createMember(t.database);
});

function call(member: Member, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: member.auth,
    ...(payload ? { payload } : {}),
  });
}

async function expectRefused(
  request: () => Promise<{ statusCode: number; json(): { code: string } }>,
  status: number,
  code: string,
) {
  const before = await databaseFingerprint(t.database);
  const response = await request();
  expect(response.statusCode).toBe(status);
  expect(response.json().code).toBe(code);
  expect(await databaseFingerprint(t.database)).toEqual(before);
}

async function roleByKey(key: string) {
  const roles = (await call(admin, 'GET', '/rbac/roles?limit=200')).json().data as {
    id: string;
    key: string;
    version: number;
    permissions: string[];
  }[];
  return roles.find((r) => r.key === key)!;
}

describe('roles', () => {
  it('are seeded for a new company: one per kind of person who uses Tandem', async () => {
    const response = await call(admin, 'GET', '/rbac/roles?limit=200');
    expect(response.statusCode).toBe(200);
    expect(
      response
        .json()
        .data.map((r: { key: string }) => r.key)
        .sort(),
    ).toEqual(DEFAULT_ROLES.map((r) => r.key).sort());
    expect((await roleByKey('admin')).permissions).toEqual(['*']);
  });

  it('list the permission catalogue from the route registry', async () => {
    const response = await call(admin, 'GET', '/rbac/permissions');
    expect(response.json().data).toEqual(
      expect.arrayContaining(['crm.party.read', 'crm.party.write', 'rbac.role.write', 'sales.order.read']),
    );
  });

  it('are created and assigned; an edit mid-session takes effect on the next request', async () => {
    const created = await call(admin, 'POST', '/rbac/roles', {
      key: 'party_viewer',
      name: 'Party viewer',
      permissions: ['crm.party.read', 'crm.party.write'],
    });
    expect(created.statusCode).toBe(201);
    const role = created.json();
    const colleague = await joinCompany(t.database, admin.companyId, 'marketer');
    expect(
      (await call(colleague, 'POST', '/crm/parties', { kind: 'person', name: 'A', isCustomer: true }))
        .statusCode,
    ).toBe(403);
    const assigned = await call(admin, 'PUT', `/rbac/members/${colleague.userId}/role`, {
      role: 'party_viewer',
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ userId: colleague.userId, role: 'party_viewer' });
    expect(
      (await call(colleague, 'POST', '/crm/parties', { kind: 'person', name: 'B', isCustomer: true }))
        .statusCode,
    ).toBe(201);
    const edited = await call(admin, 'PATCH', `/rbac/roles/${role.id}`, {
      version: 1,
      permissions: ['crm.party.read'],
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, permissions: ['crm.party.read'] });
    await expectRefused(
      () => call(colleague, 'POST', '/crm/parties', { kind: 'person', name: 'C', isCustomer: true }),
      403,
      'platform.forbidden',
    );
    expect((await call(colleague, 'GET', '/crm/parties')).statusCode).toBe(200);
  });

  it('refuse a permission nobody declares, and write nothing', async () => {
    await expectRefused(
      () =>
        call(admin, 'POST', '/rbac/roles', { key: 'typo', name: 'Typo', permissions: ['crm.party.raed'] }),
      422,
      'rbac.unknown_permission',
    );
    await expectRefused(
      () => call(admin, 'POST', '/rbac/roles', { key: 'typo', name: 'Typo', permissions: ['crm.*.read'] }),
      422,
      'rbac.unknown_permission',
    );
  });

  it('refuse a second role with the same key', async () => {
    await expectRefused(
      () => call(admin, 'POST', '/rbac/roles', { key: 'cashier', name: 'Another cashier', permissions: [] }),
      409,
      'rbac.role_key_taken',
    );
  });

  it('refuse to leave the company without a member who holds every permission', async () => {
    const owner = await createMember(t.database);
    await expectRefused(
      () => call(owner, 'PUT', `/rbac/members/${owner.userId}/role`, { role: 'accountant' }),
      409,
      'rbac.last_admin',
    );
    const roles = (await call(owner, 'GET', '/rbac/roles?limit=200')).json().data as {
      id: string;
      key: string;
    }[];
    const adminRole = roles.find((r) => r.key === 'admin')!;
    await expectRefused(
      () => call(owner, 'PATCH', `/rbac/roles/${adminRole.id}`, { version: 1, permissions: ['crm.*'] }),
      409,
      'rbac.last_admin',
    );
  });

  it('refuse an unknown role, a stranger, and a stale version', async () => {
    const colleague = await joinCompany(t.database, admin.companyId, 'buyer');
    await expectRefused(
      () => call(admin, 'PUT', `/rbac/members/${colleague.userId}/role`, { role: 'astronaut' }),
      404,
      'rbac.role_not_found',
    );
    const stranger = await createMember(t.database);
    await expectRefused(
      () => call(admin, 'PUT', `/rbac/members/${stranger.userId}/role`, { role: 'buyer' }),
      404,
      'rbac.member_not_found',
    );
    const buyer = await roleByKey('buyer');
    await expectRefused(
      () => call(admin, 'PATCH', `/rbac/roles/${buyer.id}`, { version: buyer.version + 5, name: 'Buyer 2' }),
      409,
      'platform.version_conflict',
    );
  });

  it('list members with their roles', async () => {
    const response = await call(admin, 'GET', '/rbac/members?sort=joinedAt');
    expect(response.statusCode).toBe(200);
    expect(response.json().data[0]).toMatchObject({ userId: admin.userId, role: 'admin' });
  });
});
