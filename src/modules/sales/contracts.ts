import { z } from 'zod';
import { quantity } from '../../shared/sales/quotation.ts';
import { ORDER_STATES } from './schema.ts';

export { CreateQuotationInput, OrderLineInput } from '../../shared/sales/quotation.ts';

export const DeliverInput = z
  .object({
    lines: z
      .array(z.object({ lineNo: z.number().int().min(1), quantity }).strict())
      .max(500)
      .optional()
      .describe('What to deliver now; everything available when absent'),
  })
  .strict();
export type DeliverInput = z.infer<typeof DeliverInput>;

export const ReturnInput = z
  .object({
    lines: z
      .array(z.object({ lineNo: z.number().int().min(1), quantity }).strict())
      .min(1)
      .max(500),
    reason: z.string().trim().min(1).max(500).describe('Why the goods came back (shown on the credit note)'),
  })
  .strict();
export type ReturnInput = z.infer<typeof ReturnInput>;

export const SendOrderInput = z
  .object({
    to: z.email().max(254).optional().describe('The customer’s email when absent'),
    message: z
      .string()
      .trim()
      .min(1)
      .max(5000)
      .optional()
      .describe('The mail’s text; a short greeting when absent'),
  })
  .strict();
export type SendOrderInput = z.infer<typeof SendOrderInput>;

export const SalesOrder = z
  .object({
    id: z.uuid(),
    number: z.string(),
    state: z.enum(ORDER_STATES),
    customerId: z.uuid(),
    orderDate: z.string(),
    validUntil: z.string().nullable(),
    currencyCode: z.string(),
    paymentTermDays: z.number().int().nullable(),
    customerReference: z.string().nullable(),
    warehouseId: z.uuid(),
    invoicePolicy: z.enum(['order', 'delivery']),
    note: z.string().nullable(),
    net: z.string(),
    tax: z.string(),
    total: z.string(),
    totalMinor: z.number().int(),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        variantId: z.uuid(),
        description: z.string(),
        sku: z.string().nullable(),
        quantity: z.string(),
        unitPrice: z.string(),
        discountPercent: z.string(),
        net: z.string(),
        tax: z.string(),
        quantityDelivered: z.string(),
        quantityInvoiced: z.string(),
        quantityReserved: z.string().describe('Held in stock for what is still to deliver'),
        quantityReturned: z.string(),
        quantityCredited: z.string().describe('Of what came back, what a credit note refunded'),
      }),
    ),
    deliveries: z.array(
      z.object({ id: z.uuid(), number: z.string(), deliveredAt: z.string(), invoiceId: z.uuid().nullable() }),
    ),
    returns: z.array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        returnedAt: z.string(),
        reason: z.string(),
        creditNoteId: z.uuid().nullable(),
      }),
    ),
    invoiceIds: z.array(z.uuid()),
    version: z.number().int(),
  })
  .meta({ id: 'SalesOrder' });
export type SalesOrder = z.infer<typeof SalesOrder>;
