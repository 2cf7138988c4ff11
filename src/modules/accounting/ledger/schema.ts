import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../../../platform/auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation } from '../../../platform/db/columns.ts';
import { ACCOUNT_KINDS, ACCOUNT_TYPES, type AccountKind } from '../../../shared/accounting/account.ts';

const minor = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

// The types and kinds are shared with the web app (src/shared/accounting/account.ts).
export { ACCOUNT_KINDS, ACCOUNT_TYPES, type AccountKind };

const kindTypePairs = Object.entries(ACCOUNT_KINDS)
  .map(([kind, type]) => `('${kind}','${type}')`)
  .join(', ');

// One row per company that uses accounting: made by the setup from a chart template.
export const accountingSettings = pgTable(
  'accounting_settings',
  {
    companyId: companyIdColumn(),
    chartTemplate: text('chart_template').notNull(),
    taxRounding: text('tax_rounding', { enum: ['per_line', 'global'] })
      .notNull()
      .default('per_line'),
    /** Nothing dated on or before this day may be posted, by anyone. */
    lockDate: date('lock_date'),
    // The company as its invoices present it (EN 16931 seller, BG-4).
    legalName: text('legal_name'),
    vatId: text('vat_id'),
    registrationId: text('registration_id'),
    street: text('street'),
    street2: text('street2'),
    city: text('city'),
    postalCode: text('postal_code'),
    region: text('region'),
    countryCode: char('country_code', { length: 2 }),
    email: text('email'),
    phone: text('phone'),
    iban: text('iban'),
    bic: text('bic'),
    peppolEndpointId: text('peppol_endpoint_id'),
    peppolEndpointScheme: text('peppol_endpoint_scheme'),
    /** Payment reminders: after how many days overdue each level goes out, and its words. */
    dunningLevels: jsonb('dunning_levels')
      .$type<{ afterDays: number; subject: string; text: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    check('accounting_settings_rounding_check', sql`${t.taxRounding} in ('per_line', 'global')`),
    companyIsolation(),
  ],
).enableRLS();

export const accountingAccounts = pgTable(
  'accounting_accounts',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: ACCOUNT_TYPES }).notNull(),
    kind: text('kind').$type<AccountKind>().notNull(),
    /** Its lines can be matched against each other (open items: receivables, payables, bank suspense). */
    reconcilable: boolean('reconcilable').notNull().default(false),
    /** When set, every line on this account is in this currency. */
    currencyCode: char('currency_code', { length: 3 }),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    uniqueIndex('accounting_accounts_code_unique').on(t.companyId, t.code),
    check('accounting_accounts_kind_check', sql.raw(`(kind, type) in (${kindTypePairs})`)),
    check('accounting_accounts_code_check', sql`${t.code} ~ '^[0-9A-Za-z.\\-]{1,20}$'`),
    companyIsolation(),
  ],
).enableRLS();

// Which account a posting rule uses for a purpose ('receivable', 'revenue', 'inventory', …):
// data per company, so rules are mapped, not coded.
export const accountingAccountMappings = pgTable(
  'accounting_account_mappings',
  {
    companyId: companyIdColumn(),
    purpose: text('purpose').notNull(),
    accountId: uuid('account_id').notNull(),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.purpose] }),
    foreignKey({
      columns: [t.companyId, t.accountId],
      foreignColumns: [accountingAccounts.companyId, accountingAccounts.id],
    }),
    companyIsolation(),
  ],
).enableRLS();

export const JOURNAL_TYPES = ['sale', 'purchase', 'bank', 'cash', 'general'] as const;

export const accountingJournals = pgTable(
  'accounting_journals',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: JOURNAL_TYPES }).notNull(),
    /** For bank and cash journals: the account the money is on. */
    defaultAccountId: uuid('default_account_id'),
    /** For bank journals: the account number statements are matched by. */
    bankIban: text('bank_iban'),
    currencyCode: char('currency_code', { length: 3 }),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({
      columns: [t.companyId, t.defaultAccountId],
      foreignColumns: [accountingAccounts.companyId, accountingAccounts.id],
    }),
    uniqueIndex('accounting_journals_code_unique').on(t.companyId, t.code),
    check(
      'accounting_journals_type_check',
      sql`${t.type} in ('sale', 'purchase', 'bank', 'cash', 'general')`,
    ),
    check(
      'accounting_journals_money_account_check',
      sql`${t.type} not in ('bank', 'cash') or ${t.defaultAccountId} is not null`,
    ),
    check('accounting_journals_code_check', sql`${t.code} ~ '^[0-9A-Z]{1,10}$'`),
    companyIsolation(),
  ],
).enableRLS();

