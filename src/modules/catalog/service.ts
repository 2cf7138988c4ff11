import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { diffRecords } from '../../platform/audit/changes.ts';
import type { Executor } from '../../platform/db/database.ts';
import { escapeLike } from '../../platform/db/like.ts';
import { pgErrorOf } from '../../platform/db/pg-error.ts';
import type { Tx } from '../../platform/db/tx.ts';
import { PlatformErrors } from '../../platform/errors.ts';
import { keysetPage, type Page } from '../../platform/http/pagination.ts';
import { newId } from '../../platform/ids.ts';
import { checkGtin } from '../../shared/gs1.ts';
import { isKnownCurrency } from '../../shared/money.ts';
import type {
  CreateProductInput,
  Product,
  UpdateProductInput,
  Variant,
  VariantInput,
  VariantSearchHit,
} from './contracts.ts';
import { CatalogErrors } from './errors.ts';
import { ProductCreated, ProductUpdated } from './events.ts';
import { catalogCategories, catalogProducts, catalogVariants } from './schema.ts';

type ProductRow = typeof catalogProducts.$inferSelect;
type VariantRow = typeof catalogVariants.$inferSelect;

function toVariant(row: VariantRow, product: Pick<ProductRow, 'salePrice'>): Variant {
  return {
    id: row.id,
    productId: row.productId,
    sku: row.sku,
    barcode: row.barcode,
    options: row.options,
    salePrice: row.salePrice ?? product.salePrice,
    archived: row.archived,
  };
}

