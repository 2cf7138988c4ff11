import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isApiKeyToken, resolveApiKey } from '../auth/api-keys.ts';
import type { Principal } from '../auth/principal.ts';
import { resolveSession } from '../auth/sessions.ts';
import type { Database } from '../db/database.ts';
import { PlatformErrors } from '../errors.ts';
import { can } from '../rbac/permissions.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a caller needs, e.g. `crm.party.write`. Every non-public route declares one. */
    permission?: string;
    /** Reachable without credentials (health, docs, sign-in). */
    public?: boolean;
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

/** Checks the credential and the route's permission before the body is even read. */
export function registerAuthHook(app: FastifyInstance, database: Database) {
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Unknown routes fall through to the 404 handler, whatever the credential.
    if (!request.routeOptions.url) return;
    const token = bearerToken(request);
    let refusal = 'the session has expired or was signed out; sign in again';
    if (token && isApiKeyToken(token)) {
      const resolved = await resolveApiKey(database, token);
      if ('principal' in resolved) request.principal = resolved.principal;
      else refusal = resolved.refused;
    } else if (token) {
      request.principal = await resolveSession(database, token);
    }
    if (config.public) return;
    if (!request.principal) {
      throw token
        ? PlatformErrors.unauthenticated(refusal)
        : PlatformErrors.unauthenticated('send a bearer token: Authorization: Bearer <token>');
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
