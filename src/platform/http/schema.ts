import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { companies } from '../auth/schema.ts';
import { companyIdColumn, companyIsolation } from '../db/columns.ts';

// Idempotency-Key records, claimed and completed inside the write's own transaction, so a key
// exists exactly when its write committed.
export const idempotencyKeys = pgTable(
  'http_idempotency_keys',
  {
    companyId: companyIdColumn().references(() => companies.id),
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.principal, t.key] }),
    index('http_idempotency_keys_expiry_idx').on(t.expiresAt),
    companyIsolation(),
  ],
).enableRLS();
