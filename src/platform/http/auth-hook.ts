import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isApiKeyToken, resolveApiKey } from '../auth/api-keys.ts';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenMatches, readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import { AuthErrors } from '../auth/errors.ts';
import type { Principal } from '../auth/principal.ts';
import { resolveSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { PlatformErrors } from '../errors.ts';
import { can, EVERY_MEMBER } from '../rbac/permissions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller needs, e.g. `crm.party.write`. Every non-public route declares one. */
    permission?: string;
    /** Reachable without credentials (health, docs, sign-in). */
    public?: boolean;
    /**
     * Sensitive fields of the answer and the permission that reveals each (`{ taxId:
     * 'crm.party_tax_id.read' }`); without it they are masked (http/field-rules.ts).
     */
    fieldRules?: Record<string, string>;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** The session token of a browser, from its httpOnly cookie, when no bearer token is sent. */
export function cookieToken(request: FastifyRequest): string | undefined {
  return bearerToken(request) ? undefined : readCookie(request, SESSION_COOKIE);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function resolvePrincipal(database: Database, request: FastifyRequest): Promise<string | undefined> {
  const token = bearerToken(request) ?? cookieToken(request);
  if (!token) return undefined;
  if (isApiKeyToken(token)) {
    const resolved = await resolveApiKey(database, token);
    if ('principal' in resolved) request.principal = resolved.principal;
    return 'principal' in resolved ? undefined : resolved.refused;
  }
  request.principal = await resolveSession(database, token);
  return 'the session has expired or was signed out; sign in again';
}

// A write sent with the session cookie must carry the session's CSRF token, and come from this
// origin or an allowed one when the browser says where it comes from.
function checkCsrf(request: FastifyRequest, allowedOrigins: readonly string[]) {
  const token = cookieToken(request);
  if (!token || SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin && origin !== `${request.protocol}://${request.host}` && !allowedOrigins.includes(origin)) {
    throw AuthErrors.csrf_failed(`requests from ${origin} may not use this session`);
  }
  if (!csrfTokenMatches(token, request.headers[CSRF_HEADER])) {
    throw AuthErrors.csrf_failed(`send the ${CSRF_COOKIE} cookie's value in the X-CSRF-Token header`);
  }
}

/** Checks the credential and the route's permission before the body is even read. */
export function registerAuthHook(
  app: FastifyInstance,
  database: Database,
  allowedOrigins: readonly string[] = [],
) {
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Unknown routes fall through to the 404 handler, whatever the credential.
    if (!request.routeOptions.url) return;
    const refusal = await resolvePrincipal(database, request);
    if (config.public) return;
    if (!request.principal) {
      throw refusal
        ? PlatformErrors.unauthenticated(refusal)
        : PlatformErrors.unauthenticated('send a bearer token (Authorization: Bearer <token>) or sign in');
    }
    checkCsrf(request, allowedOrigins);
    if (request.principal.mfaPending && !EVERY_MEMBER.has(config.permission ?? '')) {
      throw AuthErrors.mfa_required();
    }
    if (!config.permission || !can(request.principal, config.permission)) {
      throw PlatformErrors.forbidden(`this needs the permission ${config.permission ?? '(undeclared)'}`);
    }
  });
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw PlatformErrors.unauthenticated();
  return request.principal;
}
