import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import { diffRecords } from '../audit/changes.ts';
import type { Executor } from '../db/database.ts';
import type { Tx } from '../db/tx.ts';
import { PlatformErrors } from '../errors.ts';
import { registeredEvents } from '../events/define.ts';
import { keysetPage, type Page } from '../http/pagination.ts';
import { newId } from '../ids.ts';
import type {
  CreateEndpointInput,
  RotateSecretInput,
  UpdateEndpointInput,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from './contracts.ts';
import { WebhookErrors } from './errors.ts';
import { assertPublicUrl } from './outbound-guard.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema.ts';
import { generateWebhookSecret } from './signature.ts';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

// Every endpoint is signed, queued and retried for each matching event; a limit keeps one
// company from multiplying the work of every write.
export const MAX_ENDPOINTS_PER_COMPANY = 100;

export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// What the audit log keeps of an endpoint: everything shown, and the secret, which the diff
// helper redacts, so the log says that it changed and never what it is.
function audited(row: EndpointRow): Record<string, unknown> {
  const { previousSecretExpiresAt, ...shown } = toEndpoint(row);
  return { ...shown, secret: row.secret, overlapEndsAt: previousSecretExpiresAt };
}

/** Checks the URL against the SSRF guard before any transaction opens (it may ask DNS). */
export async function checkEndpointUrl(url: string, allowPrivate: boolean): Promise<string> {
  const target = await assertPublicUrl(url, { allowPrivate });
  return target.url.href;
}

/** Event types as stored: registered keys or `*`, each once. Unknown ones are a 422 naming them. */
export function knownEventTypes(types: readonly string[]): string[] {
  const known = new Set(registeredEvents().map((event) => event.key));
  const unique = [...new Set(types)];
  const unknown = unique.filter((type) => type !== '*' && !known.has(type));
  if (unknown.length > 0) {
    throw WebhookErrors.event_type_unknown(
      `not registered event types: ${unknown.join(', ')} (use name@version, or *)`,
      unknown.map((type) => ({
        path: `body.eventTypes.${types.indexOf(type)}`,
        message: `${type} is not a registered event type`,
        code: 'unknown_event_type',
      })),
    );
  }
  return unique;
}

function whereEndpoint(companyId: string, id: string): SQL | undefined {
  return and(eq(webhookEndpoints.companyId, companyId), eq(webhookEndpoints.id, id));
}

export async function endpointRow(db: Executor, companyId: string, id: string): Promise<EndpointRow> {
  const [row] = await db.select().from(webhookEndpoints).where(whereEndpoint(companyId, id));
  if (!row) throw WebhookErrors.endpoint_not_found(`no webhook endpoint has the id ${id}`);
  return row;
}

export async function getEndpoint(db: Executor, companyId: string, id: string): Promise<WebhookEndpoint> {
  return toEndpoint(await endpointRow(db, companyId, id));
}

/** Creates an endpoint with a new secret, returned this once. `input.url` is already checked. */
export async function createEndpoint(tx: Tx, input: CreateEndpointInput): Promise<WebhookEndpointWithSecret> {
  const eventTypes = knownEventTypes(input.eventTypes);
  const [existing] = await tx.db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.companyId, tx.ctx.companyId));
  if ((existing?.n ?? 0) >= MAX_ENDPOINTS_PER_COMPANY) {
    throw WebhookErrors.endpoint_limit_reached(`a company may have ${MAX_ENDPOINTS_PER_COMPANY} endpoints`);
  }
  const [row] = await tx.db
    .insert(webhookEndpoints)
    .values({
      companyId: tx.ctx.companyId,
      id: newId(),
      url: input.url,
      description: input.description ?? null,
      eventTypes,
      secret: generateWebhookSecret(),
      enabled: input.enabled,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .returning();
  tx.audit('webhook.endpoint', row!.id, 'create', diffRecords(null, audited(row!)));
  return { ...toEndpoint(row!), secret: row!.secret };
}

/** Applies the changes if `version` is current. `input.url`, when given, is already checked. */
export async function updateEndpoint(
  tx: Tx,
  id: string,
  input: UpdateEndpointInput,
): Promise<WebhookEndpoint> {
  const before = await endpointRow(tx.db, tx.ctx.companyId, id);
  const { version, eventTypes, enabled, ...fields } = input;
  // Switching on starts afresh; switching off by hand says so, in place of a failure reason.
  const switching =
    enabled === undefined || enabled === before.enabled
      ? {}
      : enabled
        ? { enabled, disabledReason: null, consecutiveFailures: 0 }
        : { enabled, disabledReason: 'disabled by a user' };
  const [row] = await tx.db
    .update(webhookEndpoints)
    .set({
      ...fields,
      ...(eventTypes ? { eventTypes: knownEventTypes(eventTypes) } : {}),
      ...switching,
      version: version + 1,
      updatedAt: new Date(),
      updatedBy: tx.ctx.actor.id,
    })
    .where(and(whereEndpoint(tx.ctx.companyId, id), eq(webhookEndpoints.version, version)))
    .returning();
  if (!row) {
    throw PlatformErrors.version_conflict(
      `endpoint ${id} is at version ${before.version}, not ${version}; reload it and apply your change again`,
    );
  }
  tx.audit('webhook.endpoint', id, 'update', diffRecords(audited(before), audited(row)));
  return toEndpoint(row);
}

/** Deletes an endpoint with its delivery log; jobs still queued for it find nothing and stop. */
export async function deleteEndpoint(tx: Tx, id: string): Promise<void> {
  const before = await endpointRow(tx.db, tx.ctx.companyId, id);
  const { companyId } = tx.ctx;
  const deliveries = tx.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.companyId, companyId), eq(webhookDeliveries.endpointId, id)));
  await tx.db
    .delete(webhookAttempts)
    .where(and(eq(webhookAttempts.companyId, companyId), inArray(webhookAttempts.deliveryId, deliveries)));
  await tx.db
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.companyId, companyId), eq(webhookDeliveries.endpointId, id)));
  await tx.db.delete(webhookEndpoints).where(whereEndpoint(companyId, id));
  tx.audit('webhook.endpoint', id, 'delete', diffRecords(audited(before), null));
}

