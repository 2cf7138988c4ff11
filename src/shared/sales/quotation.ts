// The quotation's input: validated by the API at its edge and by the web app's form alike.
import { z } from 'zod';

export const quantity = z
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
