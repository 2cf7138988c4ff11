import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.ts';
import { hotp, matchTotp, totp } from './totp.ts';

type Vectors = {
  hotp_rfc4226: { secret_hex: string; secret_base32: string; vectors: { counter: number; hotp: string }[] };
  totp_rfc6238: {
    step_seconds: number;
    digits: number;
    secrets_hex: Record<string, string>;
    vectors: { time: number; mode: 'SHA1' | 'SHA256' | 'SHA512'; totp: string }[];
  };
};

const vectors = JSON.parse(
  readFileSync(new URL('../../../../test/conformance/otp-test-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

describe('one-time passwords', () => {
  it('match the HOTP vectors of RFC 4226 Appendix D', () => {
    const secret = Buffer.from(vectors.hotp_rfc4226.secret_hex, 'hex');
    for (const v of vectors.hotp_rfc4226.vectors) expect(hotp(secret, v.counter)).toBe(v.hotp);
  });

  it('match the TOTP vectors of RFC 6238 Appendix B, in SHA1, SHA256 and SHA512', () => {
    const t = vectors.totp_rfc6238;
    expect(t.vectors.length).toBe(18);
    for (const v of t.vectors) {
      const secret = Buffer.from(t.secrets_hex[v.mode]!, 'hex');
      const algorithm = v.mode.toLowerCase() as 'sha1';
      expect(totp(secret, v.time, { stepSeconds: t.step_seconds, digits: t.digits, algorithm })).toBe(v.totp);
    }
  });

  it('accept a code one step early or late, and nothing further off', () => {
    const secret = Buffer.from(vectors.hotp_rfc4226.secret_hex, 'hex');
    const now = 1_111_111_109;
    const step = Math.floor(now / 30);
    expect(matchTotp(secret, totp(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totp(secret, now - 30), now)).toBe(step - 1);
    expect(matchTotp(secret, totp(secret, now + 30), now)).toBe(step + 1);
    expect(matchTotp(secret, totp(secret, now - 90), now)).toBeNull();
    expect(matchTotp(secret, '12345', now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('encode secrets in base32 as authenticator apps expect', () => {
    const secret = Buffer.from(vectors.hotp_rfc4226.secret_hex, 'hex');
    expect(base32Encode(secret)).toBe(vectors.hotp_rfc4226.secret_base32);
    expect(base32Decode(vectors.hotp_rfc4226.secret_base32).equals(secret)).toBe(true);
  });
});
