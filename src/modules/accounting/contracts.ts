import { z } from 'zod';
import { ACCOUNT_KINDS, ACCOUNT_TYPES, JOURNAL_TYPES } from './ledger/schema.ts';
import { VAT_CATEGORIES } from './taxes/schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date().describe('YYYY-MM-DD');
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
// Amounts travel as decimal strings in their currency ("1234.50"); the service refuses more
// decimals than the currency has rather than rounding silently.
const amount = z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'a non-negative decimal amount such as 1234.50');
const signedAmount = z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'a decimal amount such as -12.30');
const rate = z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, 'a positive decimal rate such as 1.0842');
const percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage such as 20 or 5.5');

export const AccountType = z.enum(ACCOUNT_TYPES);
export const AccountKind = z.enum(Object.keys(ACCOUNT_KINDS) as [keyof typeof ACCOUNT_KINDS]);

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

export const CreateAccountInput = z
  .object({
    code: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/, 'letters, digits, dots and dashes, at most 20'),
    name: text(200),
    kind: AccountKind,
    reconcilable: z.boolean().optional(),
    currencyCode: currency.nullish(),
  })
  .strict();
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

export const UpdateAccountInput = z
  .object({
    version: z.number().int().min(1),
    name: text(200).optional(),
    reconcilable: z.boolean().optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type UpdateAccountInput = z.infer<typeof UpdateAccountInput>;

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

// The company as its invoices present it (EN 16931 seller).
const companyProfileFields = {
  legalName: text(200).nullish(),
  vatId: z.string().trim().max(30).nullish(),
  registrationId: z.string().trim().max(50).nullish(),
  street: z.string().trim().max(200).nullish(),
  street2: z.string().trim().max(200).nullish(),
  city: z.string().trim().max(100).nullish(),
  postalCode: z.string().trim().max(20).nullish(),
  region: z.string().trim().max(100).nullish(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code')
    .nullish(),
  email: z.email().max(320).nullish(),
  phone: z.string().trim().max(50).nullish(),
  iban: z.string().trim().max(42).nullish(),
  bic: z
    .string()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/)
    .nullish(),
  peppolEndpointId: z.string().trim().max(100).nullish(),
  peppolEndpointScheme: z
    .string()
    .regex(/^\d{4}$/)
    .nullish(),
};
const DunningLevel = z
  .object({
    afterDays: z.number().int().min(1).max(365),
    subject: z.string().trim().min(1).max(200),
    text: z
      .string()
      .min(1)
      .max(5000)
      .describe(
        'Placeholders: {customer} {company} {number} {amountDue} {dueDate} {daysOverdue} {reference} {iban}',
      ),
  })
  .strict();

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

export const SetupInput = z
  .object({
    template: z.enum(['generic', 'skr03']).describe('generic, or skr03 (German standard chart, a subset)'),
    fiscalYearStart: isoDate
      .optional()
      .describe('First day of the first fiscal year; defaults to 1 January this year'),
    taxRounding: z.enum(['per_line', 'global']).default('per_line'),
  })
  .strict();
export type SetupInput = z.infer<typeof SetupInput>;

export const UpdateSettingsInput = z
  .object({
    version: z.number().int().min(1),
    taxRounding: z.enum(['per_line', 'global']).optional(),
    lockDate: isoDate.nullish().describe('Nothing dated on or before it can be posted'),
    ...companyProfileFields,
    dunningLevels: z.array(DunningLevel).max(5).optional().describe('Payment reminders, by days overdue'),
  })
  .strict();
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsInput>;

export const AccountMapping = z
  .object({ purpose: z.string(), accountId: z.uuid(), accountCode: z.string() })
  .meta({ id: 'AccountMapping' });
export type AccountMapping = z.infer<typeof AccountMapping>;
