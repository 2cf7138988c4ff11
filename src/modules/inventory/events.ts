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
