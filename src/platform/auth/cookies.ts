import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from './tokens.ts';

// Browser sessions: the session token in an httpOnly cookie (scripts cannot read it), SameSite=Lax
// (other sites' forms and scripts do not send it on writes), Secure over TLS. Writes made with the
// cookie also need the CSRF token in a header: a value derived from the session token, which a page
// of another origin can neither read nor compute. See docs/decisions/0011-cookie-sessions-and-csrf.md.

export const SESSION_COOKIE = 'tandem_session';
export const CSRF_COOKIE = 'tandem_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/** The CSRF token of a session: HMAC of a fixed label under the session token. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('tandem csrf v1').digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, given: unknown): boolean {
  return typeof given === 'string' && constantTimeEqual(csrfTokenFor(sessionToken), given);
}

function cookie(
  name: string,
  value: string,
  options: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number },
) {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    `Max-Age=${options.maxAgeSeconds}`,
    'SameSite=Lax',
    ...(options.httpOnly ? ['HttpOnly'] : []),
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Sets the session cookie and the readable CSRF cookie (for a page reloaded later). */
export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
) {
  const secure = request.protocol === 'https';
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  reply.header('set-cookie', [
    cookie(SESSION_COOKIE, token, { httpOnly: true, secure, maxAgeSeconds }),
    cookie(CSRF_COOKIE, csrfTokenFor(token), { httpOnly: false, secure, maxAgeSeconds }),
  ]);
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply) {
  const secure = request.protocol === 'https';
  reply.header('set-cookie', [
    cookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAgeSeconds: 0 }),
    cookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAgeSeconds: 0 }),
  ]);
}
