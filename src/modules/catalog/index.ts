// The catalog module's public face: other modules import only from here.
export type { CreateProductInput, Product, Variant, VariantSearchHit } from './contracts.ts';
export { ProductCreated, ProductUpdated } from './events.ts';
export {
  createProduct,
  findByBarcode,
  getProduct,
  listProducts,
  type SaleItem,
  type StockItem,
  searchVariants,
  variantsForSale,
  variantsForStock,
} from './service.ts';
