import { z } from 'zod';
import { defineEvent } from '../../platform/events/define.ts';

// Everything the books need of a sale or return, so accounting posts it without reading the till's
// tables. Amounts are positive for a sale and negative for a return.
const Posting = z.object({
  saleId: z.uuid(),
  kind: z.enum(['sale', 'return']),
  registerId: z.uuid(),
  shiftId: z.uuid(),
  receiptNumber: z.string(),
  cashJournalId: z.uuid().nullable(),
  customerId: z.uuid().nullable(),
  date: z.string(),
  currencyCode: z.string(),
  totalMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  roundingMinor: z.number().int(),
  offline: z.boolean(),
  taxes: z.array(z.object({ taxId: z.uuid(), baseMinor: z.number().int(), amountMinor: z.number().int() })),
  /** Net sales by tax set (what revenue is booked by): the first VAT of the line names it. */
  revenue: z.array(z.object({ taxId: z.uuid().nullable(), netMinor: z.number().int() })),
  /** Money by method, cash net of the change given. */
  payments: z.array(
    z.object({ method: z.enum(['cash', 'card', 'store_credit']), amountMinor: z.number().int() }),
  ),
});

export const SaleCompleted = defineEvent({
  name: 'pos.sale.completed',
  version: 1,
  aggregateType: 'pos.sale',
  schema: Posting,
});

export const ShiftClosed = defineEvent({
  name: 'pos.shift.closed',
  version: 1,
  aggregateType: 'pos.shift',
  schema: z.object({
    shiftId: z.uuid(),
    registerId: z.uuid(),
    cashJournalId: z.uuid().nullable(),
    date: z.string(),
    currencyCode: z.string(),
    expectedCashMinor: z.number().int(),
    countedCashMinor: z.number().int(),
    varianceMinor: z.number().int(),
  }),
});

export const CashMoved = defineEvent({
  name: 'pos.cash.moved',
  version: 1,
  aggregateType: 'pos.shift',
  schema: z.object({
    moveId: z.uuid(),
    shiftId: z.uuid(),
    cashJournalId: z.uuid().nullable(),
    date: z.string(),
    direction: z.enum(['in', 'out']),
    amountMinor: z.number().int(),
    reason: z.string(),
  }),
});
