import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../../platform/auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation } from '../../platform/db/columns.ts';

export const catalogCategories = pgTable(
  'catalog_categories',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    // How stock of this category is valued (the inventory module applies it).
    valuation: text('valuation', { enum: ['fifo', 'average'] })
      .notNull()
      .default('average'),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({ columns: [t.companyId, t.parentId], foreignColumns: [t.companyId, t.id] }),
    uniqueIndex('catalog_categories_name_unique').on(t.companyId, t.parentId, t.name),
    check('catalog_categories_valuation_check', sql`${t.valuation} in ('fifo', 'average')`),
    companyIsolation(),
  ],
).enableRLS();

// What is sold: a product groups its variants (size, colour…); stock, SKUs and barcodes belong to
// the variants. A product without options has one variant.
export const catalogProducts = pgTable(
  'catalog_products',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind', { enum: ['stockable', 'consumable', 'service'] }).notNull(),
    categoryId: uuid('category_id'),
    unitCode: text('unit_code').notNull(),
    taxCategory: text('tax_category').notNull().default('standard'),
    currencyCode: text('currency_code').notNull(),
    salePrice: numeric('sale_price', { precision: 20, scale: 6 }).notNull(),
    costPrice: numeric('cost_price', { precision: 20, scale: 6 }),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    foreignKey({
      columns: [t.companyId, t.categoryId],
      foreignColumns: [catalogCategories.companyId, catalogCategories.id],
    }),
    check('catalog_products_kind_check', sql`${t.kind} in ('stockable', 'consumable', 'service')`),
    check(
      'catalog_products_prices_check',
      sql`${t.salePrice} >= 0 and (${t.costPrice} is null or ${t.costPrice} >= 0)`,
    ),
    index('catalog_products_name_trgm').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('catalog_products_name_idx').on(t.companyId, t.name, t.id),
    companyIsolation(),
  ],
).enableRLS();

export const catalogVariants = pgTable(
  'catalog_variants',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    productId: uuid('product_id').notNull(),
    sku: text('sku').notNull(),
    barcode: text('barcode'),
    /** Option values, e.g. { "size": "M", "colour": "navy" }. */
    options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
    /** Overrides the product's sale price when set. */
    salePrice: numeric('sale_price', { precision: 20, scale: 6 }),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.productId],
      foreignColumns: [catalogProducts.companyId, catalogProducts.id],
    }),
    uniqueIndex('catalog_variants_sku_unique').on(t.companyId, t.sku),
    uniqueIndex('catalog_variants_barcode_unique')
      .on(t.companyId, t.barcode)
      .where(sql`${t.barcode} is not null`),
    index('catalog_variants_product_idx').on(t.companyId, t.productId),
    index('catalog_variants_sku_trgm').using('gin', sql`lower(${t.sku}) gin_trgm_ops`),
    check('catalog_variants_price_check', sql`${t.salePrice} is null or ${t.salePrice} >= 0`),
    companyIsolation(),
  ],
).enableRLS();

// Packagings: the same variant counted in bigger units ("box of 12"), each with its own barcode.
export const catalogPackagings = pgTable(
  'catalog_packagings',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    variantId: uuid('variant_id').notNull(),
    name: text('name').notNull(),
    quantity: numeric('quantity', { precision: 20, scale: 6 }).notNull(),
    barcode: text('barcode'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.variantId],
      foreignColumns: [catalogVariants.companyId, catalogVariants.id],
    }),
    uniqueIndex('catalog_packagings_barcode_unique')
      .on(t.companyId, t.barcode)
      .where(sql`${t.barcode} is not null`),
    check('catalog_packagings_quantity_check', sql`${t.quantity} > 0`),
    companyIsolation(),
  ],
).enableRLS();
