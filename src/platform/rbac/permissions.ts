import type { Principal } from '../auth/principal.ts';

// Permissions are named `<module>.<entity>.<action>` and declared on every route. A role holds
// exact names or wildcards: `crm.*` (a whole module), `crm.party.*` (one entity), `*` (all).

/**
 * What every signed-in member may do, whatever their role: see and end their own session, and set
 * up their own second factor. These stay open while a role's MFA requirement is unmet.
 */
export const EVERY_MEMBER: ReadonlySet<string> = new Set(['auth.session.own', 'auth.mfa.own']);

// Also held by every member, but only once any second factor their role needs is passed: the live
// stream, which shows each member only the events of what their role may read.
export const EVERY_MEMBER_AFTER_MFA: ReadonlySet<string> = new Set(['events.stream.read']);

export const PERMISSION_NAME = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
const PERMISSION_PATTERN =
  /^(\*|[a-z][a-z0-9_]*\.\*|[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.(\*|[a-z][a-z0-9_]*))$/;

export function isPermissionPattern(value: string): boolean {
  return PERMISSION_PATTERN.test(value);
}

/** True when one of `granted` (names or wildcards) covers `permission`. */
export function grants(granted: Iterable<string>, permission: string): boolean {
  for (const pattern of granted) {
    if (pattern === permission || pattern === '*') return true;
    if (pattern.endsWith('.*') && permission.startsWith(pattern.slice(0, -1))) return true;
  }
  return false;
}

export function can(principal: Principal, permission: string): boolean {
  if (
    principal.actor.type === 'user' &&
    (EVERY_MEMBER.has(permission) || EVERY_MEMBER_AFTER_MFA.has(permission))
  ) {
    return true;
  }
  if (principal.ceiling && !grants(principal.ceiling, permission)) return false;
  return grants(principal.permissions, permission);
}
