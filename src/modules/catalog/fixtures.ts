import type { FixtureFactory } from '../../platform/module.ts';
import { createProduct } from './service.ts';

// A product in the fixture company, and each catalog route aimed at it.
export const catalogFixtures: FixtureFactory = async (tx) => {
  const product = await createProduct(tx, {
    name: 'Fixture Widget',
    kind: 'stockable',
    unitCode: 'C62',
    taxCategory: 'standard',
    currencyCode: 'EUR',
    salePrice: '5',
    variants: [{ sku: `FX-${Date.now()}`, barcode: '96385074', options: {} }],
  });
  const variant = product.variants[0]!;
  return {
    ids: [product.id, variant.id],
    routes: {
      'GET /api/v1/catalog/products': { query: { q: 'Fixture Widget' } },
      'GET /api/v1/catalog/products/:id': { params: { id: product.id } },
      'POST /api/v1/catalog/products': { namesNoRecord: 'creates a product that refers to no other record' },
      'PATCH /api/v1/catalog/products/:id': {
        params: { id: product.id },
        body: { version: 1, name: 'Hijacked' },
      },
      'POST /api/v1/catalog/products/:id/variants': { params: { id: product.id }, body: { sku: 'HIJACK-1' } },
      'GET /api/v1/catalog/search': { query: { q: 'Fixture Widget' } },
      'GET /api/v1/catalog/barcodes/:barcode': { params: { barcode: '96385074' } },
    },
  };
};
