import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createMember, type Member, TEST_PASSWORD, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { withSystemTx } from '../db/tx.ts';

const t = useTestApp();
const tls = useTestApp({ TANDEM_TRUST_PROXY: 'on' });
const party = { kind: 'person', name: 'Cookie Customer', isCustomer: true };

async function browserSignIn(member: Member, app = t.app, headers: Record<string, string> = {}) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sessions',
    headers,
    payload: { email: member.email, password: TEST_PASSWORD, cookie: true },
  });
  expect(response.statusCode).toBe(201);
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const session = cookies.find((c) => c.startsWith('tandem_session='))!;
  const value = /^tandem_session=([^;]+)/.exec(session)![1]!;
  return {
    response,
    cookies,
    session,
    cookie: `tandem_session=${value}`,
    csrf: response.json().csrfToken as string,
  };
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

describe('browser sessions', () => {
  it('live in an httpOnly, SameSite=Lax cookie; the token is not in the body', async () => {
    const member = await createMember(t.database);
    const { response, session, cookies, cookie } = await browserSignIn(member);
    expect(response.json().token).toBeUndefined();
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    expect(cookies.find((c) => c.startsWith('tandem_csrf='))).not.toMatch(/HttpOnly/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
  });

  it('are Secure when served over TLS', async () => {
    const member = await createMember(tls.database);
    const { session } = await browserSignIn(member, tls.app, { 'x-forwarded-proto': 'https' });
    expect(session).toMatch(/; Secure/);
  });

  it('need the CSRF token for writes, and refuse another origin, writing nothing', async () => {
    const member = await createMember(t.database);
    const { cookie, csrf } = await browserSignIn(member);
    const write = (headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/crm/parties',
        headers: { cookie, ...headers },
        payload: party,
      });
    await expectRefused(() => write({}), 403, 'auth.csrf_failed');
    await expectRefused(() => write({ 'x-csrf-token': `${csrf.slice(0, -2)}xx` }), 403, 'auth.csrf_failed');
    await expectRefused(
      () => write({ 'x-csrf-token': csrf, origin: 'https://evil.example' }),
      403,
      'auth.csrf_failed',
    );
    expect((await write({ 'x-csrf-token': csrf })).statusCode).toBe(201);
    expect((await write({ 'x-csrf-token': csrf, origin: 'http://localhost:80' })).statusCode).toBe(201);
  });

  it('end on sign-out, and everywhere at once', async () => {
    const member = await createMember(t.database);
    const browser = await browserSignIn(member);
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/auth/sessions/current',
      headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/tandem_session=; .*Max-Age=0/);
    await expectRefused(
      () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: browser.cookie } }),
      401,
      'platform.unauthenticated',
    );
    const second = await browserSignIn(member);
    const everywhere = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/auth/sessions',
      headers: member.auth,
    });
    expect(everywhere.statusCode).toBe(204);
    for (const headers of [member.auth, { cookie: second.cookie }]) {
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
      expect(me.statusCode).toBe(401);
    }
  });

  it('expire', async () => {
    const member = await createMember(t.database);
    const { cookie } = await browserSignIn(member);
    await withSystemTx(t.database, (db) =>
      db.execute(
        sql`update auth_sessions set expires_at = now() - interval '1 second' where user_id = ${member.userId}`,
      ),
    );
    await expectRefused(
      () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } }),
      401,
      'platform.unauthenticated',
    );
  });
});
