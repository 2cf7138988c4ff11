import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  date,
  foreignKey,
  index,
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
import {
  accountingAccounts,
  accountingEntries,
  accountingEntryLines,
  accountingJournals,
} from '../ledger/schema.ts';

const minor = (name: string) => bigint(name, { mode: 'number' });

export const INVOICE_KINDS = [
  'customer_invoice',
  'customer_credit_note',
  'vendor_bill',
  'vendor_refund',
] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

// An item, or a document-level allowance (a discount on the whole invoice, EN 16931 BG-20) or
// charge (freight, BG-21) kept as a line of its own so that it carries its VAT like any line.
// Prices stay positive: an allowance line's net is minus its quantity × price.
export const LINE_KINDS = ['item', 'allowance', 'charge'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

// Customer invoices and credit notes, vendor bills and refunds. A draft is edited freely; posting
// writes its journal entry and freezes it (a trigger refuses any change but cancelling). Whether it
// is paid is read from the allocations against its open item, never stored here.
export const accountingInvoices = pgTable(
  'accounting_invoices',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: INVOICE_KINDS }).notNull(),
    state: text('state', { enum: ['draft', 'posted', 'cancelled'] })
      .notNull()
      .default('draft'),
    number: text('number'),
    partnerId: uuid('partner_id').notNull(),
    journalId: uuid('journal_id').notNull(),
    invoiceDate: date('invoice_date'),
    dueDate: date('due_date'),
    paymentTermDays: integer('payment_term_days'),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    /** Company currency per unit of the invoice currency, fixed when posted. */
    exchangeRate: numeric('exchange_rate', { precision: 24, scale: 12 }),
    /** The customer's order number or the supplier's invoice number (BT-13 / the bill's own number). */
    reference: text('reference'),
    /** BT-10 */
    buyerReference: text('buyer_reference'),
    note: text('note'),
    /** ISO 11649 structured creditor reference the payer quotes; set when posted. */
    creditorReference: text('creditor_reference'),
    correctsInvoiceId: uuid('corrects_invoice_id'),
    entryId: uuid('entry_id'),
    /** The receivable or payable line of the entry: the open item payments are matched against. */
    openItemLineId: uuid('open_item_line_id'),
    netMinor: minor('net_minor').notNull().default(0),
    taxMinor: minor('tax_minor').notNull().default(0),
    totalMinor: minor('total_minor').notNull().default(0),
    /** How this invoice rounds its taxes; null follows the company setting. Imported e-invoices are 'global' (EN 16931 rounds per VAT category). */
    taxRounding: text('tax_rounding', { enum: ['per_line', 'global'] }),
    /** BT-113, an imported document's amount paid before it was issued (informative: prepayments are matched as payments). */
    prepaidMinor: minor('prepaid_minor'),
    /** BT-114, an imported document's rounding of the amount due; it is part of what is owed. */
    roundingMinor: minor('rounding_minor'),
    /** What created it from elsewhere (a sales order, an imported e-invoice): created once. */
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    /** The file it was imported from (the supplier's UBL XML), in the file store. */
    sourceFileKey: text('source_file_key'),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({
      columns: [t.companyId, t.journalId],
      foreignColumns: [accountingJournals.companyId, accountingJournals.id],
    }),
    foreignKey({ columns: [t.companyId, t.correctsInvoiceId], foreignColumns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.entryId],
      foreignColumns: [accountingEntries.companyId, accountingEntries.id],
    }),
    foreignKey({
      columns: [t.companyId, t.openItemLineId],
      foreignColumns: [accountingEntryLines.companyId, accountingEntryLines.id],
    }),
    uniqueIndex('accounting_invoices_number_unique')
      .on(t.companyId, t.journalId, t.number)
      .where(sql`${t.number} is not null`),
    uniqueIndex('accounting_invoices_source_unique')
      .on(t.companyId, t.sourceType, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    index('accounting_invoices_partner_idx').on(t.companyId, t.partnerId, t.invoiceDate),
    index('accounting_invoices_list_idx').on(t.companyId, t.kind, t.state, t.createdAt),
    check(
      'accounting_invoices_kind_check',
      sql`${t.kind} in ('customer_invoice', 'customer_credit_note', 'vendor_bill', 'vendor_refund')`,
    ),
    check('accounting_invoices_state_check', sql`${t.state} in ('draft', 'posted', 'cancelled')`),
    check(
      'accounting_invoices_posted_check',
      sql`${t.state} = 'draft' or ${t.entryId} is null and ${t.state} = 'cancelled'
          or (${t.number} is not null and ${t.entryId} is not null and ${t.openItemLineId} is not null
              and ${t.invoiceDate} is not null and ${t.dueDate} is not null)`,
    ),
    check('accounting_invoices_totals_check', sql`${t.totalMinor} = ${t.netMinor} + ${t.taxMinor}`),
    check(
      'accounting_invoices_tax_rounding_check',
      sql`${t.taxRounding} is null or ${t.taxRounding} in ('per_line', 'global')`,
    ),
    companyIsolation(),
  ],
).enableRLS();

