import { z } from 'zod';

const quantity = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,6})?$/)
  .refine((v) => /[1-9]/.test(v), 'more than zero');
const amount = z.string().regex(/^\d{1,15}(\.\d{1,4})?$/, 'a decimal amount such as 20.00');
const percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage such as 10');

export const CreateRegisterInput = z
  .object({
    code: z.string().regex(/^[A-Z0-9]{1,10}$/, 'upper-case letters and digits, e.g. S1'),
    name: z.string().trim().min(1).max(100),
    warehouseId: z.uuid(),
    cashJournalId: z.uuid().nullish(),
    cashIncrement: amount
      .optional()
      .describe('Cash totals are rounded to this (0.05 for CHF); none by default'),
    discountLimitPercent: percent
      .nullish()
      .describe('A discount above this needs a manager’s PIN; any discount goes when absent'),
    returnsNeedApproval: z.boolean().optional().describe('Refunds need a manager’s PIN (not by default)'),
  })
  .strict();
export type CreateRegisterInput = z.infer<typeof CreateRegisterInput>;

export const Register = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    warehouseId: z.uuid(),
    stockLocationId: z.uuid(),
    cashJournalId: z.uuid().nullable(),
    currencyCode: z.string(),
    cashIncrementMinor: z.number().int(),
    discountLimitPercent: z.string().nullable(),
    returnsNeedApproval: z.boolean(),
    openShiftId: z.uuid().nullable(),
  })
  .meta({ id: 'PosRegister' });
export type Register = z.infer<typeof Register>;

export const OpenShiftInput = z.object({ registerId: z.uuid(), openingFloat: amount }).strict();
export const CloseShiftInput = z
  .object({
    countedCash: amount.optional().describe('Or give the count per denomination'),
    denominations: z
      .record(amount, z.number().int().min(0).max(100_000))
      .optional()
      .describe('e.g. { "20.00": 3, "0.50": 7 }'),
  })
  .strict();
export type CloseShiftInput = z.infer<typeof CloseShiftInput>;
export const CashMoveInput = z
  .object({ direction: z.enum(['in', 'out']), amount, reason: z.string().trim().min(1).max(200) })
  .strict();

export const ShiftReport = z
  .object({
    shiftId: z.uuid(),
    registerId: z.uuid(),
    state: z.enum(['open', 'closed']),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    currencyCode: z.string(),
    sales: z.number().int(),
    returns: z.number().int(),
    grossSales: z.string(),
    grossReturns: z.string(),
    byMethod: z.record(z.string(), z.string()),
    byTax: z.array(
      z.object({ code: z.string(), ratePercent: z.string().nullable(), base: z.string(), tax: z.string() }),
    ),
    openingFloat: z.string(),
    cashIn: z.string(),
    cashOut: z.string(),
    expectedCash: z.string(),
    countedCash: z.string().nullable(),
    variance: z.string().nullable(),
  })
  .meta({ id: 'PosShiftReport' });
export type ShiftReport = z.infer<typeof ShiftReport>;

export const Shift = z
  .object({
    id: z.uuid(),
    registerId: z.uuid(),
    state: z.enum(['open', 'closed']),
    openedAt: z.string(),
    openingFloat: z.string(),
    closedAt: z.string().nullable(),
    expectedCash: z.string().nullable(),
    countedCash: z.string().nullable(),
    variance: z.string().nullable(),
  })
  .meta({ id: 'PosShift' });
export type Shift = z.infer<typeof Shift>;

export const SaleLineInput = z
  .object({
    variantId: z.uuid(),
    quantity,
    unitPrice: amount
      .optional()
      .describe('The price shown at the till, taxes included; checked against the catalogue unless offline'),
    discountPercent: percent.optional(),
  })
  .strict();

export const PaymentInput = z
  .object({
    method: z.enum(['cash', 'card', 'store_credit']),
    amount,
    reference: z.string().trim().max(100).nullish(),
  })
  .strict();

export const ManagerOverride = z
  .object({
    managerId: z.uuid().describe('The approving manager (a member with pos.override.approve and a PIN)'),
    pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits'),
  })
  .strict()
  .describe('A manager’s approval: for a discount over the till’s limit, or a refund where refunds need one');
