import { and, eq, inArray } from 'drizzle-orm';
import { diffRecords } from '../audit/changes.ts';
import type { Executor } from '../db/database.ts';
import type { Tx } from '../db/tx.ts';
import { keysetPage, type Page } from '../http/pagination.ts';
import type { WebhookAttempt, WebhookDelivery } from './contracts.ts';
import { scheduleAttempt } from './delivery-job.ts';
import { endpointRow } from './endpoints.ts';
import { WebhookErrors } from './errors.ts';
import { webhookAttempts, webhookDeliveries } from './schema.ts';

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type AttemptRow = typeof webhookAttempts.$inferSelect;

// A page of 200 deliveries with every attempt's 4 KB answer would be megabytes: the log shows the
// latest attempts and the start of each answer.
const MAX_ATTEMPTS_LISTED = 30;
const SNIPPET_LISTED_CHARS = 512;

function toAttempt(row: AttemptRow): WebhookAttempt {
  return {
    id: row.id,
    attemptedAt: row.attemptedAt.toISOString(),
    ok: row.ok,
    statusCode: row.statusCode,
    latencyMs: row.latencyMs,
    error: row.error,
    responseSnippet: row.responseSnippet?.slice(0, SNIPPET_LISTED_CHARS) ?? null,
  };
}

function toDelivery(row: DeliveryRow, attempts: readonly AttemptRow[]): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attemptCount: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    attempts: attempts.slice(-MAX_ATTEMPTS_LISTED).map(toAttempt),
  };
}

async function attemptsOf(
  db: Executor,
  companyId: string,
  deliveryIds: readonly string[],
): Promise<Map<string, AttemptRow[]>> {
  const byDelivery = new Map<string, AttemptRow[]>();
  if (deliveryIds.length === 0) return byDelivery;
  const rows = await db
    .select()
    .from(webhookAttempts)
    .where(
      and(eq(webhookAttempts.companyId, companyId), inArray(webhookAttempts.deliveryId, [...deliveryIds])),
    )
    .orderBy(webhookAttempts.attemptedAt, webhookAttempts.id);
  for (const row of rows) byDelivery.set(row.deliveryId, [...(byDelivery.get(row.deliveryId) ?? []), row]);
  return byDelivery;
}

export type DeliveryListQuery = {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  status?: DeliveryRow['status'] | undefined;
};

/** An endpoint's deliveries with their attempts: the delivery log. */
export async function listDeliveries(
  db: Executor,
  companyId: string,
  endpointId: string,
  query: DeliveryListQuery,
): Promise<Page<WebhookDelivery>> {
  await endpointRow(db, companyId, endpointId);
  const paging = keysetPage<DeliveryRow>(
    query,
    { createdAt: webhookDeliveries.createdAt },
    webhookDeliveries.id,
    (row) => row.createdAt,
    (row) => row.id,
  );
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.companyId, companyId),
        eq(webhookDeliveries.endpointId, endpointId),
        query.status ? eq(webhookDeliveries.status, query.status) : undefined,
        paging.where,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  const attempts = await attemptsOf(
    db,
    companyId,
    page.data.map((row) => row.id),
  );
  return { data: page.data.map((row) => toDelivery(row, attempts.get(row.id) ?? [])), page: page.page };
}

/**
 * Starts a delivery over now, whatever its state, with a fresh retry schedule. The receiver gets
 * the same `webhook-id`, so one that de-duplicates will not act on a succeeded event twice.
 */
export async function replayDelivery(
  tx: Tx,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  const { companyId } = tx.ctx;
  const endpoint = await endpointRow(tx.db, companyId, endpointId);
  if (!endpoint.enabled) {
    throw WebhookErrors.endpoint_disabled('enable the endpoint before replaying its deliveries');
  }
  const where = and(
    eq(webhookDeliveries.companyId, companyId),
    eq(webhookDeliveries.endpointId, endpointId),
    eq(webhookDeliveries.id, deliveryId),
  );
  const [before] = await tx.db.select().from(webhookDeliveries).where(where).for('update');
  if (!before) throw WebhookErrors.delivery_not_found(`endpoint ${endpointId} has no delivery ${deliveryId}`);
  const now = new Date();
  const [row] = await tx.db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, deliveredAt: null })
    .where(where)
    .returning();
  await scheduleAttempt(tx.db, companyId, deliveryId, now);
  tx.audit(
    'webhook.delivery',
    deliveryId,
    'replay',
    diffRecords(
      { status: before.status, attemptCount: before.attempts },
      { status: row!.status, attemptCount: row!.attempts },
    ),
  );
  const attempts = await attemptsOf(tx.db, companyId, [deliveryId]);
  return toDelivery(row!, attempts.get(deliveryId) ?? []);
}
