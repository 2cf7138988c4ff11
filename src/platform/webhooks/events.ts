import { z } from 'zod';
import { defineEvent } from '../events/define.ts';

/**
 * An endpoint was switched off because its deliveries kept failing: the notice to the company's
 * administrators (streams and notifications subscribe to it; other webhooks may too).
 */
export const WebhookEndpointDisabled = defineEvent({
  name: 'platform.webhook.endpoint_disabled',
  version: 1,
  aggregateType: 'platform.webhook_endpoint',
  schema: z.object({
    endpointId: z.uuid(),
    url: z.string(),
    reason: z.string(),
    failedDeliveries: z.number().int(),
    lastError: z.string().nullable(),
  }),
});
