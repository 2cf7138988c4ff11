import type { Principal } from '../auth/principal.ts';

// Permissions are named `<module>.<entity>.<action>` and declared on every route.
// Until roles are editable (the identity issue), a member's role is either `admin`, which may do
// everything, or another name, which holds only what every member holds.
const EVERY_MEMBER = new Set(['auth.session.own', 'events.stream.read']);

export function can(principal: Principal, permission: string): boolean {
  return principal.role === 'admin' || EVERY_MEMBER.has(permission) || principal.permissions.has(permission);
}
