import { z } from 'zod';
import { nonNegativeDecimal } from '../../shared/decimal-schema.ts';
import { UNIT_CODES } from '../../shared/units.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const options = z
  .record(text(50), text(100))
  .refine((o) => Object.keys(o).length <= 10, 'at most 10 options');

export const ProductKind = z.enum(['stockable', 'consumable', 'service']);

export const VariantInput = z
  .object({
    sku: text(64),
    barcode: z.string().trim().min(1).max(14).nullish(),
    options: options.default({}),
    salePrice: nonNegativeDecimal().nullish(),
  })
  .strict();
export type VariantInput = z.infer<typeof VariantInput>;

export const CreateProductInput = z
  .object({
    name: text(200),
    description: z.string().max(10_000).nullish(),
    kind: ProductKind,
    categoryId: z.uuid().nullish(),
    unitCode: z.enum(UNIT_CODES).default('C62'),
    taxCategory: text(50).default('standard'),
    currencyCode: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
    salePrice: nonNegativeDecimal(),
    costPrice: nonNegativeDecimal().nullish(),
    variants: z.array(VariantInput).min(1).max(100),
  })
  .strict()
  .meta({ id: 'CreateProductInput' });
export type CreateProductInput = z.infer<typeof CreateProductInput>;

export const UpdateProductInput = z
  .object({
    version: z.number().int().min(1),
    name: text(200).optional(),
    description: z.string().max(10_000).nullish(),
    categoryId: z.uuid().nullish(),
    taxCategory: text(50).optional(),
    salePrice: nonNegativeDecimal().optional(),
    costPrice: nonNegativeDecimal().nullish(),
    archived: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UpdateProductInput' });
export type UpdateProductInput = z.infer<typeof UpdateProductInput>;

export const Variant = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    sku: z.string(),
    barcode: z.string().nullable(),
    options: z.record(z.string(), z.string()),
    salePrice: z.string().describe('The effective price: the variant’s own, or the product’s'),
    archived: z.boolean(),
  })
  .meta({ id: 'Variant' });
export type Variant = z.infer<typeof Variant>;

export const Product = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: ProductKind,
    categoryId: z.uuid().nullable(),
    unitCode: z.string(),
    taxCategory: z.string(),
    currencyCode: z.string(),
    salePrice: z.string(),
    costPrice: z.string().nullable(),
    archived: z.boolean(),
    version: z.number().int(),
    variants: z.array(Variant),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

export const VariantSearchHit = z
  .object({
    variantId: z.uuid(),
    productId: z.uuid(),
    productName: z.string(),
    sku: z.string(),
    barcode: z.string().nullable(),
    options: z.record(z.string(), z.string()),
    kind: ProductKind,
    unitCode: z.string(),
    currencyCode: z.string(),
    salePrice: z.string(),
  })
  .meta({ id: 'VariantSearchHit' });
export type VariantSearchHit = z.infer<typeof VariantSearchHit>;

export const CreateCategoryInput = z
  .object({
    name: text(100),
    parentId: z.uuid().nullish(),
    valuation: z.enum(['fifo', 'average']).default('average'),
  })
  .strict();
export type CreateCategoryInput = z.infer<typeof CreateCategoryInput>;

export type Category = {
  id: string;
  name: string;
  parentId: string | null;
  valuation: 'fifo' | 'average';
};
