import { and, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { assert } from '../assert.ts';
import type { Executor } from '../db/database.ts';
import { type Tx, withTx } from '../db/tx.ts';
import { eventOutbox } from '../events/schema.ts';
import { newId } from '../ids.ts';
import { defineJob } from '../jobs/define.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { type DeliveryResult, deliverWebhook, MAX_WEBHOOK_ATTEMPTS } from './deliver.ts';
import { countFailedDelivery } from './disable-endpoint.ts';
import type { EndpointRow } from './endpoints.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema.ts';
import { webhookSettings } from './settings.ts';
import { signWebhook } from './signature.ts';

// One attempt of one delivery per job run. The delivery row is the truth and a job only says
// "look at it now": an attempt is claimed by an UPDATE of the row when it is pending and due,
// so a stale or repeated job finds nothing to do. Every time `next_attempt_at` is set, a job is
// queued for that moment in the same transaction. The HTTP request runs outside any transaction.

// While an attempt runs, its delivery is due again only after the attempt's time-out plus this;
// if the process dies mid-attempt, the job queued for that moment takes the delivery up again.
const LEASE_MARGIN_MS = 15_000;

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type EventRow = typeof eventOutbox.$inferSelect;

type Claim = {
  deliveryId: string;
  endpointId: string;
  attempt: number;
  eventId: string;
  url: string;
  secrets: string[];
  body: string;
};

export const deliverWebhookJob = defineJob({
  name: 'platform.webhooks.deliver',
  schema: z.object({ deliveryId: z.uuid() }).strict(),
  timeoutMs: 60_000,
  concurrency: 16,
  async handle({ database, companyId }, { deliveryId }) {
    assert(companyId !== null, 'a webhook delivery job belongs to a company');
    const context = { companyId, actor: { type: 'system' as const, id: null } };
    const claim = await withTx(database, context, (tx) => claimAttempt(tx, deliveryId));
    if (!claim) return;
    const result = await attemptDelivery(claim);
    await withTx(database, context, (tx) => recordAttempt(tx, claim, result));
  },
});

/** The job definitions of webhooks, for the job runner's process. */
export const webhookJobs = [deliverWebhookJob];

/** Queues a look at the delivery at `runAt`, in the caller's transaction. */
export async function scheduleAttempt(
  db: Executor,
  companyId: string,
  deliveryId: string,
  runAt: Date,
): Promise<void> {
  await enqueueJob(db, deliverWebhookJob, { deliveryId }, { companyId, runAt });
}

/** The body sent for an event: the same bytes on every attempt. */
export function webhookBody(event: EventRow): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    version: event.typeVersion,
    companyId: event.companyId,
    aggregate: { type: event.aggregateType, id: event.aggregateId },
    occurredAt: event.createdAt.toISOString(),
    data: event.payload,
  });
}

// During a rotation overlap both secrets sign, so receivers that know either one accept.
function signingSecrets(endpoint: EndpointRow, now: Date): string[] {
  const overlapping =
    endpoint.previousSecret !== null &&
    endpoint.previousSecretExpiresAt !== null &&
    endpoint.previousSecretExpiresAt > now;
  return overlapping ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

/** Takes the next attempt of a due, pending delivery, or returns undefined when there is none. */
export async function claimAttempt(tx: Tx, deliveryId: string): Promise<Claim | undefined> {
  const { companyId } = tx.ctx;
  const [delivery] = await tx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.companyId, companyId),
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.status, 'pending'),
        lte(webhookDeliveries.nextAttemptAt, sql`now()`),
      ),
    )
    .for('update');
  // Done already, replayed, or due later (a job is queued for then): nothing to do now.
  if (!delivery) return undefined;
  const [endpoint] = await tx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.companyId, companyId), eq(webhookEndpoints.id, delivery.endpointId)));
  assert(endpoint !== undefined, `delivery ${deliveryId} has no endpoint`);
  if (!endpoint.enabled) {
    await giveUp(tx, delivery, 'the endpoint is disabled');
    return undefined;
  }
  // The last attempt was claimed but never recorded (the process died): the delivery has failed.
  if (delivery.attempts >= MAX_WEBHOOK_ATTEMPTS) {
    await failDelivery(tx, delivery, {});
    return undefined;
  }
  const [event] = await tx.db
    .select()
    .from(eventOutbox)
    .where(and(eq(eventOutbox.companyId, companyId), eq(eventOutbox.id, delivery.eventId)));
  if (!event) {
    await giveUp(tx, delivery, 'the event is no longer in the outbox');
    return undefined;
  }
  const attempt = delivery.attempts + 1;
  const leaseEnds = new Date(Date.now() + webhookSettings().attemptTimeoutMs + LEASE_MARGIN_MS);
  await tx.db
    .update(webhookDeliveries)
    .set({ attempts: attempt, nextAttemptAt: leaseEnds })
    .where(and(eq(webhookDeliveries.companyId, companyId), eq(webhookDeliveries.id, deliveryId)));
  await scheduleAttempt(tx.db, companyId, deliveryId, leaseEnds);
  return {
    deliveryId,
    endpointId: endpoint.id,
    attempt,
    eventId: event.id,
    url: endpoint.url,
    secrets: signingSecrets(endpoint, new Date()),
    body: webhookBody(event),
  };
}

