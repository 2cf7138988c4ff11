import { and, eq, or, sql } from 'drizzle-orm';
import { assert } from '../assert.ts';
import type { AfterCommitSubscriber } from '../events/registry.ts';
import { newId } from '../ids.ts';
import { scheduleAttempt } from './delivery-job.ts';
import { webhookDeliveries, webhookEndpoints } from './schema.ts';

/**
 * Turns each committed event into one pending delivery, and its first attempt's job, per enabled
 * endpoint of the event's company that subscribes to it. Transactional: the dispatcher records
 * the event as processed in this same transaction, so a redelivered event queues nothing twice.
 */
export const webhookSubscriber: AfterCommitSubscriber = {
  name: 'platform.webhooks',
  events: '*',
  transactional: true,
  // Endpoints hear of what happens after they exist, never of history (nor of the demo data).
  startAt: 'now',
  async handle(tx, event) {
    assert(tx !== null, 'the webhook subscriber runs in a transaction');
    const key = `${event.type}@${event.typeVersion}`;
    const endpoints = await tx.db
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.companyId, event.companyId),
          eq(webhookEndpoints.enabled, true),
          or(
            sql`${webhookEndpoints.eventTypes} @> ${JSON.stringify([key])}::jsonb`,
            sql`${webhookEndpoints.eventTypes} @> '["*"]'::jsonb`,
          ),
        ),
      );
    if (endpoints.length === 0) return;
    const now = new Date();
    const deliveries = endpoints.map((endpoint) => ({
      companyId: event.companyId,
      id: newId(),
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: key,
      status: 'pending' as const,
      nextAttemptAt: now,
    }));
    await tx.db.insert(webhookDeliveries).values(deliveries);
    for (const delivery of deliveries) await scheduleAttempt(tx.db, event.companyId, delivery.id, now);
  },
};
