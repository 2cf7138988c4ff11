import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMember, joinCompany, type Member, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { queryRows } from '../db/database.ts';
import { withSystemTx } from '../db/tx.ts';
import { tokenHash } from './tokens.ts';

const t = useTestApp();
let admin: Member;
const party = { kind: 'organisation', name: 'Integration Ltd', isCustomer: true };

beforeAll(async () => {
  admin = await createMember(t.database);
});

async function makeKey(maker: Member, permissions: string[], extra: Record<string, unknown> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/api-keys',
    headers: maker.auth,
    payload: { name: 'shop sync', permissions, ...extra },
  });
}

function withKey(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
}

async function expectRefused(
  request: () => Promise<{ statusCode: number; json(): { code: string; detail?: string } }>,
  status: number,
  code: string,
  detail?: string,
) {
  const before = await databaseFingerprint(t.database);
  const response = await request();
  expect(response.statusCode).toBe(status);
  expect(response.json().code).toBe(code);
  if (detail) expect(response.json().detail).toContain(detail);
  expect(await databaseFingerprint(t.database)).toEqual(before);
}

describe('API keys', () => {
  it('are shown once, stored as SHA-256, act for their company, and are audited as api_key', async () => {
    const made = await makeKey(admin, ['crm.party.read', 'crm.party.write']);
    expect(made.statusCode).toBe(201);
    const key = made.json();
    expect(key.token).toMatch(/^tdk_[\w-]{43}$/);
    const [stored] = await withSystemTx(t.database, (db) =>
      queryRows<{ token_hash: string }>(db, sql`select token_hash from auth_api_keys where id = ${key.id}`),
    );
    expect(stored!.token_hash).toBe(tokenHash(key.token));
    const created = await withKey(key.token, 'POST', '/crm/parties', party);
    expect(created.statusCode).toBe(201);
    const [audit] = await withSystemTx(t.database, (db) =>
      queryRows<{ actor_type: string; actor_id: string }>(
        db,
        sql`select actor_type, actor_id from audit_log where entity_id = ${created.json().id}`,
      ),
    );
    expect(audit).toEqual({ actor_type: 'api_key', actor_id: key.id });
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/auth/api-keys', headers: admin.auth });
    const entry = listed.json().data.find((k: { id: string }) => k.id === key.id);
    expect(entry.lastUsedAt).not.toBeNull();
    expect(entry).not.toHaveProperty('token');
  });

  it('refuse what lies outside their permissions, and write nothing', async () => {
    const key = (await makeKey(admin, ['crm.party.read'])).json();
    expect((await withKey(key.token, 'GET', '/crm/parties')).statusCode).toBe(200);
    await expectRefused(() => withKey(key.token, 'POST', '/crm/parties', party), 403, 'platform.forbidden');
    // A key never holds the members-only session permission.
    await expectRefused(() => withKey(key.token, 'GET', '/auth/me'), 403, 'platform.forbidden');
  });

  it('stop working once revoked', async () => {
    const key = (await makeKey(admin, ['crm.party.write'])).json();
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/api-keys/${key.id}`,
      headers: admin.auth,
    });
    expect(revoked.statusCode).toBe(204);
    await expectRefused(
      () => withKey(key.token, 'POST', '/crm/parties', party),
      401,
      'platform.unauthenticated',
      'revoked',
    );
    await expectRefused(
      () => t.app.inject({ method: 'DELETE', url: `/api/v1/auth/api-keys/${key.id}`, headers: admin.auth }),
      404,
      'auth.api_key_not_found',
    );
  });

  it('stop working once expired', async () => {
    const key = (await makeKey(admin, ['crm.party.write'], { expiresInDays: 1 })).json();
    await withSystemTx(t.database, (db) =>
      db.execute(sql`update auth_api_keys set expires_at = now() - interval '1 second' where id = ${key.id}`),
    );
    await expectRefused(
      () => withKey(key.token, 'POST', '/crm/parties', party),
      401,
      'platform.unauthenticated',
      'expired',
    );
  });

  it('refuse an unknown token', async () => {
    await expectRefused(
      () => withKey('tdk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'GET', '/crm/parties'),
      401,
      'platform.unauthenticated',
    );
  });

  it('never exceed the role of the member who made them, then or later', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/rbac/roles',
      headers: admin.auth,
      payload: { key: 'integrator', name: 'Integrator', permissions: ['auth.api_key.manage', 'crm.party.*'] },
    });
    const role = created.json();
    const integrator = await joinCompany(t.database, admin.companyId, 'integrator');
    await expectRefused(() => makeKey(integrator, ['rbac.role.write']), 403, 'auth.api_key_exceeds_role');
    const key = (await makeKey(integrator, ['crm.party.write'])).json();
    expect((await withKey(key.token, 'POST', '/crm/parties', party)).statusCode).toBe(201);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/rbac/roles/${role.id}`,
      headers: admin.auth,
      payload: { version: role.version, permissions: ['auth.api_key.manage', 'crm.party.read'] },
    });
    await expectRefused(() => withKey(key.token, 'POST', '/crm/parties', party), 403, 'platform.forbidden');
  });

  it('are not made by other keys', async () => {
    const key = (await makeKey(admin, ['auth.api_key.manage'])).json();
    await expectRefused(
      () => withKey(key.token, 'POST', '/auth/api-keys', { name: 'child', permissions: ['crm.party.read'] }),
      403,
      'platform.forbidden',
    );
  });
});
