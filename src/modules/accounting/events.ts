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