export const accountingFiscalYears = pgTable(
  'accounting_fiscal_years',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** Set by the year-end close; nothing more is posted into a closed year. */
    closedAt: stamp('closed_at'),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    uniqueIndex('accounting_fiscal_years_start_unique').on(t.companyId, t.startDate),
    uniqueIndex('accounting_fiscal_years_name_unique').on(t.companyId, t.name),
    check('accounting_fiscal_years_dates_check', sql`${t.startDate} <= ${t.endDate}`),
    companyIsolation(),
  ],
).enableRLS();

// Months of a fiscal year. Posting takes a share lock on its period and locking one takes an
// update lock, so a period is never locked under an entry that is being posted into it.
export const accountingPeriods = pgTable(
  'accounting_periods',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    fiscalYearId: uuid('fiscal_year_id').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    lockedAt: stamp('locked_at'),
    lockedBy: uuid('locked_by'),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.fiscalYearId],
      foreignColumns: [accountingFiscalYears.companyId, accountingFiscalYears.id],
    }),
    uniqueIndex('accounting_periods_start_unique').on(t.companyId, t.startDate),
    check('accounting_periods_dates_check', sql`${t.startDate} <= ${t.endDate}`),
    companyIsolation(),
  ],
).enableRLS();

// The counter behind gap-free entry numbers, one per journal and fiscal year. It is taken just
// before commit, so its row lock is held as briefly as the transaction allows.
export const accountingSequences = pgTable(
  'accounting_sequences',
  {
    companyId: companyIdColumn(),
    journalId: uuid('journal_id').notNull(),
    fiscalYearId: uuid('fiscal_year_id').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.journalId, t.fiscalYearId] }),
    foreignKey({
      columns: [t.companyId, t.journalId],
      foreignColumns: [accountingJournals.companyId, accountingJournals.id],
    }),
    foreignKey({
      columns: [t.companyId, t.fiscalYearId],
      foreignColumns: [accountingFiscalYears.companyId, accountingFiscalYears.id],
    }),
    check('accounting_sequences_last_check', sql`${t.lastNumber} >= 0`),
    companyIsolation(),
  ],
).enableRLS();

// A posted journal entry: immutable (a trigger refuses any change but the number being set once,
// before commit), corrected only by a reversal. Its lines balance (a deferred constraint trigger).
export const accountingEntries = pgTable(
  'accounting_entries',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    journalId: uuid('journal_id').notNull(),
    fiscalYearId: uuid('fiscal_year_id').notNull(),
    periodId: uuid('period_id').notNull(),
    /** e.g. SAL/2026/00042: set as the last step of the posting transaction. */
    number: text('number'),
    sequenceNumber: integer('sequence_number'),
    date: date('date').notNull(),
    reference: text('reference'),
    description: text('description').notNull(),
    /** What caused it: 'manual', 'accounting.invoice', 'pos.sale', 'inventory.valuation', … */
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id'),
    reversesEntryId: uuid('reverses_entry_id'),
    reversalReason: text('reversal_reason'),
    postedAt: stamp('posted_at').notNull().defaultNow(),
    postedBy: uuid('posted_by'),
    /** The posting transaction: lines and the number may be added in it and never after. */
    postedTxid: bigint('posted_txid', { mode: 'number' }).notNull().default(sql`txid_current()`),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.journalId],
      foreignColumns: [accountingJournals.companyId, accountingJournals.id],
    }),
    foreignKey({
      columns: [t.companyId, t.fiscalYearId],
      foreignColumns: [accountingFiscalYears.companyId, accountingFiscalYears.id],
    }),
    foreignKey({
      columns: [t.companyId, t.periodId],
      foreignColumns: [accountingPeriods.companyId, accountingPeriods.id],
    }),
    foreignKey({ columns: [t.companyId, t.reversesEntryId], foreignColumns: [t.companyId, t.id] }),
    uniqueIndex('accounting_entries_number_unique')
      .on(t.companyId, t.journalId, t.fiscalYearId, t.sequenceNumber)
      .where(sql`${t.sequenceNumber} is not null`),
    // A business event is posted once: a retried or replayed posting rule finds its entry.
    uniqueIndex('accounting_entries_source_unique')
      .on(t.companyId, t.sourceType, t.sourceId)
      .where(sql`${t.sourceId} is not null and ${t.reversesEntryId} is null`),
    uniqueIndex('accounting_entries_reversal_unique')
      .on(t.companyId, t.reversesEntryId)
      .where(sql`${t.reversesEntryId} is not null`),
    index('accounting_entries_date_idx').on(t.companyId, t.date, t.id),
    index('accounting_entries_journal_idx').on(t.companyId, t.journalId, t.date),
    check('accounting_entries_number_check', sql`(${t.number} is null) = (${t.sequenceNumber} is null)`),
    companyIsolation(),
  ],
).enableRLS();

