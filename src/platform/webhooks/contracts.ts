import { z } from 'zod';

// The webhook API's inputs and outputs. A secret appears only in the answers to creating an
// endpoint and rotating its secret; every other answer leaves it out.

const EventTypes = z
  .array(z.string().trim().min(1).max(200))
  .min(1)
  .max(100)
  .describe('Event keys (`name@version`, e.g. `crm.party.created@1`) or `*` for every event');

export const CreateEndpointInput = z
  .object({
    url: z.string().trim().min(1).max(2048).describe('http or https; must resolve to a public address'),
    description: z.string().trim().max(500).nullish(),
    eventTypes: EventTypes,
    enabled: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'CreateWebhookEndpointInput' });
export type CreateEndpointInput = z.infer<typeof CreateEndpointInput>;

export const UpdateEndpointInput = z
  .object({
    version: z.number().int().min(1).describe('The version you last read; a stale version is a 409.'),
    url: z.string().trim().min(1).max(2048).optional(),
    description: z.string().trim().max(500).nullish(),
    eventTypes: EventTypes.optional(),
    enabled: z
      .boolean()
      .optional()
      .describe('Enabling an endpoint clears its failure count and the reason it was disabled'),
  })
  .strict()
  .meta({ id: 'UpdateWebhookEndpointInput' });
export type UpdateEndpointInput = z.infer<typeof UpdateEndpointInput>;

export const MAX_OVERLAP_SECONDS = 7 * 24 * 60 * 60;
export const DEFAULT_OVERLAP_SECONDS = 24 * 60 * 60;

export const RotateSecretInput = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_OVERLAP_SECONDS)
      .default(DEFAULT_OVERLAP_SECONDS)
      .describe('How long the previous secret keeps signing too (0 drops it at once); 24 h by default'),
  })
  .strict()
  .meta({ id: 'RotateWebhookSecretInput' });
export type RotateSecretInput = z.infer<typeof RotateSecretInput>;

export const WebhookEndpoint = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z
      .number()
      .int()
      .describe('Deliveries in a row that failed every attempt; reset by a success'),
    previousSecretExpiresAt: z.iso
      .datetime()
      .nullable()
      .describe('Until then deliveries are signed with the previous secret as well'),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z.string().describe('The signing secret (`whsec_…`); shown this once, store it now'),
}).meta({ id: 'WebhookEndpointWithSecret' });
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>;

export const WebhookAttempt = z
  .object({
    id: z.uuid(),
    attemptedAt: z.iso.datetime(),
    ok: z.boolean(),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int(),
    error: z.string().nullable(),
    responseSnippet: z.string().nullable().describe('The start of the answer (512 characters at most)'),
  })
  .meta({ id: 'WebhookAttempt' });
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

export const DeliveryStatus = z.enum(['pending', 'succeeded', 'failed']);

export const WebhookDelivery = z
  .object({
    id: z.uuid(),
    endpointId: z.uuid(),
    eventId: z.uuid().describe('Also the `webhook-id` header, the same on every attempt'),
    eventType: z.string(),
    status: DeliveryStatus,
    attemptCount: z.number().int().describe('Attempts since the delivery was created or last replayed'),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
    attempts: z.array(WebhookAttempt).describe('The latest attempts, oldest first (30 at most)'),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
