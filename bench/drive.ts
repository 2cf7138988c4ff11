import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Context, Transaction } from './workload.ts';

// Drives a transaction with autocannon (bounded by time and request count, 127.0.0.1 only) and
// measures each business transaction end to end (all its HTTP steps), not each request.

export type Endpoint = { url: string; authorization: string; transaction: Transaction };
export type Measured = {
  connections: number;
  seconds: number;
  transactions: number;
  errors: number;
  tps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  firstError?: string;
};

const MAX_REQUESTS = 2_000_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function requests(
  endpoint: Endpoint,
  latencies: number[],
  tally: { ok: number; errors: number; first?: string },
) {
  const { steps } = endpoint.transaction;
  const prefix = new URL(endpoint.url).pathname.replace(/\/$/, '');
  return steps.map((step, index) => ({
    method: step.method,
    setupRequest: (request: autocannon.Request, context: object) => {
      const ctx = context as Context;
      if (index === 0) {
        ctx.startedAt = performance.now();
        ctx.failed = false;
      } else if (ctx.failed) {
        return undefined as unknown as autocannon.Request; // start over with a new transaction
      }
      const body = step.body?.(ctx);
      return {
        ...request,
        path: prefix + step.path(ctx),
        headers: {
          authorization: endpoint.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      } as autocannon.Request;
    },
    onResponse: (status: number, body: string, context: object) => {
      const ctx = context as Context;
      if (!step.ok.includes(status)) {
        ctx.failed = true;
        tally.errors++;
        tally.first ??= `${step.method} ${status} ${body.slice(0, 300)}`;
        return;
      }
      step.capture?.(body, ctx);
      if (index === steps.length - 1) {
        tally.ok++;
        latencies.push(performance.now() - (ctx.startedAt as number));
      }
    },
  }));
}

/** Runs `connections` clients for `seconds`, spread evenly over the endpoints (one autocannon each). */
export async function drive(endpoints: Endpoint[], connections: number, seconds: number): Promise<Measured> {
  const latencies: number[] = [];
  const tally: { ok: number; errors: number; first?: string } = { ok: 0, errors: 0 };
  const started = performance.now();
  await Promise.all(
    endpoints.map((endpoint, i) => {
      const share = Math.floor(connections / endpoints.length) + (i < connections % endpoints.length ? 1 : 0);
      if (share === 0) return Promise.resolve();
      const origin = new URL(endpoint.url).origin;
      return autocannon({
        url: origin,
        connections: share,
        duration: seconds,
        maxOverallRequests: MAX_REQUESTS,
        timeout: 30,
        requests: requests(endpoint, latencies, tally),
      });
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    connections,
    seconds: round(elapsed),
    transactions: tally.ok,
    errors: tally.errors,
    tps: round(tally.ok / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    ...(tally.first ? { firstError: tally.first } : {}),
  };
}
