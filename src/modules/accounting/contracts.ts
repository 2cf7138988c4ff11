import { z } from 'zod';
import { AccountKind, AccountType } from '../../shared/accounting/account.ts';
import { amount, currency, isoDate, text } from '../../shared/accounting/fields.ts';
import { JOURNAL_TYPES } from './ledger/schema.ts';
import { VAT_CATEGORIES } from './taxes/schema.ts';

// The inputs the web app validates too live in src/shared/accounting (pure, no server imports).
export {
  AccountKind,
  AccountType,
  CreateAccountInput,
  UpdateAccountInput,
} from '../../shared/accounting/account.ts';
export { EntryLineInput, PostEntryRequest, ReverseEntryRequest } from '../../shared/accounting/entry.ts';
export { SetupInput, UpdateSettingsInput } from '../../shared/accounting/settings.ts';

import { companyProfileFields, DunningLevel } from '../../shared/accounting/settings.ts';

const rate = z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, 'a positive decimal rate such as 1.0842');
const percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage such as 20 or 5.5');

export const Account = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: AccountType,
    kind: AccountKind,
    reconcilable: z.boolean(),
    currencyCode: z.string().nullable(),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const Journal = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    type: z.enum(JOURNAL_TYPES),
    defaultAccountId: z.uuid().nullable(),
    bankIban: z.string().nullable(),
    currencyCode: z.string().nullable(),
    archived: z.boolean(),
  })
  .meta({ id: 'Journal' });
export type Journal = z.infer<typeof Journal>;

export const CreateJournalInput = z
  .object({
    code: z.string().regex(/^[0-9A-Z]{1,10}$/, 'upper-case letters and digits, at most 10 (e.g. BNK2)'),
    name: text(200),
    type: z.enum(JOURNAL_TYPES),
    defaultAccountId: z.uuid().nullish(),
    bankIban: z.string().trim().max(34).nullish(),
    currencyCode: currency.nullish(),
  })
  .strict();
export type CreateJournalInput = z.infer<typeof CreateJournalInput>;

export const Period = z
  .object({ id: z.uuid(), startDate: z.string(), endDate: z.string(), locked: z.boolean() })
  .meta({ id: 'AccountingPeriod' });

export const FiscalYear = z
  .object({
    id: z.uuid(),
    name: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    closed: z.boolean(),
    periods: z.array(Period),
  })
  .meta({ id: 'FiscalYear' });
export type FiscalYear = z.infer<typeof FiscalYear>;

export const CreateFiscalYearInput = z
  .object({ name: text(50).optional(), startDate: isoDate, endDate: isoDate })
  .strict();
export type CreateFiscalYearInput = z.infer<typeof CreateFiscalYearInput>;

export const ExchangeRate = z
  .object({ currencyCode: z.string(), date: z.string(), rate: z.string() })
  .meta({ id: 'ExchangeRate' });
export type ExchangeRate = z.infer<typeof ExchangeRate>;

export const SetExchangeRateInput = z
  .object({
    currencyCode: currency,
    date: isoDate,
    rate: rate.describe('Units of the company currency for one unit of the foreign currency'),
  })
  .strict();
export type SetExchangeRateInput = z.infer<typeof SetExchangeRateInput>;

export const Tax = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    scope: z.enum(['sale', 'purchase']),
    kind: z.enum(['percent', 'fixed', 'group']),
    ratePercent: z.string().nullable(),
    amount: z.string().nullable(),
    priceIncluded: z.boolean(),
    vatCategory: z.enum(VAT_CATEGORIES),
    exemptionReason: z.string().nullable(),
    exemptionReasonCode: z.string().nullable(),
    accountId: z.uuid().nullable(),
    memberIds: z.array(z.uuid()),
    archived: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Tax' });
export type Tax = z.infer<typeof Tax>;

export const CreateTaxInput = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_.-]{1,30}$/, 'letters, digits, _ . -, at most 30'),
    name: text(100),
    scope: z.enum(['sale', 'purchase']),
    kind: z.enum(['percent', 'fixed', 'group']),
    ratePercent: percent.nullish(),
    amount: amount.nullish(),
    priceIncluded: z.boolean().default(false),
    vatCategory: z.enum(VAT_CATEGORIES),
    exemptionReason: text(300).nullish(),
    exemptionReasonCode: z
      .string()
      .regex(/^VATEX-[A-Z0-9-]{1,30}$/, 'a VATEX code')
      .nullish(),
    accountId: z.uuid().nullish(),
    memberIds: z.array(z.uuid()).max(10).optional(),
  })
  .strict();
export type CreateTaxInput = z.infer<typeof CreateTaxInput>;

export const UpdateTaxInput = z
  .object({
    version: z.number().int().min(1),
    name: text(100).optional(),
    exemptionReason: text(300).nullish(),
    archived: z.boolean().optional(),
  })
  .strict();
export type UpdateTaxInput = z.infer<typeof UpdateTaxInput>;

export const EntryLine = z
  .object({
    id: z.uuid(),
    lineNo: z.number().int(),
    accountId: z.uuid(),
    accountCode: z.string(),
    partnerId: z.uuid().nullable(),
    description: z.string().nullable(),
    debit: z.string(),
    credit: z.string(),
    debitMinor: z.number().int(),
    creditMinor: z.number().int(),
    currencyCode: z.string(),
    amountCurrency: z.string(),
    taxId: z.uuid().nullable(),
    taxBase: z.string().nullable(),
    dueDate: z.string().nullable(),
  })
  .meta({ id: 'JournalEntryLine' });
export type EntryLine = z.infer<typeof EntryLine>;

export const JournalEntry = z
  .object({
    id: z.uuid(),
    number: z.string().nullable().describe('Null only inside the transaction that posts it'),
    journalId: z.uuid(),
    fiscalYearId: z.uuid(),
    date: z.string(),
    reference: z.string().nullable(),
    description: z.string(),
    sourceType: z.string(),
    sourceId: z.string().nullable(),
    reversesEntryId: z.uuid().nullable(),
    reversalReason: z.string().nullable(),
    currencyCode: z.string(),
    total: z.string(),
    totalMinor: z.number().int(),
    postedAt: z.string(),
    lines: z.array(EntryLine),
  })
  .meta({ id: 'JournalEntry' });
export type JournalEntry = z.infer<typeof JournalEntry>;

const nullableProfile = Object.fromEntries(
  Object.keys(companyProfileFields).map((key) => [key, z.string().nullable()]),
) as { [K in keyof typeof companyProfileFields]: z.ZodNullable<z.ZodString> };

export const AccountingSettings = z
  .object({
    chartTemplate: z.string(),
    currencyCode: z.string(),
    taxRounding: z.enum(['per_line', 'global']),
    lockDate: z.string().nullable(),
    ...nullableProfile,
    dunningLevels: z.array(DunningLevel),
    version: z.number().int(),
  })
  .meta({ id: 'AccountingSettings' });
export type AccountingSettings = z.infer<typeof AccountingSettings>;

export const AccountMapping = z
  .object({ purpose: z.string(), accountId: z.uuid(), accountCode: z.string() })
  .meta({ id: 'AccountMapping' });
export type AccountMapping = z.infer<typeof AccountMapping>;
