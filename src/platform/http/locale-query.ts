import { z } from 'zod';

/** `?locale=` of a printed document: a BCP 47 tag (e.g. de-CH) for its numbers and dates. */
export const LocaleQuery = z
  .object({
    locale: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/)
      .optional(),
  })
  .strict();
