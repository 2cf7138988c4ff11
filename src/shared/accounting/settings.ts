// Setting accounting up, and the settings a company changes afterwards.
import { z } from 'zod';
import { isoDate, text } from './fields.ts';

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

// The company as its invoices present it (EN 16931 seller).
export const companyProfileFields = {
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
export const DunningLevel = z
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
