import { z } from 'zod';

const amount = z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'a positive decimal amount such as 120.50');

export const RegisterPaymentInput = z
  .object({
    direction: z.enum(['inbound', 'outbound']).describe('inbound: from a customer; outbound: to a supplier'),
    partnerId: z.uuid(),
    journalId: z.uuid().describe('A bank or cash journal'),
    date: z.iso.date(),
    amount,
    currencyCode: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .describe('Defaults to the company currency'),
    reference: z.string().trim().max(140).nullish(),
    allocations: z
      .array(
        z
          .object({
            invoiceId: z.uuid(),
            amount: amount.optional().describe('Defaults to what is due, as far as the payment goes'),
            writeOff: z
              .boolean()
              .optional()
              .describe('Write off what remains due on the invoice after this payment'),
          })
          .strict(),
      )
      .max(200)
      .default([]),
  })
  .strict();
export type RegisterPaymentInput = z.infer<typeof RegisterPaymentInput>;

export const Payment = z
  .object({
    id: z.uuid(),
    direction: z.enum(['inbound', 'outbound']),
    partnerId: z.uuid(),
    journalId: z.uuid(),
    date: z.string(),
    amount: z.string(),
    amountMinor: z.number().int(),
    currencyCode: z.string(),
    reference: z.string().nullable(),
    entryId: z.uuid(),
    entryNumber: z.string().nullable(),
    unallocated: z.string().describe('What of it is not matched to any invoice yet (partner credit)'),
    unallocatedMinor: z.number().int(),
    allocations: z.array(
      z.object({ invoiceId: z.uuid().nullable(), amount: z.string(), amountMinor: z.number().int() }),
    ),
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof Payment>;

export const MatchInput = z
  .object({
    debitLineId: z.uuid(),
    creditLineId: z.uuid(),
    amount: amount.optional().describe('In the lines’ currency; defaults to all that both have open'),
  })
  .strict();
export type MatchInput = z.infer<typeof MatchInput>;

export const OpenItemSchema = z
  .object({
    lineId: z.uuid(),
    entryId: z.uuid(),
    entryNumber: z.string().nullable(),
    date: z.string(),
    dueDate: z.string().nullable(),
    accountId: z.uuid(),
    partnerId: z.uuid().nullable(),
    side: z.enum(['debit', 'credit']),
    currencyCode: z.string(),
    amountMinor: z.number().int(),
    residualMinor: z.number().int(),
    amountCurrencyMinor: z.number().int(),
    residualCurrencyMinor: z.number().int(),
  })
  .meta({ id: 'OpenItem' });
