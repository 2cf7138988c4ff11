import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createMember, TEST_PASSWORD, useTestApp } from '../../../test/support/app.ts';
import { databaseFingerprint } from '../../../test/support/counts.ts';
import { withSystemTx } from '../db/tx.ts';
import { MAX_FAILURES } from './throttle.ts';

const t = useTestApp();
let address = 0;

// Each attempt from another address, as in a distributed guessing attack: the per-address
// rate limit does not see them, the per-account lock must.
function signIn(email: string, password: string) {
  address++;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sessions',
    remoteAddress: `10.0.${Math.floor(address / 250)}.${address % 250}`,
    payload: { email, password },
  });
}

describe('per-account brute-force protection', () => {
  it('locks an account after repeated wrong passwords, even against the right one, writing no session', async () => {
    const member = await createMember(t.database);
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await signIn(member.email, 'wrong password')).json().code).toBe('auth.invalid_credentials');
    }
    const before = await databaseFingerprint(t.database);
    const locked = await signIn(member.email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.sign_in_locked');
    expect(await databaseFingerprint(t.database)).toEqual(before);
  });

  it('locks an unknown address the same way, so the lock tells nothing about who has an account', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await signIn('nobody-here@example.test', 'wrong password');
    const locked = await signIn('nobody-here@example.test', 'wrong password');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('auth.sign_in_locked');
  });

  it('forgets failures after a success, and unlocks when the lock runs out', async () => {
    const member = await createMember(t.database);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signIn(member.email, 'wrong password');
    expect((await signIn(member.email, TEST_PASSWORD)).statusCode).toBe(201);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await signIn(member.email, 'wrong password');
    expect((await signIn(member.email, TEST_PASSWORD)).statusCode).toBe(201);
    for (let i = 0; i < MAX_FAILURES; i++) await signIn(member.email, 'wrong password');
    expect((await signIn(member.email, TEST_PASSWORD)).statusCode).toBe(429);
    await withSystemTx(t.database, (db) =>
      db.execute(sql`update auth_sign_in_throttle set locked_until = now() - interval '1 second'`),
    );
    expect((await signIn(member.email, TEST_PASSWORD)).statusCode).toBe(201);
  });

  it('limits sign-in attempts per address too, with a clear 429', async () => {
    let last = 0;
    let code = '';
    for (let i = 0; i < 25 && last !== 429; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sessions',
        remoteAddress: '192.0.2.7',
        payload: { email: `guess-${i}@example.test`, password: 'wrong password' },
      });
      last = response.statusCode;
      code = response.json().code;
    }
    expect(last).toBe(429);
    expect(code).toBe('platform.rate_limited');
  });
});
