import { defineErrors } from '../errors.ts';

export const AuthErrors = defineErrors('auth', {
  invalid_credentials: { status: 401, title: 'The email or password is wrong' },
  session_expired: { status: 401, title: 'The session has expired or was signed out; sign in again' },
  not_a_member: { status: 403, title: 'You are not a member of this company' },
  password_too_weak: { status: 422, title: 'The password is too weak' },
  user_not_found: { status: 404, title: 'No user has this email' },
  api_key_not_found: { status: 404, title: 'No such API key' },
  api_key_exceeds_role: { status: 403, title: 'An API key cannot hold permissions your role lacks' },
});