// Amounts in the company currency as integer minor units, one side per line; the line's own
// currency amount is signed (+ debit). Date and journal are copied from the entry (immutable) so
// reports read lines alone.
export const accountingEntryLines = pgTable(
  'accounting_entry_lines',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    entryId: uuid('entry_id').notNull(),
    lineNo: integer('line_no').notNull(),
    journalId: uuid('journal_id').notNull(),
    date: date('date').notNull(),
    accountId: uuid('account_id').notNull(),
    /** The customer or supplier (a crm party), on receivable and payable lines above all. */
    partnerId: uuid('partner_id'),
    description: text('description'),
    debitMinor: minor('debit_minor').notNull(),
    creditMinor: minor('credit_minor').notNull(),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    amountCurrencyMinor: minor('amount_currency_minor').notNull(),
    /** On a tax line: the tax and the base it was computed on (for the tax report). */
    taxId: uuid('tax_id'),
    taxBaseMinor: minor('tax_base_minor'),
    dueDate: date('due_date'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.entryId],
      foreignColumns: [accountingEntries.companyId, accountingEntries.id],
    }),
    foreignKey({
      columns: [t.companyId, t.accountId],
      foreignColumns: [accountingAccounts.companyId, accountingAccounts.id],
    }),
    uniqueIndex('accounting_entry_lines_line_unique').on(t.companyId, t.entryId, t.lineNo),
    index('accounting_entry_lines_account_idx').on(t.companyId, t.accountId, t.date),
    index('accounting_entry_lines_partner_idx')
      .on(t.companyId, t.partnerId, t.accountId)
      .where(sql`${t.partnerId} is not null`),
    index('accounting_entry_lines_tax_idx')
      .on(t.companyId, t.taxId, t.date)
      .where(sql`${t.taxId} is not null`),
    check(
      'accounting_entry_lines_one_side_check',
      sql`${t.debitMinor} >= 0 and ${t.creditMinor} >= 0 and (${t.debitMinor} > 0) <> (${t.creditMinor} > 0)`,
    ),
    check(
      'accounting_entry_lines_currency_sign_check',
      sql`(${t.debitMinor} > 0 and ${t.amountCurrencyMinor} >= 0) or (${t.creditMinor} > 0 and ${t.amountCurrencyMinor} <= 0)`,
    ),
    companyIsolation(),
  ],
).enableRLS();

// Units of the company currency per one unit of the foreign currency, valid from the date.
export const accountingExchangeRates = pgTable(
  'accounting_exchange_rates',
  {
    companyId: companyIdColumn(),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    date: date('date').notNull(),
    rate: numeric('rate', { precision: 24, scale: 12 }).notNull(),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.currencyCode, t.date] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    check('accounting_exchange_rates_rate_check', sql`${t.rate} > 0`),
    companyIsolation(),
  ],
).enableRLS();
