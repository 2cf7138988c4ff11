import { bigint, foreignKey, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companyIdColumn, companyIsolation } from '../../../platform/db/columns.ts';
import { accountingInvoices } from '../invoices/schema.ts';

// One reminder sent for one invoice at one dunning level: each level goes out once.
export const accountingDunningNotices = pgTable(
  'accounting_dunning_notices',
  {
    companyId: companyIdColumn(),
    invoiceId: uuid('invoice_id').notNull(),
    level: integer('level').notNull(),
    sentTo: text('sent_to').notNull(),
    amountDueMinor: bigint('amount_due_minor', { mode: 'number' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.invoiceId, t.level] }),
    foreignKey({
      columns: [t.companyId, t.invoiceId],
      foreignColumns: [accountingInvoices.companyId, accountingInvoices.id],
    }),
    companyIsolation(),
  ],
).enableRLS();