function toProduct(row: ProductRow, variants: VariantRow[]): Product {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    categoryId: row.categoryId,
    unitCode: row.unitCode,
    taxCategory: row.taxCategory,
    currencyCode: row.currencyCode,
    salePrice: row.salePrice,
    costPrice: row.costPrice,
    archived: row.archived,
    version: row.version,
    variants: variants.map((v) => toVariant(v, row)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function checkBarcode(barcode: string | null | undefined, path: string): void {
  if (!barcode) return;
  const result = checkGtin(barcode);
  if (!result.valid) {
    throw CatalogErrors.barcode_invalid(`${barcode}: ${result.reason}`, [
      { path, message: result.reason, code: 'barcode_invalid' },
    ]);
  }
}

function rethrowUnique(error: unknown): never {
  const constraint = pgErrorOf(error)?.constraint;
  if (constraint === 'catalog_variants_sku_unique') throw CatalogErrors.sku_taken(pgErrorOf(error)?.detail);
  if (constraint === 'catalog_variants_barcode_unique')
    throw CatalogErrors.barcode_taken(pgErrorOf(error)?.detail);
  throw error;
}

export async function assertCategory(tx: Tx, categoryId: string | null | undefined): Promise<void> {
  if (!categoryId) return;
  const [found] = await tx.db
    .select({ id: catalogCategories.id })
    .from(catalogCategories)
    .where(and(eq(catalogCategories.companyId, tx.ctx.companyId), eq(catalogCategories.id, categoryId)));
  if (!found) throw CatalogErrors.category_not_found(`no category has the id ${categoryId}`);
}

function variantRows(tx: Tx, productId: string, variants: VariantInput[]) {
  return variants.map((v, i) => {
    checkBarcode(v.barcode, `body.variants.${i}.barcode`);
    return {
      companyId: tx.ctx.companyId,
      id: newId(),
      productId,
      sku: v.sku,
      barcode: v.barcode ?? null,
      options: v.options,
      salePrice: v.salePrice ?? null,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    };
  });
}

export async function createProduct(tx: Tx, input: CreateProductInput): Promise<Product> {
  if (!isKnownCurrency(input.currencyCode))
    throw CatalogErrors.currency_unknown(`${input.currencyCode} is not an ISO 4217 currency`);
  await assertCategory(tx, input.categoryId);
  const id = newId();
  const variants = variantRows(tx, id, input.variants);
  const [product] = await tx.db
    .insert(catalogProducts)
    .values({
      companyId: tx.ctx.companyId,
      id,
      name: input.name,
      description: input.description ?? null,
      kind: input.kind,
      categoryId: input.categoryId ?? null,
      unitCode: input.unitCode,
      taxCategory: input.taxCategory,
      currencyCode: input.currencyCode,
      salePrice: input.salePrice,
      costPrice: input.costPrice ?? null,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .returning();
  const inserted = await tx.db.insert(catalogVariants).values(variants).returning().catch(rethrowUnique);
  const result = toProduct(product!, inserted);
  tx.audit(
    'catalog.product',
    id,
    'create',
    diffRecords(null, { ...result, variants: result.variants.map((v) => v.sku) }),
  );
  await tx.emit(ProductCreated, id, {
    productId: id,
    name: result.name,
    kind: result.kind,
    variants: result.variants.map((v) => ({ variantId: v.id, sku: v.sku, barcode: v.barcode })),
  });
  return result;
}

export async function addVariant(tx: Tx, productId: string, input: VariantInput): Promise<Variant> {
  const product = await productRow(tx.db, tx.ctx.companyId, productId);
  const [row] = await tx.db
    .insert(catalogVariants)
    .values(variantRows(tx, productId, [input]))
    .returning()
    .catch(rethrowUnique);
  tx.audit(
    'catalog.variant',
    row!.id,
    'create',
    diffRecords(null, { sku: row!.sku, barcode: row!.barcode, productId }),
  );
  return toVariant(row!, product);
}

async function productRow(db: Executor, companyId: string, id: string): Promise<ProductRow> {
  const [row] = await db
    .select()
    .from(catalogProducts)
    .where(and(eq(catalogProducts.companyId, companyId), eq(catalogProducts.id, id)));
  if (!row) throw CatalogErrors.product_not_found(`no product has the id ${id}`);
  return row;
}

export async function getProduct(db: Executor, companyId: string, id: string): Promise<Product> {
  const row = await productRow(db, companyId, id);
  const variants = await db
    .select()
    .from(catalogVariants)
    .where(and(eq(catalogVariants.companyId, companyId), eq(catalogVariants.productId, id)))
    .orderBy(catalogVariants.sku);
  return toProduct(row, variants);
}

export async function updateProduct(tx: Tx, id: string, input: UpdateProductInput): Promise<Product> {
  const before = await getProduct(tx.db, tx.ctx.companyId, id);
  const { version, ...changes } = input;
  if (changes.categoryId !== undefined) await assertCategory(tx, changes.categoryId);
  const [row] = await tx.db
    .update(catalogProducts)
    .set({ ...changes, version: version + 1, updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(
      and(
        eq(catalogProducts.companyId, tx.ctx.companyId),
        eq(catalogProducts.id, id),
        eq(catalogProducts.version, version),
      ),
    )
    .returning();
  if (!row)
    throw PlatformErrors.version_conflict(`product ${id} is at version ${before.version}, not ${version}`);
  const after = await getProduct(tx.db, tx.ctx.companyId, id);
  const diff = diffRecords({ ...before, variants: null }, { ...after, variants: null });
  tx.audit('catalog.product', id, 'update', diff);
  await tx.emit(ProductUpdated, id, {
    productId: id,
    changedFields: Object.keys(diff),
    salePrice: after.salePrice,
    archived: after.archived,
  });
  return after;
}

export type ProductListQuery = {
  limit: number;
  cursor?: string | undefined;
  sort: string;
  q?: string | undefined;
  kind?: string | undefined;
  archived?: boolean | undefined;
};

export async function listProducts(
  db: Executor,
  companyId: string,
  query: ProductListQuery,
): Promise<Page<Product>> {
  const paging = keysetPage<ProductRow>(
    query,
    {
      name: catalogProducts.name,
      createdAt: catalogProducts.createdAt,
      updatedAt: catalogProducts.updatedAt,
    },
    catalogProducts.id,
    (row, field) => row[field as 'name' | 'createdAt' | 'updatedAt'],
    (row) => row.id,
  );
  const conditions: (SQL | undefined)[] = [
    eq(catalogProducts.companyId, companyId),
    eq(catalogProducts.archived, query.archived ?? false),
    query.kind ? eq(catalogProducts.kind, query.kind as ProductRow['kind']) : undefined,
    query.q
      ? sql`lower(${catalogProducts.name}) like ${`%${escapeLike(query.q.toLowerCase())}%`}`
      : undefined,
    paging.where,
  ];
  const rows = await db
    .select()
    .from(catalogProducts)
    .where(and(...conditions))
    .orderBy(...paging.orderBy)
    .limit(paging.fetchLimit);
  const page = paging.page(rows);
  const ids = page.data.map((p) => p.id);
  const variants = ids.length
    ? await db
        .select()
        .from(catalogVariants)
        .where(and(eq(catalogVariants.companyId, companyId), inArray(catalogVariants.productId, ids)))
    : [];
  return {
    data: page.data.map((p) =>
      toProduct(
        p,
        variants.filter((v) => v.productId === p.id),
      ),
    ),
    page: page.page,
  };
}

// A variant joined to its product, within one company.
const ofItsProduct = and(
  eq(catalogProducts.companyId, catalogVariants.companyId),
  eq(catalogProducts.id, catalogVariants.productId),
);
const variantsWithProducts = (db: Executor) =>
  db
    .select({ variant: catalogVariants, product: catalogProducts })
    .from(catalogVariants)
    .innerJoin(catalogProducts, ofItsProduct);
// Neither the variant nor its product archived.
const onSale = (companyId: string) =>
  and(
    eq(catalogVariants.companyId, companyId),
    eq(catalogVariants.archived, false),
    eq(catalogProducts.archived, false),
  );

/**
 * What a till or a search box finds: variants whose barcode or SKU equals the text, then those
 * whose product name or SKU contains it (trigram-indexed, so it stays fast on large catalogues).
 */
export async function searchVariants(
  db: Executor,
  companyId: string,
  q: string,
  limit: number,
): Promise<VariantSearchHit[]> {
  const needle = q.trim().toLowerCase();
  const contains = `%${escapeLike(needle)}%`;
  const rows = await variantsWithProducts(db)
    .where(
      and(
        onSale(companyId),
        or(
          eq(catalogVariants.barcode, q.trim()),
          sql`lower(${catalogVariants.sku}) like ${contains}`,
          sql`lower(${catalogProducts.name}) like ${contains}`,
        ),
      ),
    )
    .orderBy(
      sql`case when ${catalogVariants.barcode} = ${q.trim()} or lower(${catalogVariants.sku}) = ${needle} then 0 else 1 end`,
      catalogProducts.name,
      catalogVariants.sku,
    )
    .limit(limit);
  return rows.map(({ variant, product }) => ({
    variantId: variant.id,
    productId: product.id,
    productName: product.name,
    sku: variant.sku,
    barcode: variant.barcode,
    options: variant.options,
    kind: product.kind,
    unitCode: product.unitCode,
    currencyCode: product.currencyCode,
    salePrice: variant.salePrice ?? product.salePrice,
  }));
}

/** A scanned barcode: refused when its check digit is wrong, so a misread never sells the wrong item. */
export async function findByBarcode(
  db: Executor,
  companyId: string,
  barcode: string,
): Promise<VariantSearchHit> {
  checkBarcode(barcode, 'params.barcode');
  const [hit] = (await searchVariants(db, companyId, barcode, 1)).filter((h) => h.barcode === barcode);
  if (!hit) throw CatalogErrors.variant_not_found(`no product has the barcode ${barcode}`);
  return hit;
}

export type StockItem = {
  variantId: string;
  productId: string;
  kind: Product['kind'];
  categoryId: string | null;
  /** How the variant's stock is valued: its category's method; average without a category. */
  valuation: 'fifo' | 'average';
  /** The product's cost price, in `currencyCode` (the product's price currency), if it has one. */
  costPrice: string | null;
  currencyCode: string;
};

/**
 * What inventory needs to know of variants: whether they are stocked at all, their category and
 * its valuation method, and the product's cost price.
 */
export async function variantsForStock(
  db: Executor,
  companyId: string,
  variantIds: string[],
): Promise<Map<string, StockItem>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({
      variantId: catalogVariants.id,
      productId: catalogProducts.id,
      kind: catalogProducts.kind,
      categoryId: catalogProducts.categoryId,
      valuation: catalogCategories.valuation,
      costPrice: catalogProducts.costPrice,
      currencyCode: catalogProducts.currencyCode,
    })
    .from(catalogVariants)
    .innerJoin(catalogProducts, ofItsProduct)
    .leftJoin(
      catalogCategories,
      and(
        eq(catalogCategories.companyId, catalogProducts.companyId),
        eq(catalogCategories.id, catalogProducts.categoryId),
      ),
    )
    .where(and(eq(catalogVariants.companyId, companyId), inArray(catalogVariants.id, variantIds)));
  return new Map(rows.map((r) => [r.variantId, { ...r, valuation: r.valuation ?? 'average' }]));
}

export type SaleItem = {
  variantId: string;
  productName: string;
  sku: string;
  barcode: string | null;
  kind: Product['kind'];
  taxCategory: string;
  unitCode: string;
  currencyCode: string;
  salePrice: string;
  archived: boolean;
};

/**
 * Every variant on sale priced in the currency, in name order, at most `limit`: what a till
 * keeps to sell from when the server is out of reach.
 */
export async function saleItemsInCurrency(
  db: Executor,
  companyId: string,
  currencyCode: string,
  limit: number,
): Promise<SaleItem[]> {
  const rows = await variantsWithProducts(db)
    .where(and(onSale(companyId), eq(catalogProducts.currencyCode, currencyCode)))
    .orderBy(catalogProducts.name, catalogVariants.sku)
    .limit(limit);
  return rows.map(({ variant, product }) => toSaleItem(variant, product));
}

function toSaleItem(variant: VariantRow, product: ProductRow): SaleItem {
  return {
    variantId: variant.id,
    productName:
      Object.keys(variant.options ?? {}).length > 0
        ? `${product.name} (${Object.values(variant.options as Record<string, string>).join(', ')})`
        : product.name,
    sku: variant.sku,
    barcode: variant.barcode,
    kind: product.kind,
    taxCategory: product.taxCategory,
    unitCode: product.unitCode,
    currencyCode: product.currencyCode,
    salePrice: variant.salePrice ?? product.salePrice,
    archived: product.archived || variant.archived,
  };
}

/** What selling a variant needs: its name, code, tax category and current price. */
export async function variantsForSale(
  db: Executor,
  companyId: string,
  variantIds: string[],
): Promise<Map<string, SaleItem>> {
  if (variantIds.length === 0) return new Map();
  const rows = await variantsWithProducts(db).where(
    and(eq(catalogVariants.companyId, companyId), inArray(catalogVariants.id, [...new Set(variantIds)])),
  );
  return new Map(rows.map(({ variant, product }) => [variant.id, toSaleItem(variant, product)]));
}
