import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../../platform/auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation, recordRule } from '../../platform/db/columns.ts';

// The one record per party (customer, supplier, or both) that every module refers to by id.
export const crmParties = pgTable(
  'crm_parties',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: ['organisation', 'person'] }).notNull(),
    name: text('name').notNull(),
    isCustomer: boolean('is_customer').notNull().default(false),
    isSupplier: boolean('is_supplier').notNull().default(false),
    email: text('email'),
    phone: text('phone'),
    taxId: text('tax_id'),
    notes: text('notes'),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    check('crm_parties_kind_check', sql`${t.kind} in ('organisation', 'person')`),
    check('crm_parties_name_not_blank', sql`length(trim(${t.name})) > 0`),
    index('crm_parties_name_idx').on(t.companyId, t.name, t.id),
    uniqueIndex('crm_parties_tax_id_unique').on(t.companyId, t.taxId).where(sql`${t.taxId} is not null`),
    companyIsolation(),
    // A role may be limited to the parties its member created (e.g. a sales rep's own customers).
    recordRule('crm.party', 'created_by'),
  ],
).enableRLS();
