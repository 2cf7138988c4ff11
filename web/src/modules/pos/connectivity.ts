import { useSyncExternalStore } from 'react';

// Whether the server answers, as the till last found out: a request that fails without an answer
// (connection refused, no network) means offline; any answer, even a refusal, means online.
let online = typeof navigator === 'undefined' ? true : navigator.onLine;
const listeners = new Set<() => void>();

export function setOnline(value: boolean) {
  if (value === online) return;
  online = value;
  for (const listener of listeners) listener();
}

export function isOnline() {
  return online;
}

/** A fetch that got no answer at all (the server is down or unreachable). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => online,
  );
}
