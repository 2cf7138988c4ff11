import { and, eq, sql } from 'drizzle-orm';
import { diffRecords } from '../audit/changes.ts';
import type { Tx } from '../db/tx.ts';
import { WebhookEndpointDisabled } from './events.ts';
import { webhookEndpoints } from './schema.ts';
import { webhookSettings } from './settings.ts';

// The rule for giving up on a receiver: failed attempts alone say little (a receiver may be down
// for an hour), but deliveries that failed their whole day of retries, several in a row, mean
// nobody is listening; retrying them forever would only load both sides.

/**
 * One more delivery failed every attempt. At the configured count in a row (3 by default) the
 * endpoint is disabled, audited, and the company's admins are told through an event.
 */
export async function countFailedDelivery(
  tx: Tx,
  endpointId: string,
  lastError: string | null,
): Promise<void> {
  const where = and(eq(webhookEndpoints.companyId, tx.ctx.companyId), eq(webhookEndpoints.id, endpointId));
  const [counted] = await tx.db
    .update(webhookEndpoints)
    .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
    .where(where)
    .returning();
  const threshold = webhookSettings().disableAfterFailedDeliveries;
  if (!counted?.enabled || counted.consecutiveFailures < threshold) return;
  const reason = `${counted.consecutiveFailures} deliveries in a row failed every attempt`;
  await tx.db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, version: counted.version + 1, updatedAt: new Date() })
    .where(where);
  tx.audit(
    'webhook.endpoint',
    endpointId,
    'disable',
    diffRecords({ enabled: true, disabledReason: null }, { enabled: false, disabledReason: reason }),
  );
  await tx.emit(WebhookEndpointDisabled, endpointId, {
    endpointId,
    url: counted.url,
    reason,
    failedDeliveries: counted.consecutiveFailures,
    lastError,
  });
}
