import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { assert } from '../assert.ts';
import { AppError } from '../errors.ts';
import { assertPublicUrl, type LookupAll, type PublicTarget } from './outbound-guard.ts';

export type DeliveryResult = {
  ok: boolean;
  statusCode?: number;
  latencyMs: number;
  error?: string;
  responseSnippet?: string;
};

// Enough of a receiver's answer to debug it; the rest is never read.
export const MAX_RESPONSE_SNIPPET_BYTES = 4096;

/**
 * Makes one delivery attempt: checks the URL (SSRF guard), then POSTs `body` to the checked
 * address with the given signature headers. Never throws and never follows a redirect; anything
 * but a 2xx answer within `timeoutMs` (the whole attempt, DNS included) is a failure.
 */
export async function deliverWebhook(input: {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  lookup?: LookupAll;
}): Promise<DeliveryResult> {
  assert(
    Number.isInteger(input.timeoutMs) && input.timeoutMs > 0,
    'a delivery timeout is a positive integer',
  );
  const startedMs = performance.now();
  const latencyMs = () => Math.round(performance.now() - startedMs);
  const signal = AbortSignal.timeout(input.timeoutMs);
  let target: PublicTarget;
  try {
    const check = assertPublicUrl(input.url, { allowPrivate: input.allowPrivate, lookup: input.lookup });
    target = await untilAborted(check, signal);
  } catch (error) {
    return { ok: false, latencyMs: latencyMs(), error: describeError(error, signal) };
  }
  const outcome = await post(target, input.headers, input.body, signal);
  return { ...outcome, latencyMs: latencyMs() };
}

// dns.lookup cannot be cancelled, but the attempt need not wait for it.
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describeError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'timeout';
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `connection failed: ${code}` : `connection failed: ${(error as Error).message}`;
}

// Connects to the address the guard checked, whatever DNS says now, so a host name cannot be
// re-pointed at an internal address between the check and the connection. Node asks with
// `all: true` when it tries several address families (autoSelectFamily), hence both shapes.
function pinnedLookup(target: PublicTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

type Outcome = Omit<DeliveryResult, 'latencyMs'>;

function post(
  target: PublicTarget,
  headers: Readonly<Record<string, string>>,
  body: string,
  signal: AbortSignal,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const { url } = target;
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: {
        'user-agent': 'Tandem-Webhooks',
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      },
      lookup: pinnedLookup(target),
      // The Host header comes from the URL; TLS must name the host too, not the pinned address.
      ...(url.protocol === 'https:' && target.address !== url.hostname ? { servername: url.hostname } : {}),
      // A fresh connection each time: a pooled socket could lead to an address checked earlier.
      agent: false,
    });
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      request.destroy();
      resolve(outcome);
    };
    const onAbort = () => settle({ ok: false, error: 'timeout' });
    request.on('error', (error) => settle({ ok: false, error: describeError(error, signal) }));
    request.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (error?: string) => {
        const responseSnippet = Buffer.concat(chunks).toString('utf8');
        const failure = error ?? statusError(statusCode);
        settle(
          failure
            ? { ok: false, statusCode, error: failure, responseSnippet }
            : { ok: true, statusCode, responseSnippet },
        );
      };
      response.on('data', (chunk: Buffer) => {
        const kept = chunk.subarray(0, MAX_RESPONSE_SNIPPET_BYTES - size);
        chunks.push(kept);
        size += kept.length;
        if (size >= MAX_RESPONSE_SNIPPET_BYTES) finish();
      });
      response.on('end', () => finish());
      response.on('error', () => finish('connection closed before the response ended'));
      response.on('close', () =>
        finish(response.complete ? undefined : 'connection closed before the response ended'),
      );
    });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    request.end(body);
  });
}

function statusError(statusCode: number): string | undefined {
  if (statusCode >= 200 && statusCode < 300) return undefined;
  if (statusCode >= 300 && statusCode < 400) return `HTTP ${statusCode}: redirects are not followed`;
  return `HTTP ${statusCode}`;
}

// Retry schedule: exponential from 10 s, doubling, capped at 6 h, each delay jittered by ±10%
// so receivers that failed together are not retried together. After failed attempt n:
//   1: 10 s   2: 20 s   3: 40 s   4: 80 s   5: 2.7 min   6: 5.3 min   7: 11 min   8: 21 min
//   9: 43 min  10: 1.4 h  11: 2.8 h  12: 5.7 h  13: 6 h  14: 6 h
// The 15th attempt is the last, about 23.4 h (21–26 h with jitter) after the first.
export const MAX_WEBHOOK_ATTEMPTS = 15;
const FIRST_RETRY_DELAY_MS = 10_000;
const MAX_RETRY_DELAY_MS = 6 * 60 * 60 * 1000;
const JITTER = 0.1;

/** The wait after failed attempt `attempt` (1-based) before the next one. */
export function nextRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  assert(Number.isInteger(attempt) && attempt >= 1, `attempt ${attempt} is not a positive integer`);
  const base = Math.min(FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
  return Math.round(base * (1 - JITTER + 2 * JITTER * random()));
}
