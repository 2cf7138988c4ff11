import { z } from 'zod';

// Quantities, unit prices and rates travel as decimal strings ("12.5"), never as JSON numbers, so
// they stay exact end to end (NUMERIC in the database, decimal.js in code).
export const nonNegativeDecimal = (scale = 6) =>
  z
    .string()
    .regex(
      new RegExp(`^\\d{1,14}(\\.\\d{1,${scale}})?$`),
      `must be a decimal number like 12.5 (at most ${scale} decimals)`,
    );

export const positiveDecimal = (scale = 6) =>
  nonNegativeDecimal(scale).refine((v) => /[1-9]/.test(v), { message: 'must be greater than zero' });
