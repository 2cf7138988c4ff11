import { z } from 'zod';
import { defineEvent } from '../../platform/events/define.ts';

const LocationRef = z.object({ locationId: z.uuid(), kind: z.string(), warehouseId: z.uuid().nullable() });

// One event per move, about its variant, so that subscribers (valuation, reorder rules) see each
// item's moves in order.
export const MovePosted = defineEvent({
  name: 'inventory.move.posted',
  version: 1,
  aggregateType: 'inventory.item',
  schema: z.object({
    moveId: z.uuid(),
    variantId: z.uuid(),
    quantity: z.string(),
    from: LocationRef,
    to: LocationRef,
    reason: z.string(),
    referenceType: z.string().nullable(),
    referenceId: z.string().nullable(),
    reversesMoveId: z.uuid().nullable(),
    forcedNegative: z.boolean(),
  }),
});

const Side = z.object({ kind: z.string(), warehouseId: z.uuid().nullable() });

// One event per move that changed the value of the company's stock of a variant, in the same
// transaction, for accounting to post: receipts against stock interim, issues against cost of goods
// sold (or scrap, production), settlements against cost of goods sold. Quantity and value are
// signed from the stock's side: + stock went up.
export const ValuationChanged = defineEvent({
  name: 'inventory.valuation.changed',
  version: 1,
  aggregateType: 'inventory.item',
  schema: z.object({
    moveId: z.uuid(),
    variantId: z.uuid(),
    productCategoryId: z.uuid().nullable(),
    method: z.enum(['fifo', 'average']),
    quantity: z.string(),
    valueMinor: z.number().int().describe('Signed change of stock value, settlementMinor included'),
    settlementMinor: z
      .number()
      .int()
      .describe(
        'Part of valueMinor that corrects the estimate at which goods left past zero (post to cost of goods sold)',
      ),
    currency: z.string().length(3),
    from: Side,
    to: Side,
    reason: z.string(),
    referenceType: z.string().nullable(),
    referenceId: z.string().nullable(),
    reversesMoveId: z.uuid().nullable(),
  }),
});
