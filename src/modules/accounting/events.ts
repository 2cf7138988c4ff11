import { z } from 'zod';
import { defineEvent } from '../../platform/events/define.ts';

// Posted once the entry has its number, just before commit.
export const EntryPosted = defineEvent({
  name: 'accounting.entry.posted',
  version: 1,
  aggregateType: 'accounting.entry',
  schema: z.object({
    entryId: z.uuid(),
    number: z.string(),
    journalId: z.uuid(),
    journalCode: z.string(),
    date: z.string(),
    description: z.string(),
    sourceType: z.string(),
    sourceId: z.string().nullable(),
    reversesEntryId: z.uuid().nullable(),
    currencyCode: z.string(),
    totalMinor: z.number().int(),
    lines: z.array(
      z.object({
        accountId: z.uuid(),
        accountCode: z.string(),
        partnerId: z.uuid().nullable(),
        debitMinor: z.number().int(),
        creditMinor: z.number().int(),
      }),
    ),
  }),
});

// A draft was created, changed or deleted (state 'deleted'): for open screens.
export const InvoiceSaved = defineEvent({
  name: 'accounting.invoice.saved',
  version: 1,
  aggregateType: 'accounting.invoice',
  schema: z.object({
    invoiceId: z.uuid(),
    kind: z.string(),
    state: z.enum(['draft', 'posted', 'cancelled', 'deleted']),
    totalMinor: z.number().int(),
  }),
});

const InvoiceFacts = z.object({
  invoiceId: z.uuid(),
  kind: z.string(),
  number: z.string(),
  partnerId: z.uuid(),
  invoiceDate: z.string(),
  dueDate: z.string(),
  currencyCode: z.string(),
  totalMinor: z.number().int(),
  entryId: z.uuid(),
  sourceType: z.string().nullable(),
  sourceId: z.string().nullable(),
});

export const InvoicePosted = defineEvent({
  name: 'accounting.invoice.posted',
  version: 1,
  aggregateType: 'accounting.invoice',
  schema: InvoiceFacts.extend({ creditorReference: z.string().nullable() }),
});

export const InvoiceCancelled = defineEvent({
  name: 'accounting.invoice.cancelled',
  version: 1,
  aggregateType: 'accounting.invoice',
  schema: InvoiceFacts.extend({ creditNoteId: z.uuid() }),
});

// Money in or out, and what it paid: each invoice's amount still due after it.
export const PaymentRegistered = defineEvent({
  name: 'accounting.payment.registered',
  version: 1,
  aggregateType: 'accounting.payment',
  schema: z.object({
    paymentId: z.uuid(),
    direction: z.enum(['inbound', 'outbound']),
    partnerId: z.uuid(),
    date: z.string(),
    currencyCode: z.string(),
    amountMinor: z.number().int(),
    entryId: z.uuid(),
    invoices: z.array(
      z.object({ invoiceId: z.uuid(), allocatedMinor: z.number().int(), amountDueMinor: z.number().int() }),
    ),
  }),
});
