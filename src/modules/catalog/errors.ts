import { defineErrors } from '../../platform/errors.ts';

export const CatalogErrors = defineErrors('catalog', {
  product_not_found: { status: 404, title: 'No such product' },
  variant_not_found: { status: 404, title: 'No such product variant' },
  category_not_found: { status: 404, title: 'No such category' },
  category_name_taken: { status: 409, title: 'Another category has this name here' },
  barcode_invalid: { status: 422, title: 'The barcode is not a valid GTIN' },
  barcode_taken: { status: 409, title: 'Another item has this barcode' },
  sku_taken: { status: 409, title: 'Another variant has this SKU' },
  currency_unknown: { status: 422, title: 'Unknown currency' },
});
