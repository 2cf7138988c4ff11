import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, companyIsolation } from '../../../platform/db/columns.ts';
import { accountingEntryLines } from '../ledger/schema.ts';

const stamp = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

// Matches a debit line with a credit line of the same reconcilable account and partner (an invoice
// with its payment), for an amount in company currency and in the lines' own currency. Posted lines
// never change; what is paid lives here. Undoing a match releases it (the row stays, for the audit).
// A deferred trigger keeps every line's active matches within its amount.
export const accountingAllocations = pgTable(
  'accounting_allocations',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    debitLineId: uuid('debit_line_id').notNull(),
    creditLineId: uuid('credit_line_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    amountCurrencyMinor: bigint('amount_currency_minor', { mode: 'number' }).notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    releasedAt: stamp('released_at'),
    releasedBy: uuid('released_by'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.debitLineId],
      foreignColumns: [accountingEntryLines.companyId, accountingEntryLines.id],
    }),
    foreignKey({
      columns: [t.companyId, t.creditLineId],
      foreignColumns: [accountingEntryLines.companyId, accountingEntryLines.id],
    }),
    index('accounting_allocations_debit_idx').on(t.companyId, t.debitLineId),
    index('accounting_allocations_credit_idx').on(t.companyId, t.creditLineId),
    check(
      'accounting_allocations_amount_check',
      sql`${t.amountMinor} >= 0 and ${t.amountCurrencyMinor} >= 0`,
    ),
    check('accounting_allocations_nonzero_check', sql`${t.amountMinor} > 0 or ${t.amountCurrencyMinor} > 0`),
    check('accounting_allocations_lines_check', sql`${t.debitLineId} <> ${t.creditLineId}`),
    companyIsolation(),
  ],
).enableRLS();
