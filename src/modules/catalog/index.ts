// The catalog module's public face: other modules import only from here.
export { createCategory } from './categories.ts';
export type {
  Category,
  CreateCategoryInput,
  CreateProductInput,
  Product,
  Variant,
  VariantSearchHit,
} from './contracts.ts';
export { ProductCreated, ProductUpdated } from './events.ts';
export {
  createProduct,
  findByBarcode,
  getProduct,
  listProducts,
  type SaleItem,
  type StockItem,
  saleItemsInCurrency,
  searchVariants,
  variantsForSale,
  variantsForStock,
} from './service.ts';
