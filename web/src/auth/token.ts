// The one place that knows how the session credential is kept. Today a bearer token in
// sessionStorage (gone when the tab closes); switching to cookie sessions with CSRF means changing
// this module only: authHeaders() would then return the CSRF header instead.
const KEY = 'tandem.session';

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}

export function hasSession(): boolean {
  return getToken() !== null;
}

/** Headers that authenticate a request made outside the API client (the live stream). */
export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}
