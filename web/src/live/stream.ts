import type { QueryClient } from '@tanstack/react-query';
import { authHeaders, hasSession } from '../auth/token';
import { createSseParser, type LiveEvent } from './sse';

// EventSource cannot send an Authorization header, so the stream is read with fetch. The server
// resumes after the last event id we saw, so a reconnect misses nothing.
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * Listens to GET /api/v1/stream while signed in and marks the queries of each changed aggregate
 * stale (query keys start with the aggregate type, e.g. ['crm.party', …]); open screens refetch.
 * Returns a function that stops listening.
 */
export function startLiveUpdates(queryClient: QueryClient): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let retryMs = RETRY_MIN_MS;

  const onEvent = (event: LiveEvent) => {
    lastEventId = event.id;
    void queryClient.invalidateQueries({ queryKey: [event.aggregate.type] });
  };

  async function listen() {
    while (!controller.signal.aborted && hasSession()) {
      try {
        const response = await fetch('/api/v1/stream', {
          headers: {
            accept: 'text/event-stream',
            ...authHeaders(),
            ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
          },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (response.status === 401 || response.status === 403) return;
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        retryMs = RETRY_MIN_MS;
        // Whatever changed while we were away is refetched.
        if (lastEventId) void queryClient.invalidateQueries();
        const parse = createSseParser(onEvent);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parse(value);
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  }

  void listen();
  return () => controller.abort();
}
