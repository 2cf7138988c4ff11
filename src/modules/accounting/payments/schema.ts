import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../../../platform/auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation } from '../../../platform/db/columns.ts';
import { accountingEntries, accountingJournals } from '../ledger/schema.ts';

// Money received from a customer (inbound) or paid to a supplier (outbound) through a bank or
// cash journal, posted at once. What it pays is recorded as allocations (matching/schema.ts).
export const accountingPayments = pgTable(
  'accounting_payments',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    partnerId: uuid('partner_id').notNull(),
    journalId: uuid('journal_id').notNull(),
    date: date('date').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    reference: text('reference'),
    entryId: uuid('entry_id').notNull(),
    /** e.g. a bank statement line or a POS sale: recorded once. */
    sourceType: text('source_type'),
    sourceId: text('source_id'),
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
      columns: [t.companyId, t.entryId],
      foreignColumns: [accountingEntries.companyId, accountingEntries.id],
    }),
    uniqueIndex('accounting_payments_source_unique')
      .on(t.companyId, t.sourceType, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    index('accounting_payments_partner_idx').on(t.companyId, t.partnerId, t.date),
    check('accounting_payments_direction_check', sql`${t.direction} in ('inbound', 'outbound')`),
    check('accounting_payments_amount_check', sql`${t.amountMinor} > 0`),
    companyIsolation(),
  ],
).enableRLS();