/**
 * Gives the endpoint a new secret, returned this once. For `overlapSeconds` the current secret
 * keeps signing too, so receivers can switch over without losing a delivery; a secret that was
 * still overlapping from an earlier rotation is dropped.
 */
export async function rotateEndpointSecret(
  tx: Tx,
  id: string,
  input: RotateSecretInput,
): Promise<WebhookEndpointWithSecret> {
  const before = await endpointRow(tx.db, tx.ctx.companyId, id);
  const overlapping = input.overlapSeconds > 0;
  const [row] = await tx.db
    .update(webhookEndpoints)
    .set({
      secret: generateWebhookSecret(),
      previousSecret: overlapping ? before.secret : null,
      previousSecretExpiresAt: overlapping ? new Date(Date.now() + input.overlapSeconds * 1000) : null,
      version: before.version + 1,
      updatedAt: new Date(),
      updatedBy: tx.ctx.actor.id,
    })
    .where(whereEndpoint(tx.ctx.companyId, id))
    .returning();
  tx.audit('webhook.endpoint', id, 'rotate_secret', diffRecords(audited(before), audited(row!)));
  return { ...toEndpoint(row!), secret: row!.secret };
}

export type EndpointListQuery = {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  enabled?: boolean | undefined;
};

export async function listEndpoints(
  db: Executor,
  companyId: string,
  query: EndpointListQuery,
): Promise<Page<WebhookEndpoint>> {
  const paging = keysetPage<EndpointRow>(
    query,
    { createdAt: webhookEndpoints.createdAt, url: webhookEndpoints.url },
    webhookEndpoints.id,
    (row, field) => row[field as 'createdAt' | 'url'],
    (row) => row.id,
  );
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.companyId, companyId),
        query.enabled === undefined ? undefined : eq(webhookEndpoints.enabled, query.enabled),
        paging.where,
      ),
    )
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  return { data: page.data.map(toEndpoint), page: page.page };
}
