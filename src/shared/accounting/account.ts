// Accounts: their types and finer kinds, and the inputs that create and change one.
import { z } from 'zod';
import { currency, text } from './fields.ts';

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'income', 'expense'] as const;

// The finer kind decides where an account shows in the statements and what it may do
// (receivable and payable accounts carry partners and due dates; bank and cash back journals).
export const ACCOUNT_KINDS = {
  receivable: 'asset',
  bank: 'asset',
  cash: 'asset',
  current_asset: 'asset',
  inventory: 'asset',
  non_current_asset: 'asset',
  payable: 'liability',
  tax: 'liability',
  current_liability: 'liability',
  non_current_liability: 'liability',
  equity: 'equity',
  current_year_earnings: 'equity',
  income: 'income',
  other_income: 'income',
  cost_of_sales: 'expense',
  expense: 'expense',
  depreciation: 'expense',
} as const;

export const AccountType = z.enum(ACCOUNT_TYPES);
export type AccountType = z.infer<typeof AccountType>;
export const AccountKind = z.enum(Object.keys(ACCOUNT_KINDS) as [keyof typeof ACCOUNT_KINDS]);
export type AccountKind = keyof typeof ACCOUNT_KINDS;

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
