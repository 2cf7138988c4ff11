import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  inet,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../auth/schema.ts';
import { companyIdColumn, companyIsolation } from '../db/columns.ts';

// One row per change, written in the same transaction as the change. The application role may
// only insert and read it (see the grants migration); hash and previous_hash are filled by the
// sealer that chains rows in commit order after the fact.
export const auditLog = pgTable(
  'audit_log',
  {
    companyId: companyIdColumn().references(() => companies.id),
    id: uuid('id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    changes: jsonb('changes').notNull(),
    requestId: text('request_id'),
    sourceIp: inet('source_ip'),
    sealSeq: bigint('seal_seq', { mode: 'number' }),
    hash: text('hash'),
    previousHash: text('previous_hash'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    index('audit_log_entity_idx').on(t.companyId, t.entity, t.entityId),
    index('audit_log_time_idx').on(t.companyId, t.occurredAt, t.id),
    // One link per place in a company's chain: two sealers can never fork it.
    uniqueIndex('audit_log_seal_seq_unique').on(t.companyId, t.sealSeq),
    // What the sealer looks for: small, since rows are sealed within seconds.
    index('audit_log_unsealed_idx').on(t.companyId, t.occurredAt, t.id).where(sql`${t.hash} is null`),
    companyIsolation(),
  ],
).enableRLS();
