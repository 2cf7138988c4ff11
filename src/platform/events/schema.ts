import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from '../auth/schema.ts';
import { companyIdColumn, companyIsolation } from '../db/columns.ts';

// The transactional outbox: events are appended in the transaction that caused them, so an
// event exists if and only if its change committed.
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
  },
  (t) => [primaryKey({ columns: [t.companyId, t.id] }), companyIsolation()],
).enableRLS();
