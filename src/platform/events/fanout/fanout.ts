/**
 * Tells other server processes "events were committed here, read the outbox now". The outbox
 * stays the only source of events: a lost signal only delays a reader until its next poll.
 */
export interface Fanout {
  readonly kind: 'local' | 'postgres-notify' | 'nats-jetstream';
  /** Starts listening; `onRemote` runs when another process committed events. */
  start(onRemote: () => void): Promise<void>;
  /** Signals that this process committed events (coalesced: many commits, one signal). */
  publish(): void;
  close(): Promise<void>;
}

/** One process (the embedded database): local commits already wake local readers. */
export class LocalFanout implements Fanout {
  readonly kind = 'local' as const;
  async start(): Promise<void> {}
  publish(): void {}
  async close(): Promise<void> {}
}

/** Calls `send` at most once per `windowMs`, however often `trigger` is called. */
export function coalesce(windowMs: number, send: () => void): { trigger(): void; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    trigger() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        send();
      }, windowMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
