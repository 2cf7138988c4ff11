import { describe, expect, it } from 'vitest';
import { createMember, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { withSystemTx } from '../db/tx.ts';
import { addMember } from './companies.ts';

const t = useTestApp();

describe('the company switcher', () => {
  it('lists my companies and moves my session to another, ending this one', async () => {
    const member = await createMember(t.database);
    const other = await createMember(t.database);
    await withSystemTx(t.database, (db) =>
      addMember(db, { companyId: other.companyId, userId: member.userId, role: 'accountant' }),
    );
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/auth/companies', headers: member.auth });
    expect(mine.json().data.map((c: { id: string; role: string }) => [c.id, c.role])).toEqual([
      [member.companyId, 'admin'],
      [other.companyId, 'accountant'],
    ]);
    const switched = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/switch',
      headers: member.auth,
      payload: { companyId: other.companyId },
    });
    expect(switched.statusCode).toBe(201);
    expect(switched.json().company).toMatchObject({ id: other.companyId, role: 'accountant' });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${switched.json().token}` },
    });
    expect(me.json()).toMatchObject({ company: { id: other.companyId }, role: 'accountant' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: member.auth })).statusCode,
    ).toBe(401);
  });

  it('refuses a company I do not belong to, writing nothing', async () => {
    const member = await createMember(t.database);
    const stranger = await createMember(t.database);
    const before = await databaseFingerprint(t.database);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sessions/switch',
      headers: member.auth,
      payload: { companyId: stranger.companyId },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('auth.not_a_member');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });
});
