import { assert } from '../assert.ts';
import { nextRetryDelayMs } from './deliver.ts';

// How this process delivers webhooks. The server sets them from its configuration at start
// (TANDEM_WEBHOOK_ALLOW_PRIVATE); tests set their own with configureWebhooks().
export type WebhookSettings = {
  /** Endpoints may point at loopback, private and link-local addresses (on-premises receivers). */
  allowPrivate: boolean;
  /** The whole of one attempt, DNS included. */
  attemptTimeoutMs: number;
  /** The wait after failed attempt `attempt` (1-based) before the next one. */
  retryDelayMs: (attempt: number) => number;
  /** An endpoint is disabled when this many deliveries in a row failed every attempt. */
  disableAfterFailedDeliveries: number;
};

// A receiver should answer at once and work later; 15 s is generous for that.
const DEFAULT_ATTEMPT_TIMEOUT_MS = 15_000;
// The delivery job's own time-out is 60 s; an attempt must fit in it with room to record it.
export const MAX_ATTEMPT_TIMEOUT_MS = 30_000;
const DEFAULT_DISABLE_AFTER = 3;

const DEFAULT_SETTINGS: WebhookSettings = {
  allowPrivate: false,
  attemptTimeoutMs: DEFAULT_ATTEMPT_TIMEOUT_MS,
  retryDelayMs: (attempt) => nextRetryDelayMs(attempt),
  disableAfterFailedDeliveries: DEFAULT_DISABLE_AFTER,
};

let current: WebhookSettings | undefined;

export function webhookSettings(): WebhookSettings {
  return current ?? DEFAULT_SETTINGS;
}

/** Replaces some of the webhook settings for this process (the server at start, or a test). */
export function configureWebhooks(overrides: Partial<WebhookSettings>): void {
  const next = { ...webhookSettings(), ...overrides };
  assert(
    Number.isInteger(next.attemptTimeoutMs) &&
      next.attemptTimeoutMs > 0 &&
      next.attemptTimeoutMs <= MAX_ATTEMPT_TIMEOUT_MS,
    `a webhook attempt time-out is 1 to ${MAX_ATTEMPT_TIMEOUT_MS} ms`,
  );
  assert(
    Number.isInteger(next.disableAfterFailedDeliveries) && next.disableAfterFailedDeliveries >= 1,
    'an endpoint is disabled after at least one failed delivery',
  );
  current = next;
}