export const accountingInvoiceLines = pgTable(
  'accounting_invoice_lines',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    lineNo: integer('line_no').notNull(),
    kind: text('kind', { enum: LINE_KINDS }).notNull().default('item'),
    /** The catalogue variant sold or bought, when there is one. */
    variantId: uuid('variant_id'),
    sku: text('sku'),
    gtin: text('gtin'),
    description: text('description').notNull(),
    quantity: numeric('quantity', { precision: 20, scale: 6 }).notNull(),
    /** UN/ECE Recommendation 20 code. */
    unitCode: text('unit_code').notNull().default('C62'),
    unitPrice: numeric('unit_price', { precision: 20, scale: 6 }).notNull(),
    /** The quantity the unit price is for (BT-149); null means 1. */
    baseQuantity: numeric('base_quantity', { precision: 20, scale: 6 }),
    discountPercent: numeric('discount_percent', { precision: 7, scale: 4 }).notNull().default('0'),
    accountId: uuid('account_id').notNull(),
    taxIds: uuid('tax_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The line's VAT as documents show it (EN 16931 BT-151/152), frozen when saved. */
    vatCategory: text('vat_category').notNull().default('O'),
    vatRatePercent: numeric('vat_rate_percent', { precision: 9, scale: 4 }),
    /** The net an imported e-invoice states for the line (BT-131): booked as it is, not recomputed from quantity × price. */
    statedNetMinor: minor('stated_net_minor'),
    netMinor: minor('net_minor').notNull(),
    taxMinor: minor('tax_minor').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.invoiceId],
      foreignColumns: [accountingInvoices.companyId, accountingInvoices.id],
    }),
    foreignKey({
      columns: [t.companyId, t.accountId],
      foreignColumns: [accountingAccounts.companyId, accountingAccounts.id],
    }),
    uniqueIndex('accounting_invoice_lines_line_unique').on(t.companyId, t.invoiceId, t.lineNo),
    check('accounting_invoice_lines_discount_check', sql`${t.discountPercent} between 0 and 100`),
    check('accounting_invoice_lines_price_check', sql`${t.unitPrice} >= 0`),
    check('accounting_invoice_lines_kind_check', sql`${t.kind} in ('item', 'allowance', 'charge')`),
    check(
      'accounting_invoice_lines_base_quantity_check',
      sql`${t.baseQuantity} is null or ${t.baseQuantity} > 0`,
    ),
    check(
      'accounting_invoice_lines_stated_net_check',
      sql`${t.statedNetMinor} is null or ${t.statedNetMinor} = ${t.netMinor}`,
    ),
    companyIsolation(),
  ],
).enableRLS();

// An invoice's taxes as computed when it was last saved: one row per tax, with what documents
// print of it (code, category, rate, exemption reason) frozen with the invoice.
export const accountingInvoiceTaxes = pgTable(
  'accounting_invoice_taxes',
  {
    companyId: companyIdColumn(),
    invoiceId: uuid('invoice_id').notNull(),
    taxId: uuid('tax_id').notNull(),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    vatCategory: text('vat_category').notNull(),
    ratePercent: numeric('rate_percent', { precision: 9, scale: 4 }),
    exemptionReason: text('exemption_reason'),
    exemptionReasonCode: text('exemption_reason_code'),
    accountId: uuid('account_id').notNull(),
    baseMinor: minor('base_minor').notNull(),
    amountMinor: minor('amount_minor').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.invoiceId, t.taxId] }),
    foreignKey({
      columns: [t.companyId, t.invoiceId],
      foreignColumns: [accountingInvoices.companyId, accountingInvoices.id],
    }),
    foreignKey({
      columns: [t.companyId, t.accountId],
      foreignColumns: [accountingAccounts.companyId, accountingAccounts.id],
    }),
    companyIsolation(),
  ],
).enableRLS();
