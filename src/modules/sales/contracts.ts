import { z } from 'zod';
import { ORDER_STATES } from './schema.ts';

const quantity = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,6})?$/)
  .refine((v) => /[1-9]/.test(v), 'more than zero');
const price = z.string().regex(/^\d{1,14}(\.\d{1,6})?$/, 'a price such as 12.50');
const percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage such as 10');

export const OrderLineInput = z
  .object({
    variantId: z.uuid(),
    quantity,
    unitPrice: price.optional().describe('Before tax; the catalogue price when absent'),
    discountPercent: percent.optional(),
  })
  .strict();
export type OrderLineInput = z.infer<typeof OrderLineInput>;

export const CreateQuotationInput = z
  .object({
    customerId: z.uuid(),
    warehouseId: z.uuid().describe('Where the goods are delivered from'),
    orderDate: z.iso.date().optional(),
    validUntil: z.iso.date().nullish(),
    paymentTermDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .nullish()
      .describe('The customer’s own terms when absent'),
    customerReference: z.string().trim().max(100).nullish(),
    invoicePolicy: z.enum(['order', 'delivery']).default('delivery'),
    note: z.string().max(5000).nullish(),
    lines: z.array(OrderLineInput).min(1).max(500),
  })
  .strict();
export type CreateQuotationInput = z.infer<typeof CreateQuotationInput>;

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
