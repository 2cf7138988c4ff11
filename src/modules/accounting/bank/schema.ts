import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../../../platform/auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation } from '../../../platform/db/columns.ts';
import { accountingAccounts, accountingEntries, accountingJournals } from '../ledger/schema.ts';
import { accountingPayments } from '../payments/schema.ts';
import type { CsvMapping } from './csv-mapping.ts';

const minor = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

// One imported bank file (or one statement of a file that held several), for a bank journal.
export const accountingBankStatements = pgTable(
  'accounting_bank_statements',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    journalId: uuid('journal_id').notNull(),
    format: text('format').notNull(),
    bankStatementId: text('bank_statement_id'),
    fileName: text('file_name'),
    fromDate: date('from_date'),
    toDate: date('to_date'),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    openingBalanceMinor: minor('opening_balance_minor'),
    closingBalanceMinor: minor('closing_balance_minor'),
    lineCount: integer('line_count').notNull(),
    newLineCount: integer('new_line_count').notNull(),
    notes: jsonb('notes').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    importedAt: stamp('imported_at').notNull().defaultNow(),
    importedBy: uuid('imported_by'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({
      columns: [t.companyId, t.journalId],
      foreignColumns: [accountingJournals.companyId, accountingJournals.id],
    }),
    index('accounting_bank_statements_journal_idx').on(t.companyId, t.journalId, t.importedAt),
    companyIsolation(),
  ],
).enableRLS();

// A line as the bank booked it. Its duplicate key is unique per bank journal, so importing a file
// twice, or overlapping files, never creates a line twice. Reconciling it posts a payment or an
// entry and records which.
export const accountingBankStatementLines = pgTable(
  'accounting_bank_statement_lines',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    statementId: uuid('statement_id').notNull(),
    journalId: uuid('journal_id').notNull(),
    bookingDate: date('booking_date').notNull(),
    valueDate: date('value_date'),
    amountMinor: minor('amount_minor').notNull(),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    counterpartyName: text('counterparty_name'),
    counterpartyIban: text('counterparty_iban'),
    remittanceText: text('remittance_text'),
    structuredReference: text('structured_reference'),
    endToEndId: text('end_to_end_id'),
    bankReference: text('bank_reference'),
    transactionCode: text('transaction_code'),
    duplicateKey: text('duplicate_key').notNull(),
    state: text('state', { enum: ['open', 'reconciled', 'ignored'] })
      .notNull()
      .default('open'),
    paymentId: uuid('payment_id'),
    entryId: uuid('entry_id'),
    ruleId: uuid('rule_id'),
    reconciledAt: stamp('reconciled_at'),
    reconciledBy: uuid('reconciled_by'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.statementId],
      foreignColumns: [accountingBankStatements.companyId, accountingBankStatements.id],
    }),
    foreignKey({
      columns: [t.companyId, t.journalId],
      foreignColumns: [accountingJournals.companyId, accountingJournals.id],
    }),
    foreignKey({
      columns: [t.companyId, t.paymentId],
      foreignColumns: [accountingPayments.companyId, accountingPayments.id],
    }),
    foreignKey({
      columns: [t.companyId, t.entryId],
      foreignColumns: [accountingEntries.companyId, accountingEntries.id],
    }),
    uniqueIndex('accounting_bank_statement_lines_duplicate_unique').on(
      t.companyId,
      t.journalId,
      t.duplicateKey,
    ),
    index('accounting_bank_statement_lines_open_idx').on(t.companyId, t.journalId, t.state, t.bookingDate),
    check(
      'accounting_bank_statement_lines_state_check',
      sql`${t.state} in ('open', 'reconciled', 'ignored')`,
    ),
    check('accounting_bank_statement_lines_amount_check', sql`${t.amountMinor} <> 0`),
    check(
      'accounting_bank_statement_lines_reconciled_check',
      sql`(${t.state} = 'reconciled') = (${t.paymentId} is not null or ${t.entryId} is not null)`,
    ),
    companyIsolation(),
  ],
).enableRLS();

// A bank's CSV layout, saved once and used for each of its files.
export const accountingBankCsvMappings = pgTable(
  'accounting_bank_csv_mappings',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<CsvMapping>().notNull(),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    uniqueIndex('accounting_bank_csv_mappings_name_unique').on(t.companyId, t.name),
    companyIsolation(),
  ],
).enableRLS();

// "When a bank line looks like this, book it there": recurring lines (bank fees, a direct debit
// for rent) reconciled on import without anyone touching them.
export const accountingReconciliationRules = pgTable(
  'accounting_reconciliation_rules',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    journalId: uuid('journal_id'),
    direction: text('direction', { enum: ['in', 'out', 'any'] })
      .notNull()
      .default('any'),
    /** Case-insensitive text the counterparty or remittance text contains. */
    textContains: text('text_contains'),
    counterpartyIban: text('counterparty_iban'),
    amountMinMinor: minor('amount_min_minor'),
    amountMaxMinor: minor('amount_max_minor'),
    accountId: uuid('account_id').notNull(),
    partnerId: uuid('partner_id'),
    label: text('label'),
    priority: integer('priority').notNull().default(100),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({
      columns: [t.companyId, t.journalId],
      foreignColumns: [accountingJournals.companyId, accountingJournals.id],
    }),
    foreignKey({
      columns: [t.companyId, t.accountId],
      foreignColumns: [accountingAccounts.companyId, accountingAccounts.id],
    }),
    check('accounting_reconciliation_rules_direction_check', sql`${t.direction} in ('in', 'out', 'any')`),
    check(
      'accounting_reconciliation_rules_criteria_check',
      sql`${t.textContains} is not null or ${t.counterpartyIban} is not null`,
    ),
    companyIsolation(),
  ],
).enableRLS();
