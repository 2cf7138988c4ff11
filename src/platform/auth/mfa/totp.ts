import { createHmac, timingSafeEqual } from 'node:crypto';

// HOTP (RFC 4226) and TOTP (RFC 6238) on node:crypto; tested against both RFCs' vectors.
// See docs/decisions/0009-totp-on-node-crypto-and-sealed-seeds.md for why this is not a library.

export type TotpOptions = { stepSeconds: number; digits: number; algorithm: 'sha1' | 'sha256' | 'sha512' };
export const TOTP_DEFAULTS: TotpOptions = { stepSeconds: 30, digits: 6, algorithm: 'sha1' };

export function hotp(
  secret: Buffer,
  counter: number,
  digits = 6,
  algorithm: TotpOptions['algorithm'] = 'sha1',
) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpStep(unixSeconds: number, stepSeconds = TOTP_DEFAULTS.stepSeconds): number {
  return Math.floor(unixSeconds / stepSeconds);
}

export function totp(secret: Buffer, unixSeconds: number, options: TotpOptions = TOTP_DEFAULTS): string {
  return hotp(secret, totpStep(unixSeconds, options.stepSeconds), options.digits, options.algorithm);
}

/**
 * The time step a code belongs to, within one step either side of now (clock drift), or null.
 * Callers refuse a step at or before the last one used: a code works once.
 */
export function matchTotp(
  secret: Buffer,
  code: string,
  unixSeconds: number,
  options = TOTP_DEFAULTS,
): number | null {
  if (!/^\d+$/.test(code) || code.length !== options.digits) return null;
  const now = totpStep(unixSeconds, options.stepSeconds);
  let matched: number | null = null;
  for (const step of [now - 1, now, now + 1]) {
    const expected = hotp(secret, step, options.digits, options.algorithm);
    // Every candidate is compared, in constant time, so the timing says nothing about which.
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code))) matched = step;
  }
  return matched;
}
