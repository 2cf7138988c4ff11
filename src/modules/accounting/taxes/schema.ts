import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../../../platform/auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation } from '../../../platform/db/columns.ts';
import { accountingAccounts } from '../ledger/schema.ts';

export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M'] as const;

// A tax as a company charges (scope sale) or pays (scope purchase) it. A group applies its
// members together; percent and fixed taxes carry the account their amounts post to.
export const accountingTaxes = pgTable(
  'accounting_taxes',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    scope: text('scope', { enum: ['sale', 'purchase'] }).notNull(),
    kind: text('kind', { enum: ['percent', 'fixed', 'group'] }).notNull(),
    ratePercent: numeric('rate_percent', { precision: 9, scale: 4 }),
    /** Fixed taxes: per unit, in the company currency. */
    amount: numeric('amount', { precision: 20, scale: 6 }),
    priceIncluded: boolean('price_included').notNull().default(false),
    /** EN 16931 VAT category code (UNCL 5305). */
    vatCategory: text('vat_category', { enum: VAT_CATEGORIES }).notNull(),
    exemptionReason: text('exemption_reason'),
    /** VATEX code (e.g. VATEX-EU-IC for intra-community supplies). */
    exemptionReasonCode: text('exemption_reason_code'),
    accountId: uuid('account_id'),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({
      columns: [t.companyId, t.accountId],
      foreignColumns: [accountingAccounts.companyId, accountingAccounts.id],
    }),
    uniqueIndex('accounting_taxes_code_unique').on(t.companyId, t.scope, t.code),
    check('accounting_taxes_scope_check', sql`${t.scope} in ('sale', 'purchase')`),
    check(
      'accounting_taxes_kind_check',
      sql`(${t.kind} = 'percent' and ${t.ratePercent} is not null and ${t.ratePercent} >= 0 and ${t.accountId} is not null)
       or (${t.kind} = 'fixed' and ${t.amount} is not null and ${t.amount} >= 0 and ${t.accountId} is not null)
       or (${t.kind} = 'group' and ${t.ratePercent} is null and ${t.amount} is null)`,
    ),
    check(
      'accounting_taxes_category_check',
      sql`${t.vatCategory} in ('S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M')`,
    ),
    companyIsolation(),
  ],
).enableRLS();

export const accountingTaxGroupMembers = pgTable(
  'accounting_tax_group_members',
  {
    companyId: companyIdColumn(),
    groupId: uuid('group_id').notNull(),
    memberId: uuid('member_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.groupId, t.memberId] }),
    foreignKey({
      columns: [t.companyId, t.groupId],
      foreignColumns: [accountingTaxes.companyId, accountingTaxes.id],
    }),
    foreignKey({
      columns: [t.companyId, t.memberId],
      foreignColumns: [accountingTaxes.companyId, accountingTaxes.id],
    }),
    check('accounting_tax_group_members_self_check', sql`${t.groupId} <> ${t.memberId}`),
    companyIsolation(),
  ],
).enableRLS();

// Which taxes a product's tax category ('standard', 'reduced', …, as the catalogue names it)
// carries when sold and when bought: the catalogue stays free of tax rates, and a company maps its
// categories once.
export const accountingTaxCategories = pgTable(
  'accounting_tax_categories',
  {
    companyId: companyIdColumn(),
    category: text('category').notNull(),
    saleTaxId: uuid('sale_tax_id'),
    purchaseTaxId: uuid('purchase_tax_id'),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.category] }),
    foreignKey({
      columns: [t.companyId, t.saleTaxId],
      foreignColumns: [accountingTaxes.companyId, accountingTaxes.id],
    }),
    foreignKey({
      columns: [t.companyId, t.purchaseTaxId],
      foreignColumns: [accountingTaxes.companyId, accountingTaxes.id],
    }),
    companyIsolation(),
  ],
).enableRLS();
