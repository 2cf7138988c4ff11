import { z } from 'zod';
import { defineEvent } from '../../platform/events/define.ts';

const OrderFacts = z.object({
  orderId: z.uuid(),
  number: z.string(),
  customerId: z.uuid(),
  totalMinor: z.number().int(),
  currencyCode: z.string(),
});

export const OrderConfirmed = defineEvent({
  name: 'sales.order.confirmed',
  version: 1,
  aggregateType: 'sales.order',
  schema: OrderFacts,
});
export const OrderCancelled = defineEvent({
  name: 'sales.order.cancelled',
  version: 1,
  aggregateType: 'sales.order',
  schema: OrderFacts,
});
export const OrderDelivered = defineEvent({
  name: 'sales.order.delivered',
  version: 1,
  aggregateType: 'sales.order',
  schema: OrderFacts.extend({
    deliveryId: z.uuid(),
    deliveryNumber: z.string(),
    lines: z.array(z.object({ lineNo: z.number().int(), variantId: z.uuid(), quantity: z.string() })),
    complete: z.boolean(),
  }),
});
export const OrderInvoiced = defineEvent({
  name: 'sales.order.invoiced',
  version: 1,
  aggregateType: 'sales.order',
  schema: OrderFacts.extend({
    invoiceId: z.uuid(),
    invoiceNumber: z.string(),
    invoiceTotalMinor: z.number().int(),
  }),
});
export const OrderReturned = defineEvent({
  name: 'sales.order.returned',
  version: 1,
  aggregateType: 'sales.order',
  schema: OrderFacts.extend({
    returnId: z.uuid(),
    returnNumber: z.string(),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        variantId: z.uuid(),
        quantity: z.string(),
        quantityCredited: z.string(),
      }),
    ),
    creditNoteId: z.uuid().nullable(),
    creditNoteTotalMinor: z.number().int(),
  }),
});
