import { DEFAULT_ROLES } from './default-roles.ts';
import { RbacErrors } from './errors.ts';
import { isPermissionPattern, PERMISSION_NAME } from './permissions.ts';

/**
 * The permissions a role may name: every permission a route declares, plus those the default
 * roles name for modules still to come. Built from the route registry, so it is never stale.
 */
export function permissionCatalogue(
  routes: readonly { config: { permission?: string; fieldRules?: Record<string, string> } }[],
): string[] {
  const names = new Set<string>();
  for (const route of routes) {
    if (route.config.permission) names.add(route.config.permission);
    for (const p of Object.values(route.config.fieldRules ?? {})) names.add(p);
  }
  for (const role of DEFAULT_ROLES) {
    for (const p of role.permissions) if (PERMISSION_NAME.test(p)) names.add(p);
  }
  return [...names].sort();
}

/** Refuses a list that names a permission nobody declares (a typo would grant nothing, silently). */
export function checkPermissions(permissions: readonly string[], catalogue: ReadonlySet<string>): string[] {
  const unknown = permissions.filter(
    (p) => !isPermissionPattern(p) || (PERMISSION_NAME.test(p) && !catalogue.has(p)),
  );
  if (unknown.length > 0) {
    throw RbacErrors.unknown_permission(
      `not in the catalogue (GET /api/v1/rbac/permissions): ${unknown.join(', ')}`,
      unknown.map((p) => ({ path: 'body.permissions', message: `${p} is not a known permission` })),
    );
  }
  return [...new Set(permissions)].sort();
}
