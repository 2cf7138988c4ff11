// Setting accounting up, and the settings a company changes afterwards.
import { z } from 'zod';
import { isoDate } from './fields.ts';

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
  })
  .strict();
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsInput>;
