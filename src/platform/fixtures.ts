import { createApiKey } from './auth/api-keys.ts';
import type { FixtureFactory } from './module.ts';
import { createRole } from './rbac/roles.ts';

// The platform's own routes (auth, rbac, audit) aimed at another company's records, for the
// registry-driven cross-company test (test/e2e/cross-company.test.ts).
export const platformFixtures: FixtureFactory = async (tx, { userId }) => {
  const role = await createRole(
    tx,
    { key: 'fixture_role', name: 'Fixture', permissions: ['crm.*'], mfaRequired: false, recordRules: {} },
    new Set(),
  );
  const maker = {
    actor: { type: 'user' as const, id: userId },
    userId,
    companyId: tx.ctx.companyId,
    role: 'admin',
    permissions: new Set(['*']),
    sessionId: null,
    credentialKey: 'fixture',
  };
  const key = await createApiKey(
    tx,
    maker,
    { name: 'fixture', permissions: ['crm.party.read'], expiresInDays: 1 },
    new Set(['crm.party.read']),
  );
  const trail = { entity: 'rbac.role', entityId: role.id };
  return {
    ids: [role.id, key.id, key.tokenPrefix],
    routes: {
      'GET /api/v1/auth/me': {},
      'DELETE /api/v1/auth/sessions/current': { namesNoRecord: "ends the caller's own session" },
      'DELETE /api/v1/auth/sessions': { namesNoRecord: "ends the caller's own sessions" },
      'GET /api/v1/auth/companies': {},
      'POST /api/v1/auth/sessions/switch': { body: { companyId: tx.ctx.companyId } },
      'POST /api/v1/auth/mfa/totp': { namesNoRecord: "sets up the caller's own second factor" },
      'POST /api/v1/auth/mfa/totp/confirm': { namesNoRecord: "confirms the caller's own second factor" },
      'POST /api/v1/auth/invitations': { namesNoRecord: 'invites an address into the caller’s company' },
      'POST /api/v1/auth/api-keys': { namesNoRecord: 'makes a key in the caller’s company' },
      'GET /api/v1/auth/api-keys': {},
      'DELETE /api/v1/auth/api-keys/:id': { params: { id: key.id } },
      'GET /api/v1/rbac/permissions': {},
      'GET /api/v1/rbac/roles': {},
      'GET /api/v1/rbac/roles/:id': { params: { id: role.id } },
      'POST /api/v1/rbac/roles': { namesNoRecord: 'creates a role that refers to no other record' },
      'PATCH /api/v1/rbac/roles/:id': {
        params: { id: role.id },
        body: { version: role.version, name: 'Hijacked' },
      },
      'GET /api/v1/rbac/members': {},
      'PUT /api/v1/rbac/members/:userId/role': { params: { userId }, body: { role: 'cashier' } },
      'GET /api/v1/audit/records/:entity/:entityId': { params: trail },
      'GET /api/v1/audit/entries': { query: { entityId: role.id } },
      'GET /api/v1/audit/entries.csv': { query: { entityId: role.id } },
    },
  };
};
