// Field shapes the accounting inputs share, for the API's edge and the web app's forms alike.
import { z } from 'zod';

export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoDate = z.iso.date().describe('YYYY-MM-DD');
export const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
// Amounts travel as decimal strings in their currency ("1234.50"); the service refuses more
// decimals than the currency has rather than rounding silently.
export const amount = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,4})?$/, 'a non-negative decimal amount such as 1234.50');
export const signedAmount = z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'a decimal amount such as -12.30');
