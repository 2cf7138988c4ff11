import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation } from '../db/columns.ts';

// A company's subscription of a URL to event types. The signing secret rotates with an overlap:
// during it, deliveries are signed with both the new and the previous secret.
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    companyId: companyIdColumn().references(() => companies.id),
    id: uuid('id').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    /** Event keys (`name@version`) or `*` for all the company's events. */
    eventTypes: jsonb('event_types').$type<string[]>().notNull(),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true, precision: 3 }),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    ...auditColumns(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), companyIsolation()],
).enableRLS();

// One event to one endpoint: its state across attempts. `event_id` is also the stable
// `webhook-id` receivers de-duplicate on.
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    companyId: companyIdColumn().references(() => companies.id),
    id: uuid('id').notNull(),
    endpointId: uuid('endpoint_id').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.endpointId],
      foreignColumns: [webhookEndpoints.companyId, webhookEndpoints.id],
    }),
    index('webhook_deliveries_endpoint_idx').on(t.companyId, t.endpointId, t.createdAt),
    index('webhook_deliveries_event_idx').on(t.companyId, t.eventId),
    companyIsolation(),
  ],
).enableRLS();

// The delivery log: every attempt with its answer and latency.
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    companyId: companyIdColumn().references(() => companies.id),
    id: uuid('id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    responseSnippet: text('response_snippet'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.deliveryId],
      foreignColumns: [webhookDeliveries.companyId, webhookDeliveries.id],
    }),
    index('webhook_attempts_delivery_idx').on(t.companyId, t.deliveryId, t.attemptedAt),
    companyIsolation(),
  ],
).enableRLS();
