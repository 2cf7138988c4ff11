import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKey, unwrap } from '../api/client';
import { clearToken, hasSession, setToken } from './token';

export const meQueryKey = ['auth.me'] as const;

/** Who is signed in, in which company (GET /api/v1/auth/me). */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    enabled: hasSession(),
    staleTime: 5 * 60_000,
  });
}

export async function signIn(email: string, password: string) {
  const session = await unwrap(
    api.POST('/api/v1/auth/sessions', {
      body: { email, password },
      headers: { 'idempotency-key': idempotencyKey() },
    }),
  );
  // The second-factor step of sign-in is not in the web app yet: say so rather than fail oddly.
  if ('mfaRequired' in session) {
    throw new Error('This account signs in with a second factor, which the web app does not support yet.');
  }
  if (!session.token) throw new Error('The server answered without a session token.');
  setToken(session.token);
  return session;
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return async () => {
    // Signing out locally must work even if the server cannot be reached.
    await api.DELETE('/api/v1/auth/sessions/current').catch(() => undefined);
    clearToken();
    queryClient.clear();
  };
}
