import { z } from 'zod';
import { defineEvent } from '../../platform/events/define.ts';

export const ProductCreated = defineEvent({
  name: 'catalog.product.created',
  version: 1,
  aggregateType: 'catalog.product',
  schema: z.object({
    productId: z.uuid(),
    name: z.string(),
    kind: z.enum(['stockable', 'consumable', 'service']),
    variants: z.array(z.object({ variantId: z.uuid(), sku: z.string(), barcode: z.string().nullable() })),
  }),
});

export const ProductUpdated = defineEvent({
  name: 'catalog.product.updated',
  version: 1,
  aggregateType: 'catalog.product',
  schema: z.object({
    productId: z.uuid(),
    changedFields: z.array(z.string()),
    salePrice: z.string(),
    archived: z.boolean(),
  }),
});
