import { describe, expect, it } from 'vitest';
import { commonPasswordReason } from './common-passwords.ts';
import { checkPasswordStrength } from './users.ts';

describe('password strength', () => {
  it('refuses common and patterned passwords, and ones built on the email address', () => {
    expect(commonPasswordReason('Password1234')).toMatch(/most common/);
    expect(commonPasswordReason('aaaaaaaaaaaaaa')).toMatch(/repeats one character/);
    expect(commonPasswordReason('abcabcabcabc')).toMatch(/short pattern/);
    expect(commonPasswordReason('jane.doe.2024!', 'jane.doe@example.test')).toMatch(/email/);
    expect(commonPasswordReason('a long and unusual sentence')).toBeUndefined();
  });

  it('answers auth.password_too_weak with the reason', () => {
    expect(() => checkPasswordStrength('short')).toThrow(/at least 12/);
    expect(() => checkPasswordStrength('qwerty123456')).toThrow(
      expect.objectContaining({ code: 'auth.password_too_weak' }),
    );
  });
});
