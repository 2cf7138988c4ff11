import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appRole } from '../db/columns.ts';

// Mail waiting to be sent: enqueued in the transaction that decided to send it, sent after commit
// with retries. Not company data (a password reset precedes any company), so no company_id; the
// application role may only add to it. The body (which may hold a one-time link) is cleared once
// sent. The events/jobs backbone will take over delivery; see docs/decisions/0012.
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body'),
    /** An HTML alternative to the text body (a receipt), cleared with it once sent. */
    htmlBody: text('html_body'),
    /** Files sent with it (a quotation's PDF), base64; cleared with the body once sent. */
    attachments:
      jsonb('attachments').$type<{ filename: string; contentType: string; contentBase64: string }[]>(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, precision: 3 }),
    lastError: text('last_error'),
  },
  (t) => [
    index('mail_outbox_pending_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`),
    pgPolicy('enqueue_only', { for: 'insert', to: appRole, withCheck: sql`true` }),
  ],
).enableRLS();
