import { z } from 'zod';
import { INVOICE_KINDS, LINE_KINDS } from './schema.ts';

const isoDate = z.iso.date().describe('YYYY-MM-DD');
const decimal = (what: string, scale = 6) =>
  z.string().regex(new RegExp(`^\\d{1,14}(\\.\\d{1,${scale}})?$`), `${what}: a decimal number such as 12.5`);

export const InvoiceKind = z.enum(INVOICE_KINDS);

export const InvoiceLineInput = z
  .object({
    kind: z
      .enum(LINE_KINDS)
      .optional()
      .describe('item (default); allowance: a discount on the whole invoice; charge: e.g. freight'),
    description: z.string().trim().min(1).max(1000),
    quantity: decimal('quantity').refine((v) => /[1-9]/.test(v), 'must be greater than zero'),
    unitPrice: decimal('unitPrice').describe('For an allowance, the amount taken off (its net is negative)'),
    baseQuantity: decimal('baseQuantity')
      .refine((v) => /[1-9]/.test(v), 'must be greater than zero')
      .nullish()
      .describe('The quantity the unit price is for (e.g. 100 for a price per hundred); 1 when absent'),
    discountPercent: decimal('discountPercent', 4).optional(),
    unitCode: z
      .string()
      .regex(/^[A-Z0-9]{1,3}$/, 'a UN/ECE Rec 20 code such as C62 or KGM')
      .optional(),
    accountId: z.uuid().optional().describe('Defaults to the revenue (sales) or purchase expense account'),
    taxIds: z.array(z.uuid()).max(5).optional(),
    variantId: z.uuid().nullish(),
    sku: z.string().trim().max(100).nullish(),
    gtin: z
      .string()
      .regex(/^\d{8,14}$/, 'a GTIN of 8 to 14 digits')
      .nullish(),
  })
  .strict();
export type InvoiceLineInput = z.infer<typeof InvoiceLineInput>;

const headerFields = {
  partnerId: z.uuid(),
  journalId: z.uuid().optional().describe('Defaults to the first sales or purchase journal'),
  invoiceDate: isoDate.nullish(),
  dueDate: isoDate.nullish().describe('Defaults to the invoice date plus the payment terms'),
  paymentTermDays: z.number().int().min(0).max(365).nullish(),
  currencyCode: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  reference: z.string().trim().max(100).nullish(),
  buyerReference: z.string().trim().max(100).nullish(),
  note: z.string().max(5000).nullish(),
};

export const CreateInvoiceInput = z
  .object({
    kind: InvoiceKind,
    ...headerFields,
    correctsInvoiceId: z.uuid().nullish().describe('For a credit note or refund: the document it corrects'),
    lines: z.array(InvoiceLineInput).min(1).max(1000),
  })
  .strict();
export type CreateInvoiceInput = z.infer<typeof CreateInvoiceInput>;

export const UpdateInvoiceInput = z
  .object({
    version: z.number().int().min(1),
    ...headerFields,
    partnerId: z.uuid().optional(),
    lines: z.array(InvoiceLineInput).min(1).max(1000).optional(),
  })
  .strict();
export type UpdateInvoiceInput = z.infer<typeof UpdateInvoiceInput>;

export const InvoiceLine = z.object({
  id: z.uuid(),
  lineNo: z.number().int(),
  kind: z.enum(LINE_KINDS),
  description: z.string(),
  quantity: z.string(),
  unitCode: z.string(),
  unitPrice: z.string(),
  baseQuantity: z.string().nullable(),
  discountPercent: z.string(),
  accountId: z.uuid(),
  taxIds: z.array(z.uuid()),
  vatCategory: z.string(),
  vatRatePercent: z.string().nullable(),
  variantId: z.uuid().nullable(),
  sku: z.string().nullable(),
  gtin: z.string().nullable(),
  net: z.string(),
  tax: z.string(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  statedNet: z
    .string()
    .nullable()
    .describe('The net an imported e-invoice states for the line, booked as it is; null when computed here'),
});

export const InvoiceTax = z.object({
  taxId: z.uuid(),
  code: z.string(),
  name: z.string(),
  vatCategory: z.string(),
  ratePercent: z.string().nullable(),
  exemptionReason: z.string().nullable(),
  exemptionReasonCode: z.string().nullable(),
  accountId: z.uuid(),
  base: z.string(),
  amount: z.string(),
  baseMinor: z.number().int(),
  amountMinor: z.number().int(),
});

export const Invoice = z
  .object({
    id: z.uuid(),
    kind: InvoiceKind,
    state: z.enum(['draft', 'posted', 'cancelled']),
    paymentState: z.enum(['not_due', 'unpaid', 'partial', 'paid']).describe('not_due while a draft'),
    number: z.string().nullable(),
    partnerId: z.uuid(),
    journalId: z.uuid(),
    invoiceDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    paymentTermDays: z.number().int().nullable(),
    currencyCode: z.string(),
    exchangeRate: z.string().nullable(),
    reference: z.string().nullable(),
    buyerReference: z.string().nullable(),
    note: z.string().nullable(),
    creditorReference: z.string().nullable(),
    correctsInvoiceId: z.uuid().nullable(),
    entryId: z.uuid().nullable(),
    taxRounding: z
      .enum(['per_line', 'global'])
      .nullable()
      .describe('How its taxes are rounded; null follows the company setting'),
    lineNet: z.string().describe('The sum of its item lines (EN 16931 BT-106)'),
    allowanceTotal: z.string().nullable().describe('Allowance lines (BT-107); null when there are none'),
    chargeTotal: z.string().nullable().describe('Charge lines (BT-108); null when there are none'),
    net: z.string().describe('Total without taxes (BT-109)'),
    tax: z.string(),
    total: z.string().describe('Total with taxes (BT-112)'),
    prepaid: z.string().nullable().describe('Paid before the document was issued, as it states (BT-113)'),
    rounding: z.string().nullable().describe('Rounding of the amount due, as the document states (BT-114)'),
    payable: z
      .string()
      .describe('The amount due for payment the document states: total − prepaid + rounding (BT-115)'),
    amountDue: z
      .string()
      .describe('What is open in the books: total + rounding until posted, then less what is matched'),
    netMinor: z.number().int(),
    taxMinor: z.number().int(),
    totalMinor: z.number().int(),
    prepaidMinor: z.number().int().nullable(),
    roundingMinor: z.number().int().nullable(),
    payableMinor: z.number().int(),
    amountDueMinor: z.number().int(),
    sourceType: z.string().nullable(),
    sourceId: z.string().nullable(),
    sourceFileKey: z
      .string()
      .nullable()
      .describe('The file it was imported from (an e-invoice), in the file store'),
    lines: z.array(InvoiceLine),
    taxes: z.array(InvoiceTax),
    version: z.number().int(),
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof Invoice>;

export const InvoiceListQueryShape = {
  kind: InvoiceKind.optional(),
  state: z.enum(['draft', 'posted', 'cancelled']).optional(),
  partnerId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
};
