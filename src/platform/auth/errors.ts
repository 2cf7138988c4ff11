import { defineErrors } from '../errors.ts';

export const AuthErrors = defineErrors('auth', {
  invalid_credentials: { status: 401, title: 'The email or password is wrong' },
  session_expired: { status: 401, title: 'The session has expired or was signed out; sign in again' },
  not_a_member: { status: 403, title: 'You are not a member of this company' },
  password_too_weak: { status: 422, title: 'The password is too weak' },
  user_not_found: { status: 404, title: 'No user has this email' },
  link_invalid: { status: 400, title: 'The link is unknown, already used or expired; ask for a new one' },
  already_member: { status: 409, title: 'This person is already a member of the company' },
  oidc_not_configured: { status: 404, title: 'Single sign-on is not set up on this server' },
  oidc_failed: { status: 401, title: 'Single sign-on did not complete; start again' },
  oidc_email_unverified: { status: 403, title: 'The identity provider has not verified this email address' },
  csrf_failed: {
    status: 403,
    title: 'The CSRF token is missing or wrong, or the request comes from another site',
  },
  sign_in_locked: {
    status: 429,
    title: 'Too many wrong passwords for this account; it is locked for a while',
  },
  mfa_required: {
    status: 403,
    title: 'Your role requires a second factor: set one up (POST /api/v1/auth/mfa/totp) or sign in with it',
  },
  mfa_challenge_invalid: {
    status: 401,
    title: 'The sign-in challenge is unknown, used, expired or out of attempts',
  },
  mfa_code_invalid: { status: 401, title: 'The code is wrong' },
  mfa_code_replayed: { status: 401, title: 'This code was already used; wait for the next one' },
  mfa_already_enabled: { status: 409, title: 'A second factor is already set up' },
  mfa_not_started: { status: 409, title: 'Start setting up the authenticator first' },
  api_key_not_found: { status: 404, title: 'No such API key' },
  api_key_exceeds_role: { status: 403, title: 'An API key cannot hold permissions your role lacks' },
});