export type ManagerOverride = z.infer<typeof ManagerOverride>;
export const SetManagerPinInput = z.object({ pin: z.string().regex(/^\d{4,8}$/, '4 to 8 digits') }).strict();

export const CompleteSaleInput = z
  .object({
    registerId: z.uuid(),
    shiftId: z.uuid(),
    clientSaleId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'the till’s own id for the sale (e.g. a UUID)'),
    soldAt: z.iso.datetime({ offset: true }).optional().describe('When the sale happened; now when absent'),
    customerId: z.uuid().nullish(),
    lines: z.array(SaleLineInput).min(1).max(500),
    orderDiscountPercent: percent.optional(),
    payments: z.array(PaymentInput).min(1).max(10),
    offline: z.boolean().default(false).describe('Recorded by a till that was offline: kept as it happened'),
    override: ManagerOverride.optional(),
  })
  .strict();
export type CompleteSaleInput = z.infer<typeof CompleteSaleInput>;

export const ReturnInput = z
  .object({
    shiftId: z.uuid(),
    clientReturnId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
    lines: z
      .array(z.object({ lineNo: z.number().int().min(1), quantity }).strict())
      .min(1)
      .max(500),
    refundMethod: z.enum(['cash', 'card', 'store_credit']),
    reference: z.string().trim().max(100).nullish(),
    override: ManagerOverride.optional(),
  })
  .strict();
export type ReturnInput = z.infer<typeof ReturnInput>;

export const Sale = z
  .object({
    id: z.uuid(),
    kind: z.enum(['sale', 'return']),
    registerId: z.uuid(),
    shiftId: z.uuid(),
    clientSaleId: z.string(),
    receiptNumber: z.string(),
    customerId: z.uuid().nullable(),
    returnsSaleId: z.uuid().nullable(),
    soldAt: z.string(),
    offline: z.boolean(),
    stockFlagged: z.boolean(),
    approvedBy: z
      .uuid()
      .nullable()
      .describe('The manager who approved a discount over the limit or a refund'),
    currencyCode: z.string(),
    net: z.string(),
    tax: z.string(),
    total: z.string(),
    rounding: z.string(),
    change: z.string(),
    totalMinor: z.number().int(),
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        variantId: z.uuid(),
        description: z.string(),
        sku: z.string().nullable(),
        quantity: z.string(),
        unitPrice: z.string(),
        discountPercent: z.string(),
        net: z.string(),
        tax: z.string(),
        total: z.string(),
      }),
    ),
    payments: z.array(z.object({ method: z.string(), amount: z.string(), reference: z.string().nullable() })),
    taxes: z.array(
      z.object({ code: z.string(), ratePercent: z.string().nullable(), base: z.string(), tax: z.string() }),
    ),
  })
  .meta({ id: 'PosSale' });
export type Sale = z.infer<typeof Sale>;

const TillTax = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(['percent', 'fixed']),
  ratePercent: z.string().nullable(),
  amount: z.string().nullable(),
  priceIncluded: z.boolean(),
});

export const TillCatalogue = z
  .object({
    register: Register,
    taxRounding: z.enum(['per_line', 'global']),
    items: z.array(
      z.object({
        variantId: z.uuid(),
        name: z.string(),
        sku: z.string(),
        barcode: z.string().nullable(),
        unitPrice: z.string().describe('Taxes included, as on the shelf'),
        taxes: z.array(TillTax),
      }),
    ),
    truncated: z.boolean().describe('More items are on sale than a till keeps'),
    fetchedAt: z.string(),
  })
  .meta({ id: 'PosTillCatalogue' });
export type TillCatalogue = z.infer<typeof TillCatalogue>;

export const DaySummary = z
  .object({
    date: z.string(),
    currencyCode: z.string(),
    sales: z.number().int(),
    returns: z.number().int(),
    total: z.string().describe('Sales less refunds, cash rounding included'),
    totalMinor: z.number().int(),
    registers: z.array(
      z.object({
        registerId: z.uuid(),
        code: z.string(),
        name: z.string(),
        sales: z.number().int(),
        returns: z.number().int(),
        total: z.string(),
      }),
    ),
  })
  .meta({ id: 'PosDaySummary' });
export type DaySummary = z.infer<typeof DaySummary>;
