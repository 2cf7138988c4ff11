import { describe, expect, it } from 'vitest';
import { createMember, TEST_PASSWORD, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { withSystemTx } from '../db/tx.ts';
import { resetPassword } from './users.ts';

const t = useTestApp();

function signIn(payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/sessions', payload });
}

describe('sessions', () => {
  it('sign in with email and password, say who and where, and sign out', async () => {
    const member = await createMember(t.database);
    const response = await signIn({ email: member.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.statusCode).toBe(201);
    const { token } = response.json();
    const auth = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(me.json()).toMatchObject({
      user: { id: member.userId },
      company: { id: member.companyId },
      role: 'admin',
    });
    const out = await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/sessions/current', headers: auth });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('platform.unauthenticated');
  });

  it('answer a wrong password and an unknown email alike, and write nothing', async () => {
    const member = await createMember(t.database);
    const before = await databaseFingerprint(t.database);
    const wrong = await signIn({ email: member.email, password: 'not the password' });
    const unknown = await signIn({ email: 'nobody@example.test', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const { requestId: _a, ...wrongBody } = wrong.json();
    const { requestId: _b, ...unknownBody } = unknown.json();
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody.code).toBe('auth.invalid_credentials');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('end when the password is reset', async () => {
    const member = await createMember(t.database);
    await withSystemTx(t.database, (db) => resetPassword(db, member.email, 'a brand new passphrase'));
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: member.auth });
    expect(me.statusCode).toBe(401);
    expect((await signIn({ email: member.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await signIn({ email: member.email, password: 'a brand new passphrase' })).statusCode).toBe(201);
  });

  it('refuse a password that is too short', async () => {
    const member = await createMember(t.database);
    await expect(
      withSystemTx(t.database, (db) => resetPassword(db, member.email, 'short')),
    ).rejects.toMatchObject({
      code: 'auth.password_too_weak',
    });
  });
});
