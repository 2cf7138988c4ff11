import { z } from 'zod';
import { nonNegativeDecimal, positiveDecimal } from '../../shared/decimal-schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().regex(/^[a-z][a-z0-9_.]{1,49}$/, 'a lower-case code such as receipt or pos.sale');

export const CreateWarehouseInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9_-]{0,19}$/, 'upper-case letters, digits, - and _ (e.g. WH1)'),
    name: text(200),
    negativeStock: z.enum(['refuse', 'allow']).default('refuse'),
  })
  .strict();
export type CreateWarehouseInput = z.infer<typeof CreateWarehouseInput>;

export const Warehouse = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    negativeStock: z.enum(['refuse', 'allow']),
    stockLocationId: z.uuid().describe('The main internal location ("Stock")'),
  })
  .meta({ id: 'Warehouse' });
export type Warehouse = z.infer<typeof Warehouse>;

export const LocationKind = z.enum(['internal', 'supplier', 'customer', 'loss', 'production', 'transit']);

export const CreateLocationInput = z
  .object({ warehouseId: z.uuid(), parentId: z.uuid().nullish(), name: text(100) })
  .strict();
export type CreateLocationInput = z.infer<typeof CreateLocationInput>;

export const Location = z
  .object({
    id: z.uuid(),
    warehouseId: z.uuid().nullable(),
    parentId: z.uuid().nullable(),
    name: z.string(),
    kind: LocationKind,
  })
  .meta({ id: 'Location' });
export type Location = z.infer<typeof Location>;

export const MoveInput = z
  .object({
    variantId: z.uuid(),
    fromLocationId: z.uuid(),
    toLocationId: z.uuid(),
    quantity: positiveDecimal(),
    unitCost: nonNegativeDecimal()
      .nullish()
      .describe(
        'Receipts into stock only: the unit cost in the company currency. Without it, the product’s cost price (when in the company currency), else zero.',
      ),
    reason: code,
    referenceType: code.nullish(),
    referenceId: text(100).nullish(),
    note: z.string().max(2000).nullish(),
  })
  .strict();
export type MoveInput = z.infer<typeof MoveInput>;

export const PostMovesInput = z
  .object({
    moves: z.array(MoveInput).min(1).max(500),
    /**
     * The moves record what already happened (an offline till's sale synced later): they are
     * posted even if stock goes below zero, and flagged for the stock manager.
     */
    recordOnly: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'PostMovesInput' });
export type PostMovesInput = z.infer<typeof PostMovesInput>;

export const Move = z
  .object({
    id: z.uuid(),
    variantId: z.uuid(),
    fromLocationId: z.uuid(),
    toLocationId: z.uuid(),
    quantity: z.string(),
    reason: z.string(),
    referenceType: z.string().nullable(),
    referenceId: z.string().nullable(),
    reversesMoveId: z.uuid().nullable(),
    forcedNegative: z.boolean(),
    unitCost: z.string().nullable().describe('A receipt’s unit cost in the company currency'),
    costSource: z
      .enum(['move', 'product', 'none'])
      .nullable()
      .describe('Where a receipt’s unit cost came from: the move, the product’s cost price, or none (zero)'),
    note: z.string().nullable(),
    postedAt: z.iso.datetime(),
  })
  .meta({ id: 'StockMove' });
export type Move = z.infer<typeof Move>;

export const StockLevel = z
  .object({
    variantId: z.uuid(),
    locationId: z.uuid(),
    warehouseId: z.uuid(),
    onHand: z.string(),
    reserved: z.string(),
    available: z.string(),
    negativeFlagged: z.boolean(),
  })
  .meta({ id: 'StockLevel' });
export type StockLevel = z.infer<typeof StockLevel>;

export const ReserveInput = z
  .object({
    variantId: z.uuid(),
    locationId: z.uuid(),
    quantity: positiveDecimal(),
    referenceType: code,
    referenceId: text(100),
  })
  .strict();
export type ReserveInput = z.infer<typeof ReserveInput>;

export const Reservation = z
  .object({
    id: z.uuid(),
    variantId: z.uuid(),
    locationId: z.uuid(),
    quantity: z.string(),
    referenceType: z.string(),
    referenceId: z.string(),
    releasedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'StockReservation' });
export type Reservation = z.infer<typeof Reservation>;
