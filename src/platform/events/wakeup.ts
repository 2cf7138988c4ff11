// A process-local signal that events were committed, so the dispatcher and live streams read at
// once instead of waiting for their next poll. Coalesced: many commits, one wake-up.
type Listener = () => void;

const listeners = new Set<Listener>();
let scheduled = false;

export function onEventsCommitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signalEventsCommitted(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    for (const listener of listeners) listener();
  });
}
