import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  createMember,
  joinCompany,
  type Member,
  TEST_PASSWORD,
  useTestApp,
} from '../../../../test/support/app.ts';
import { databaseFingerprint } from '../../../../test/support/counts.ts';
import { queryRows } from '../../db/database.ts';
import { withSystemTx } from '../../db/tx.ts';
import { base32Decode } from './base32.ts';
import { totp } from './totp.ts';

const t = useTestApp();

function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
}

/** Sets up TOTP for a member; returns the secret and the time whose code confirmed it. */
async function enroll(member: Member) {
  const started = await t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/totp', headers: member.auth });
  expect(started.statusCode).toBe(201);
  const { secret, otpauthUri } = started.json();
  expect(otpauthUri).toContain(`secret=${secret}`);
  const key = base32Decode(secret);
  const at = Date.now() / 1000;
  const confirmed = await post('/auth/mfa/totp/confirm', { code: totp(key, at) }, member.auth);
  expect(confirmed.statusCode).toBe(200);
  return { secret, key, at, recoveryCodes: confirmed.json().recoveryCodes as string[] };
}

async function challengeFor(member: Member) {
  const response = await post('/auth/sessions', { email: member.email, password: TEST_PASSWORD });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toMatchObject({ mfaRequired: true });
  return response.json().challenge as string;
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

describe('TOTP sign-in', () => {
  it('takes password, then challenge and code; a replayed code is refused; the seed is sealed at rest', async () => {
    const member = await createMember(t.database);
    const { secret, key, at, recoveryCodes } = await enroll(member);
    expect(recoveryCodes).toHaveLength(10);
    const [stored] = await withSystemTx(t.database, (db) =>
      queryRows<{ secret_sealed: string }>(
        db,
        sql`select secret_sealed from auth_mfa_totp where user_id = ${member.userId}`,
      ),
    );
    expect(stored!.secret_sealed).toMatch(/^v1:test:/);
    expect(stored!.secret_sealed).not.toContain(secret);
    expect(stored!.secret_sealed).not.toContain(key.toString('base64url'));
    const challenge = await challengeFor(member);
    // The code that confirmed the authenticator has been used: it cannot sign in.
    await expectRefused(
      () => post('/auth/sessions/mfa', { challenge, code: totp(key, at) }),
      401,
      'auth.mfa_code_replayed',
    );
    const session = await post('/auth/sessions/mfa', { challenge, code: totp(key, at + 30) });
    expect(session.statusCode).toBe(201);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${session.json().token}` },
    });
    expect(me.json().user.id).toBe(member.userId);
    // A challenge is single-use.
    await expectRefused(
      () => post('/auth/sessions/mfa', { challenge, code: totp(key, at + 60) }),
      401,
      'auth.mfa_challenge_invalid',
    );
  });

  it('accepts each recovery code once', async () => {
    const member = await createMember(t.database);
    const { recoveryCodes } = await enroll(member);
    const first = await post('/auth/sessions/mfa', {
      challenge: await challengeFor(member),
      recoveryCode: recoveryCodes[0],
    });
    expect(first.statusCode).toBe(201);
    const challenge = await challengeFor(member);
    await expectRefused(
      () => post('/auth/sessions/mfa', { challenge, recoveryCode: recoveryCodes[0]!.toLowerCase() }),
      401,
      'auth.mfa_code_invalid',
    );
  });

  it('refuses a wrong code, and gives up on a challenge after five tries', async () => {
    const member = await createMember(t.database);
    const { key, at } = await enroll(member);
    const challenge = await challengeFor(member);
    const wrong = totp(key, at + 30) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await expectRefused(
        () => post('/auth/sessions/mfa', { challenge, code: wrong }),
        401,
        'auth.mfa_code_invalid',
      );
    }
    await expectRefused(
      () => post('/auth/sessions/mfa', { challenge, code: totp(key, at + 30) }),
      401,
      'auth.mfa_challenge_invalid',
    );
  });

  it('refuses a wrong first code and a second setup once confirmed', async () => {
    const member = await createMember(t.database);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/totp', headers: member.auth });
    await expectRefused(
      () => post('/auth/mfa/totp/confirm', { code: '000000' }, member.auth),
      401,
      'auth.mfa_code_invalid',
    );
    const other = await createMember(t.database);
    await expectRefused(
      () => post('/auth/mfa/totp/confirm', { code: '000000' }, other.auth),
      409,
      'auth.mfa_not_started',
    );
    await enroll(other);
    await expectRefused(
      () => t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/totp', headers: other.auth }),
      409,
      'auth.mfa_already_enabled',
    );
  });
});

describe('a role that requires MFA', () => {
  it('lets its members do nothing but set up a second factor until they have passed one', async () => {
    const admin = await createMember(t.database);
    const cashier = await joinCompany(t.database, admin.companyId, 'cashier');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/crm/parties', headers: cashier.auth })).statusCode,
    ).toBe(200);
    const roles = (
      await t.app.inject({ method: 'GET', url: '/api/v1/rbac/roles?limit=200', headers: admin.auth })
    ).json().data;
    const role = roles.find((r: { key: string }) => r.key === 'cashier');
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/rbac/roles/${role.id}`,
      headers: admin.auth,
      payload: { version: role.version, mfaRequired: true },
    });
    expect(edited.statusCode).toBe(200);
    await expectRefused(
      () => t.app.inject({ method: 'GET', url: '/api/v1/crm/parties', headers: cashier.auth }),
      403,
      'auth.mfa_required',
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: cashier.auth })).statusCode,
    ).toBe(200);
    await enroll(cashier);
    // Confirming counts for the session it was done in.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/crm/parties', headers: cashier.auth })).statusCode,
    ).toBe(200);
  });
});
