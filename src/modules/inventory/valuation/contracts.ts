import { z } from 'zod';

const Method = z.enum(['fifo', 'average']);
const money = { value: z.string().describe('In the company currency'), valueMinor: z.number().int() };

export const ValuationReportQuery = z
  .object({
    date: z.iso
      .date()
      .optional()
      .describe('YYYY-MM-DD: stock as of the end of that day (UTC); today by default'),
    warehouseId: z.uuid().optional(),
    variantId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
    cursor: z.uuid().optional().describe('The last variantId of the previous page'),
  })
  .strict();
export type ValuationReportQuery = z.infer<typeof ValuationReportQuery>;

export const ValuationLine = z.object({
  variantId: z.uuid(),
  method: Method,
  quantity: z.string(),
  ...money,
  unitCost: z.string().nullable().describe('value ÷ quantity, to 6 decimals; null without stock'),
});
export type ValuationLine = z.infer<typeof ValuationLine>;

export const ValuationReport = z
  .object({
    date: z.string(),
    currencyCode: z.string(),
    warehouseId: z.uuid().nullable(),
    data: z.array(ValuationLine),
    totals: z.object({ ...money, variants: z.number().int() }),
    page: z.object({ nextCursor: z.string().nullable(), limit: z.number().int() }),
  })
  .meta({ id: 'StockValuationReport' });
export type ValuationReport = z.infer<typeof ValuationReport>;

export const ValuationEntry = z
  .object({
    id: z.uuid(),
    moveId: z.uuid(),
    variantId: z.uuid(),
    method: Method,
    reason: z.string(),
    referenceType: z.string().nullable(),
    referenceId: z.string().nullable(),
    reversesMoveId: z.uuid().nullable(),
    quantity: z.string().describe('Signed: + into stock'),
    ...money,
    settlementMinor: z.number().int().describe('Part of valueMinor correcting earlier estimates'),
    shortfallQuantity: z.string().describe('Quantity that left past zero, valued at an estimate'),
    unitCost: z.string(),
    quantityAfter: z.string(),
    valueAfterMinor: z.number().int(),
    postedAt: z.iso.datetime(),
  })
  .meta({ id: 'StockValuationEntry' });
export type ValuationEntry = z.infer<typeof ValuationEntry>;

export const CostLayer = z
  .object({
    id: z.uuid(),
    moveId: z.uuid(),
    quantity: z.string(),
    quantityRemaining: z.string(),
    unitCost: z.string(),
    valueMinor: z.number().int(),
    valueRemainingMinor: z.number().int(),
    postedAt: z.iso.datetime(),
  })
  .meta({ id: 'StockCostLayer' });
export type CostLayer = z.infer<typeof CostLayer>;

export const CostShortfall = z
  .object({
    id: z.uuid(),
    moveId: z.uuid(),
    quantity: z.string(),
    quantityOpen: z.string(),
    unitCost: z.string().describe('The estimate it was valued at'),
    valueMinor: z.number().int(),
    valueOpenMinor: z.number().int(),
    postedAt: z.iso.datetime(),
  })
  .meta({ id: 'StockCostShortfall' });
export type CostShortfall = z.infer<typeof CostShortfall>;

export const FifoBook = z
  .object({
    layers: z.array(CostLayer).describe('Open layers, oldest first: what the next issue takes'),
    shortfalls: z.array(CostShortfall).describe('Goods that left past zero, waiting for a receipt'),
  })
  .meta({ id: 'StockFifoBook' });
export type FifoBook = z.infer<typeof FifoBook>;
