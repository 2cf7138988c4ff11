import { sql } from 'drizzle-orm';
import { boolean, foreignKey, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { companies } from '../auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation } from '../db/columns.ts';

// A company's roles: a named list of permissions, editable per company. Members refer to a role
// by its key (`admin`, `sales_rep`), which never changes; the name and permissions may.
export const rbacRoles = pgTable(
  'rbac_roles',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    // Exact permissions (`crm.party.read`) or wildcards (`crm.*`, `*`).
    permissions: text('permissions').array().notNull().default(sql`'{}'::text[]`),
    mfaRequired: boolean('mfa_required').notNull().default(false),
    // Per entity, `own` limits members to records they own (see db/columns.ts recordRule).
    recordRules: jsonb('record_rules').$type<Record<string, 'own' | 'all'>>().notNull().default({}),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    // A constraint, not just an index: memberships reference (company_id, key).
    unique('rbac_roles_key_unique').on(t.companyId, t.key),
    companyIsolation(),
  ],
).enableRLS();
