import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createMember, useTestApp } from '../../../../test/support/app.ts';
import { databaseFingerprint } from '../../../../test/support/counts.ts';
import { useOidcProvider } from '../../../../test/support/oidc.ts';
import { withSystemTx } from '../../db/tx.ts';
import { newId } from '../../ids.ts';

const PUBLIC_URL = 'http://tandem.test';
const existingEmail = `sso-${newId()}@example.test`;
const newcomerEmail = `newcomer-${newId()}@example.test`;
const provider = useOidcProvider(
  {
    existing: { email: existingEmail, emailVerified: true },
    newcomer: { email: newcomerEmail, emailVerified: true, name: 'New Comer' },
    stranger: { email: `stranger-${newId()}@example.test`, emailVerified: true },
    unverified: { email: existingEmail, emailVerified: false },
  },
  `${PUBLIC_URL}/api/v1/auth/oidc/callback`,
);
const t = useTestApp(() => ({
  TANDEM_PUBLIC_URL: PUBLIC_URL,
  TANDEM_OIDC_ISSUER: provider.issuer,
  TANDEM_OIDC_CLIENT_ID: provider.clientId,
  TANDEM_OIDC_CLIENT_SECRET: provider.clientSecret,
}));

async function ssoAs(accountId: string, query = '') {
  const start = await t.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/start${query}` });
  expect(start.statusCode).toBe(302);
  const authorizationUrl = start.headers.location as string;
  expect(authorizationUrl).toContain('code_challenge_method=S256');
  const back = await provider.signIn(authorizationUrl, accountId);
  return t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
}

describe('single sign-on with OpenID Connect', () => {
  it('signs in a member matched by verified email (authorization code + PKCE)', async () => {
    const member = await createMember(t.database);
    // The member's account takes the address the provider knows.
    await withSystemTx(t.database, (db) =>
      db.execute(sql`update users set email = ${existingEmail} where id = ${member.userId}`),
    );
    const callback = await ssoAs('existing');
    expect(callback.statusCode).toBe(201);
    expect(callback.json()).toMatchObject({ user: { id: member.userId }, company: { id: member.companyId } });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${callback.json().token}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('provisions a new person and accepts the invitation waiting for their address', async () => {
    const admin = await createMember(t.database);
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations',
      headers: admin.auth,
      payload: { email: newcomerEmail, role: 'support_agent' },
    });
    expect(invited.statusCode).toBe(201);
    const callback = await ssoAs('newcomer');
    expect(callback.statusCode).toBe(201);
    expect(callback.json()).toMatchObject({
      user: { email: newcomerEmail, displayName: 'New Comer' },
      company: { id: admin.companyId, role: 'support_agent' },
    });
  });

  it('sends a browser home with session cookies', async () => {
    const callback = await ssoAs('existing', '?cookie=true');
    expect(callback.statusCode).toBe(303);
    expect(callback.headers.location).toBe(`${PUBLIC_URL}/`);
    expect(String(callback.headers['set-cookie'])).toMatch(/tandem_session=.*HttpOnly/);
  });

  it('refuses an address the provider has not verified, and a person with no company, opening no session', async () => {
    const before = await databaseFingerprint(t.database);
    const unverified = await ssoAs('unverified');
    expect(unverified.statusCode).toBe(403);
    expect(unverified.json().code).toBe('auth.oidc_email_unverified');
    const stranger = await ssoAs('stranger');
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('auth.not_a_member');
    const after = await databaseFingerprint(t.database);
    expect(after.auth_sessions).toBe(before.auth_sessions);
  });

  it('refuses a made-up or replayed state', async () => {
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/callback?code=abc&state=forged',
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('auth.oidc_failed');
  });
});
