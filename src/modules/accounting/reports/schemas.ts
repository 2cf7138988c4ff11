import { z } from 'zod';
import { AGE_BUCKETS } from './aged-balance.ts';

const amounts = { opening: z.string(), debit: z.string(), credit: z.string(), closing: z.string() };
const minors = {
  openingMinor: z.number().int(),
  debitMinor: z.number().int(),
  creditMinor: z.number().int(),
  closingMinor: z.number().int(),
};

export const TrialBalanceSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currencyCode: z.string(),
    accounts: z.array(
      z.object({
        accountId: z.uuid(),
        code: z.string(),
        name: z.string(),
        type: z.string(),
        ...amounts,
        ...minors,
      }),
    ),
    totals: z.object(minors),
  })
  .meta({ id: 'TrialBalance' });

export const GeneralLedgerSchema = z
  .object({
    account: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    from: z.string(),
    to: z.string(),
    currencyCode: z.string(),
    opening: z.string(),
    openingMinor: z.number().int(),
    lines: z.array(
      z.object({
        lineId: z.uuid(),
        entryId: z.uuid(),
        entryNumber: z.string().nullable(),
        date: z.string(),
        description: z.string(),
        partnerId: z.uuid().nullable(),
        debit: z.string(),
        credit: z.string(),
        balance: z.string(),
        balanceMinor: z.number().int(),
      }),
    ),
    page: z.object({ nextCursor: z.string().nullable(), limit: z.number().int() }),
  })
  .meta({ id: 'GeneralLedger' });

const bucketStrings = Object.fromEntries(AGE_BUCKETS.map((b) => [b, z.string()])) as Record<
  (typeof AGE_BUCKETS)[number],
  z.ZodString
>;
const bucketMinors = Object.fromEntries(AGE_BUCKETS.map((b) => [b, z.number().int()])) as Record<
  (typeof AGE_BUCKETS)[number],
  z.ZodNumber
>;

export const AgedBalanceSchema = z
  .object({
    kind: z.enum(['receivable', 'payable']),
    asOf: z.string(),
    currencyCode: z.string(),
    partners: z.array(
      z.object({
        partnerId: z.uuid(),
        total: z.string(),
        totalMinor: z.number().int(),
        ...bucketStrings,
        minor: z.object(bucketMinors),
      }),
    ),
    totals: z.object({ ...bucketMinors, totalMinor: z.number().int() }),
  })
  .meta({ id: 'AgedBalance' });

const Section = z.object({
  key: z.string(),
  title: z.string(),
  rows: z.array(
    z.object({
      accountId: z.uuid(),
      code: z.string(),
      name: z.string(),
      kind: z.string(),
      amount: z.string(),
      amountMinor: z.number().int(),
    }),
  ),
  total: z.string(),
  totalMinor: z.number().int(),
});

export const ProfitAndLossSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currencyCode: z.string(),
    sections: z.array(Section),
    grossProfit: z.string(),
    grossProfitMinor: z.number().int(),
    netProfit: z.string(),
    netProfitMinor: z.number().int(),
  })
  .meta({ id: 'ProfitAndLoss' });

export const BalanceSheetSchema = z
  .object({
    asOf: z.string(),
    currencyCode: z.string(),
    sections: z.array(Section),
    unallocatedEarnings: z.string(),
    unallocatedEarningsMinor: z.number().int(),
    totalAssetsMinor: z.number().int(),
    totalLiabilitiesAndEquityMinor: z.number().int(),
    balanced: z.boolean(),
  })
  .meta({ id: 'BalanceSheet' });

export const TaxReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currencyCode: z.string(),
    rows: z.array(
      z.object({
        taxId: z.uuid(),
        code: z.string(),
        name: z.string(),
        scope: z.enum(['sale', 'purchase']),
        vatCategory: z.string(),
        ratePercent: z.string().nullable(),
        base: z.string(),
        tax: z.string(),
        baseMinor: z.number().int(),
        taxMinor: z.number().int(),
      }),
    ),
    outputTaxMinor: z.number().int(),
    inputTaxMinor: z.number().int(),
    payableMinor: z.number().int(),
    payable: z.string(),
  })
  .meta({ id: 'TaxReport' });
