import createClient from 'openapi-fetch';
import { authHeaders, clearToken } from '../auth/token';
import { type Problem, ProblemError } from './problem';
import type { paths } from './schema';

let onSignedOut: () => void = () => {};

/** Called when the server says the session is no longer valid (expired, signed out elsewhere). */
export function whenSignedOut(handler: () => void) {
  onSignedOut = handler;
}

/** The typed API client: paths, parameters and answers come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '' });

api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/api/v1/auth/sessions')) {
      clearToken();
      onSignedOut();
    }
    return response;
  },
});

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The answer's data, or a ProblemError carrying the server's problem+json. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    const problem =
      error && typeof error === 'object' && 'code' in error
        ? (error as Problem)
        : { code: 'http.error', title: response.statusText || 'Request failed', status: response.status };
    throw new ProblemError(problem);
  }
  return data as T;
}

export function idempotencyKey(): string {
  return crypto.randomUUID();
}
