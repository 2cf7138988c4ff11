import { defineErrors } from '../errors.ts';

export const RbacErrors = defineErrors('rbac', {
  role_not_found: { status: 404, title: 'No such role' },
  member_not_found: { status: 404, title: 'No such member' },
  role_key_taken: { status: 409, title: 'Another role has this key' },
  unknown_permission: { status: 422, title: 'A permission is not known' },
  last_admin: { status: 409, title: 'The company must keep a member who holds every permission' },
});