// The webhook-id is the event id on every attempt, so receivers can de-duplicate; the timestamp
// is the attempt's, as receivers refuse old ones.
function attemptDelivery(claim: Claim): Promise<DeliveryResult> {
  const { attemptTimeoutMs, allowPrivate } = webhookSettings();
  const headers = signWebhook({
    id: claim.eventId,
    timestampSeconds: Math.floor(Date.now() / 1000),
    body: claim.body,
    secrets: claim.secrets,
  });
  return deliverWebhook({
    url: claim.url,
    headers,
    body: claim.body,
    timeoutMs: attemptTimeoutMs,
    allowPrivate,
  });
}

// PostgreSQL text cannot hold NUL, and a receiver's answer may contain anything.
const storable = (text: string | undefined) => (text === undefined ? null : text.replaceAll('\u0000', ''));

/** Logs the attempt and moves the delivery on: succeeded, failed, or due again after a delay. */
export async function recordAttempt(tx: Tx, claim: Claim, result: DeliveryResult): Promise<void> {
  const { companyId } = tx.ctx;
  const [delivery] = await tx.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.companyId, companyId), eq(webhookDeliveries.id, claim.deliveryId)))
    .for('update');
  // The endpoint was deleted meanwhile, with its delivery log.
  if (!delivery) return;
  await tx.db.insert(webhookAttempts).values({
    companyId,
    id: newId(),
    deliveryId: delivery.id,
    ok: result.ok,
    statusCode: result.statusCode ?? null,
    latencyMs: result.latencyMs,
    error: storable(result.error),
    responseSnippet: storable(result.responseSnippet),
  });
  // A replay started the delivery over meanwhile: the attempt is logged, the state is the replay's.
  if (delivery.status !== 'pending' || delivery.attempts !== claim.attempt) return;
  if (result.ok) return succeed(tx, delivery, result);
  if (claim.attempt >= MAX_WEBHOOK_ATTEMPTS) return failDelivery(tx, delivery, result);
  const next = new Date(Date.now() + webhookSettings().retryDelayMs(claim.attempt));
  await tx.db
    .update(webhookDeliveries)
    .set({
      nextAttemptAt: next,
      lastStatusCode: result.statusCode ?? null,
      lastError: storable(result.error),
    })
    .where(and(eq(webhookDeliveries.companyId, companyId), eq(webhookDeliveries.id, delivery.id)));
  await scheduleAttempt(tx.db, companyId, delivery.id, next);
}

async function succeed(tx: Tx, delivery: DeliveryRow, result: DeliveryResult): Promise<void> {
  const { companyId } = tx.ctx;
  await tx.db
    .update(webhookDeliveries)
    .set({
      status: 'succeeded',
      deliveredAt: new Date(),
      nextAttemptAt: null,
      lastStatusCode: result.statusCode ?? null,
      lastError: null,
    })
    .where(and(eq(webhookDeliveries.companyId, companyId), eq(webhookDeliveries.id, delivery.id)));
  await tx.db
    .update(webhookEndpoints)
    .set({ consecutiveFailures: 0 })
    .where(
      and(
        eq(webhookEndpoints.companyId, companyId),
        eq(webhookEndpoints.id, delivery.endpointId),
        sql`${webhookEndpoints.consecutiveFailures} <> 0`,
      ),
    );
}

// Given up without a failure of the receiver's: does not count towards disabling the endpoint.
async function giveUp(tx: Tx, delivery: DeliveryRow, reason: string): Promise<void> {
  await tx.db
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null, lastError: reason })
    .where(and(eq(webhookDeliveries.companyId, tx.ctx.companyId), eq(webhookDeliveries.id, delivery.id)));
}

async function failDelivery(
  tx: Tx,
  delivery: DeliveryRow,
  result: Partial<Pick<DeliveryResult, 'statusCode' | 'error'>>,
): Promise<void> {
  const lastError = result.error === undefined ? delivery.lastError : storable(result.error);
  await tx.db
    .update(webhookDeliveries)
    .set({
      status: 'failed',
      nextAttemptAt: null,
      lastStatusCode: result.statusCode ?? delivery.lastStatusCode,
      lastError,
    })
    .where(and(eq(webhookDeliveries.companyId, tx.ctx.companyId), eq(webhookDeliveries.id, delivery.id)));
  await countFailedDelivery(tx, delivery.endpointId, lastError);
}
