// Journal entries as posted and reversed through the API, and checked by the web app's form.
import { z } from 'zod';
import { amount, currency, isoDate, signedAmount, text } from './fields.ts';

export const EntryLineInput = z
  .object({
    accountId: z.uuid(),
    debit: amount.optional().describe('In the company currency; give debit or credit'),
    credit: amount.optional(),
    partnerId: z.uuid().nullish(),
    description: z.string().trim().max(500).nullish(),
    currencyCode: currency.nullish().describe('A foreign currency: give amountCurrency too'),
    amountCurrency: signedAmount.nullish().describe('Signed: positive on the debit side'),
    taxId: z.uuid().nullish(),
    taxBase: amount.nullish(),
    dueDate: isoDate.nullish(),
  })
  .strict();
export type EntryLineInput = z.infer<typeof EntryLineInput>;

export const PostEntryRequest = z
  .object({
    journalId: z.uuid(),
    date: isoDate,
    reference: z.string().trim().max(100).nullish(),
    description: text(500),
    lines: z.array(EntryLineInput).min(1).max(500),
  })
  .strict();
export type PostEntryRequest = z.infer<typeof PostEntryRequest>;

export const ReverseEntryRequest = z
  .object({ date: isoDate.optional().describe('Defaults to the entry date'), reason: text(500) })
  .strict();
export type ReverseEntryRequest = z.infer<typeof ReverseEntryRequest>;
