import { describe, expect, it } from 'vitest';
import { createMember, TEST_PASSWORD, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { useSmtpServer } from '../../../test/support/smtp.ts';
import { newId } from '../ids.ts';

const inbox = useSmtpServer();
const t = useTestApp(() => ({ TANDEM_SMTP_URL: inbox.url, TANDEM_PUBLIC_URL: 'https://erp.example.test' }));

function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers,
    payload: payload as object,
    // Each from its own address: these routes have tight per-address limits.
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
}

function tokenIn(text: string, path: string): string {
  const match = new RegExp(`https://erp\\.example\\.test/${path}\\?token=(\\S+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1]!;
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

describe('password reset by email', () => {
  it('mails a single-use link through SMTP that sets a new password and signs out everywhere', async () => {
    const member = await createMember(t.database);
    const asked = await post('/auth/password-resets', { email: member.email.toUpperCase() });
    expect(asked.statusCode).toBe(202);
    const mail = await inbox.waitFor(member.email);
    expect(mail.subject).toBe('Reset your Tandem password');
    const token = tokenIn(mail.text ?? '', 'reset-password');
    const done = await post('/auth/password-resets/complete', { token, password: 'a fresh long passphrase' });
    expect(done.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: member.auth })).statusCode,
    ).toBe(401);
    expect((await post('/auth/sessions', { email: member.email, password: TEST_PASSWORD })).statusCode).toBe(
      401,
    );
    expect(
      (await post('/auth/sessions', { email: member.email, password: 'a fresh long passphrase' })).statusCode,
    ).toBe(201);
    await expectRefused(
      () => post('/auth/password-resets/complete', { token, password: 'yet another passphrase' }),
      400,
      'auth.link_invalid',
    );
  });

  it('answers an unknown address exactly as a known one, and mails nothing', async () => {
    const member = await createMember(t.database);
    const known = await post('/auth/password-resets', { email: member.email });
    const unknownAddress = `nobody-${newId()}@example.test`;
    const unknown = await post('/auth/password-resets', { email: unknownAddress });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    await inbox.waitFor(member.email);
    expect(inbox.messages.some((m) => JSON.stringify(m.to).includes(unknownAddress))).toBe(false);
  });

  it('refuses a made-up token and a weak password, writing nothing', async () => {
    await expectRefused(
      () =>
        post('/auth/password-resets/complete', {
          token: 'tdr_madeupmadeupmadeup',
          password: 'a fresh long passphrase',
        }),
      400,
      'auth.link_invalid',
    );
    await expectRefused(
      () => post('/auth/password-resets/complete', { token: 'tdr_madeupmadeupmadeup', password: 'short' }),
      422,
      'auth.password_too_weak',
    );
  });
});

describe('invitations by email', () => {
  it('mail a link that makes a new person a member in the invited role, once', async () => {
    const admin = await createMember(t.database);
    const email = `new-${newId()}@example.test`;
    const invited = await post('/auth/invitations', { email, role: 'cashier' }, admin.auth);
    expect(invited.statusCode).toBe(201);
    const token = tokenIn((await inbox.waitFor(email)).text ?? '', 'accept-invitation');
    const accepted = await post('/auth/invitations/accept', {
      token,
      displayName: 'New Cashier',
      password: 'a long new passphrase',
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ companyId: admin.companyId, newUser: true });
    const session = await post('/auth/sessions', { email, password: 'a long new passphrase' });
    expect(session.json().company).toMatchObject({ id: admin.companyId, role: 'cashier' });
    await expectRefused(
      () =>
        post('/auth/invitations/accept', { token, displayName: 'Again', password: 'a long new passphrase' }),
      400,
      'auth.link_invalid',
    );
  });

  it('let a person with an account join another company, keeping their password', async () => {
    const admin = await createMember(t.database);
    const existing = await createMember(t.database);
    await post('/auth/invitations', { email: existing.email, role: 'buyer' }, admin.auth);
    const token = tokenIn((await inbox.waitFor(existing.email)).text ?? '', 'accept-invitation');
    const accepted = await post('/auth/invitations/accept', { token });
    expect(accepted.json()).toMatchObject({ userId: existing.userId, newUser: false });
    const session = await post('/auth/sessions', {
      email: existing.email,
      password: TEST_PASSWORD,
      companyId: admin.companyId,
    });
    expect(session.json().company.role).toBe('buyer');
  });

  it('refuse an unknown role and a current member, writing nothing', async () => {
    const admin = await createMember(t.database);
    await expectRefused(
      () => post('/auth/invitations', { email: 'x@example.test', role: 'astronaut' }, admin.auth),
      404,
      'rbac.role_not_found',
    );
    await expectRefused(
      () => post('/auth/invitations', { email: admin.email, role: 'buyer' }, admin.auth),
      409,
      'auth.already_member',
    );
  });
});
