import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { companyIdColumn, companyIsolation } from '../db/columns.ts';

// The transactional outbox: events are appended in the transaction that caused them, so an
// event exists if and only if its change committed. Readers walk it by (txid, seq) and only below
// the oldest running transaction, so an event that commits late is never skipped.
export const eventOutbox = pgTable(
  'event_outbox',
  {
    companyId: companyIdColumn().references(() => companies.id),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    typeVersion: integer('type_version').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    payload: jsonb('payload').notNull(),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // The writing transaction's id: every event of a transaction id below the oldest running
    // transaction is final.
    txid: bigint('txid', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text)::bigint`),
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('event_outbox_position_idx').on(t.txid, t.seq),
    index('event_outbox_company_position_idx').on(t.companyId, t.txid, t.seq),
    companyIsolation(),
  ],
).enableRLS();

// One row per after-commit subscriber: how far it has read, and which process holds the lease
// to read on (so each event is handled once per subscriber, not once per process).
export const eventSubscriptions = pgTable('event_subscriptions', {
  subscriber: text('subscriber').primaryKey(),
  lastTxid: bigint('last_txid', { mode: 'number' }).notNull(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true, precision: 3 }),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});

// Events a subscriber could not handle yet: retrying with backoff, dead (waiting for an admin), or
// held behind an earlier event of the same aggregate that is retrying or dead.
export const eventDeliveries = pgTable(
  'event_deliveries',
  {
    companyId: companyIdColumn().references(() => companies.id),
    subscriber: text('subscriber').notNull(),
    eventId: uuid('event_id').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    txid: bigint('txid', { mode: 'number' }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['retrying', 'held', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.subscriber, t.eventId] }),
    index('event_deliveries_due_idx').on(t.subscriber, t.status, t.nextAttemptAt),
    index('event_deliveries_aggregate_idx').on(
      t.subscriber,
      t.companyId,
      t.aggregateType,
      t.aggregateId,
      t.txid,
      t.seq,
    ),
    companyIsolation(),
  ],
).enableRLS();

// Which events a subscriber has handled, written in the same transaction as the handler's effect,
// so a redelivered event takes effect once.
export const eventProcessed = pgTable(
  'event_processed',
  {
    companyId: companyIdColumn().references(() => companies.id),
    subscriber: text('subscriber').notNull(),
    eventId: uuid('event_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.subscriber, t.eventId] }), companyIsolation()],
).enableRLS();
