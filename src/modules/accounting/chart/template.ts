import type { AccountKind } from '../ledger/schema.ts';

/**
 * What a posting rule may ask an account for. Each company maps every purpose to one of its
 * accounts (from its chart template, editable), so rules name purposes, never account codes.
 */
export const ACCOUNT_PURPOSES = [
  'receivable',
  'payable',
  'revenue',
  'service_revenue',
  'purchase_expense',
  'inventory',
  'cost_of_goods_sold',
  'stock_received_not_invoiced',
  'inventory_loss',
  'output_tax',
  'input_tax',
  'exchange_gain',
  'exchange_loss',
  'retained_earnings',
  'current_year_earnings',
  'opening_balance',
  'write_off',
  'cash_difference',
  'card_clearing',
  'bank_suspense',
  'customer_deposits',
] as const;
export type AccountPurpose = (typeof ACCOUNT_PURPOSES)[number];

export type TemplateAccount = { code: string; name: string; kind: AccountKind; reconcilable?: boolean };

export type TemplateTax = {
  code: string;
  name: string;
  scope: 'sale' | 'purchase';
  ratePercent: string;
  vatCategory: 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O';
  accountCode: string;
  exemptionReason?: string;
  exemptionReasonCode?: string;
};

export type ChartTemplate = {
  key: string;
  name: string;
  accounts: TemplateAccount[];
  purposes: Record<AccountPurpose, string>;
  journals: {
    code: string;
    name: string;
    type: 'sale' | 'purchase' | 'bank' | 'cash' | 'general';
    accountCode?: string;
  }[];
  taxes: TemplateTax[];
  /** Product tax categories → the codes of their sale and purchase taxes. */
  taxCategories: Record<string, { sale: string; purchase: string }>;
};

/** The zero-rated and exempt taxes every template offers beside its standard rates. */
export function zeroRatedTaxes(saleAccount: string, purchaseAccount: string): TemplateTax[] {
  return [
    {
      code: 'Z0',
      name: 'Zero rated',
      scope: 'sale',
      ratePercent: '0',
      vatCategory: 'Z',
      accountCode: saleAccount,
    },
    {
      code: 'E',
      name: 'Exempt from VAT',
      scope: 'sale',
      ratePercent: '0',
      vatCategory: 'E',
      accountCode: saleAccount,
      exemptionReason: 'Exempt from VAT',
    },
    {
      code: 'AE',
      name: 'Reverse charge',
      scope: 'sale',
      ratePercent: '0',
      vatCategory: 'AE',
      accountCode: saleAccount,
      exemptionReason: 'Reverse charge',
      exemptionReasonCode: 'VATEX-EU-AE',
    },
    {
      code: 'K',
      name: 'Intra-community supply',
      scope: 'sale',
      ratePercent: '0',
      vatCategory: 'K',
      accountCode: saleAccount,
      exemptionReason: 'Intra-community supply',
      exemptionReasonCode: 'VATEX-EU-IC',
    },
    {
      code: 'G',
      name: 'Export outside the EU',
      scope: 'sale',
      ratePercent: '0',
      vatCategory: 'G',
      accountCode: saleAccount,
      exemptionReason: 'Export outside the EU',
      exemptionReasonCode: 'VATEX-EU-G',
    },
    {
      code: 'O',
      name: 'Not subject to VAT',
      scope: 'sale',
      ratePercent: '0',
      vatCategory: 'O',
      accountCode: saleAccount,
      exemptionReason: 'Not subject to VAT',
      exemptionReasonCode: 'VATEX-EU-O',
    },
    {
      code: 'Z0',
      name: 'Zero rated',
      scope: 'purchase',
      ratePercent: '0',
      vatCategory: 'Z',
      accountCode: purchaseAccount,
    },
    {
      code: 'E',
      name: 'Exempt from VAT',
      scope: 'purchase',
      ratePercent: '0',
      vatCategory: 'E',
      accountCode: purchaseAccount,
      exemptionReason: 'Exempt from VAT',
    },
  ];
}
