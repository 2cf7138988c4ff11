import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A long random bearer token, shown once. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored as their SHA-256: fast to look up, useless if the table leaks. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
