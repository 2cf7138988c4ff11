import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
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
    street: text('street'),
    street2: text('street2'),
    city: text('city'),
    postalCode: text('postal_code'),
    region: text('region'),
    countryCode: char('country_code', { length: 2 }),
    companyRegistrationId: text('company_registration_id'),
    peppolEndpointId: text('peppol_endpoint_id'),
    peppolEndpointScheme: text('peppol_endpoint_scheme'),
    paymentTermDays: integer('payment_term_days'),
    /** Most the customer may owe (open invoices and confirmed orders), in the company currency. */
    creditLimit: numeric('credit_limit', { precision: 20, scale: 4 }),
    bankAccounts:
      jsonb('bank_accounts').$type<{ iban: string; bic: string | null; holder: string | null }[]>(),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    check('crm_parties_kind_check', sql`${t.kind} in ('organisation', 'person')`),
    check('crm_parties_name_not_blank', sql`length(trim(${t.name})) > 0`),
    index('crm_parties_name_idx').on(t.companyId, t.name, t.id),
    index('crm_parties_endpoint_idx')
      .on(t.companyId, t.peppolEndpointScheme, t.peppolEndpointId)
      .where(sql`${t.peppolEndpointId} is not null`),
    check('crm_parties_payment_terms_check', sql`${t.paymentTermDays} between 0 and 365`),
    uniqueIndex('crm_parties_tax_id_unique').on(t.companyId, t.taxId).where(sql`${t.taxId} is not null`),
    companyIsolation(),
    // A role may be limited to the parties its member created (e.g. a sales rep's own customers).
    recordRule('crm.party', 'created_by'),
  ],
).enableRLS();
