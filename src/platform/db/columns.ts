import { sql } from 'drizzle-orm';
import { integer, pgPolicy, pgRole, timestamp, uuid } from 'drizzle-orm/pg-core';

// The role every application transaction switches to (SET LOCAL ROLE). It has no BYPASSRLS, so
// the row-level security policies below apply even though the login may be a superuser.
export const APP_ROLE = 'tandem_app';
export const appRole = pgRole(APP_ROLE).existing();

/** The current company of the transaction, or NULL when none is set (reads nothing then). */
export const currentCompanyId = sql`nullif(current_setting('tandem.company_id', true), '')::uuid`;
export const currentUserId = sql`nullif(current_setting('tandem.user_id', true), '')::uuid`;

/** The policy every business table carries: rows of the transaction's company only. */
export function companyIsolation() {
  return pgPolicy('company_isolation', {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`company_id = ${currentCompanyId}`,
    withCheck: sql`company_id = ${currentCompanyId}`,
  });
}

export const companyIdColumn = () => uuid('company_id').notNull();

/** created/updated timestamps and actors, and the optimistic-concurrency version. */
export const auditColumns = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
});

/**
 * The record rule of an entity: members whose role is limited to their own `entity` records see
 * and change only rows whose `ownerColumn` is them (function tandem_record_visible, migration 0013).
 */
export function recordRule(entity: string, ownerColumn: string) {
  return pgPolicy('record_rules', {
    as: 'restrictive',
    for: 'all',
    to: appRole,
    using: sql.raw(`tandem_record_visible('${entity}', ${ownerColumn})`),
  });
}
