import type { FixtureFactory } from '../../platform/module.ts';
import { createProduct } from '../catalog/index.ts';
import { createParty } from '../crm/index.ts';
import { createWarehouse, postMoves, virtualLocations } from '../inventory/index.ts';
import { confirmOrder, deliverOrder } from './service/fulfil.ts';
import { createQuotation } from './service/orders.ts';

// A quotation and a confirmed order in the fixture company (accounting is set up by its fixtures,
// which run first), and each sales route aimed at them.
export const salesFixtures: FixtureFactory = async (tx) => {
  const customer = await createParty(tx, {
    kind: 'organisation',
    name: 'Fixture Buyer',
    isCustomer: true,
    isSupplier: false,
  });
  const warehouse = await createWarehouse(tx, {
    code: 'FXSO',
    name: 'Fixture sales warehouse',
    negativeStock: 'refuse',
  });
  const product = await createProduct(tx, {
    name: 'Fixture Order Item',
    kind: 'stockable',
    unitCode: 'C62',
    taxCategory: 'standard',
    currencyCode: 'EUR',
    salePrice: '7.00',
    variants: [{ sku: `FXSO-${Date.now()}`, options: {} }],
  });
  const variantId = product.variants[0]!.id;
  const virtual = await virtualLocations(tx);
  await postMoves(tx, [
    {
      variantId,
      fromLocationId: virtual.supplier,
      toLocationId: warehouse.stockLocationId,
      quantity: '5',
      reason: 'receipt',
    },
  ]);
  const body = {
    customerId: customer.id,
    warehouseId: warehouse.id,
    invoicePolicy: 'delivery' as const,
    lines: [{ variantId, quantity: '1' }],
  };
  const quotation = await createQuotation(tx, body);
  const order = await confirmOrder(tx, (await createQuotation(tx, body)).id);
  const delivered = await confirmOrder(tx, (await createQuotation(tx, body)).id);
  const shipped = await deliverOrder(tx, delivered.id, {});
  return {
    ids: [customer.id, warehouse.id, variantId, quotation.id, order.id, delivered.id],
    routes: {
      'GET /api/v1/sales/orders': { query: { customerId: customer.id } },
      'GET /api/v1/sales/orders/:id': { params: { id: order.id } },
      'POST /api/v1/sales/orders': { body },
      'POST /api/v1/sales/orders/:id/confirm': { params: { id: quotation.id } },
      'POST /api/v1/sales/orders/:id/deliveries': { params: { id: order.id }, body: {} },
      'POST /api/v1/sales/orders/:id/invoices': { params: { id: order.id } },
      'POST /api/v1/sales/orders/:id/cancel': { params: { id: order.id } },
      'GET /api/v1/sales/orders/:id/pdf': { params: { id: order.id } },
      'GET /api/v1/sales/deliveries/:id/slip': { params: { id: shipped.deliveries[0]!.id } },
      'POST /api/v1/sales/orders/:id/send': { params: { id: quotation.id }, body: { to: 'fx@example.test' } },
      'POST /api/v1/sales/orders/:id/returns': {
        params: { id: delivered.id },
        body: { lines: [{ lineNo: 1, quantity: '1' }], reason: 'Fixture return' },
      },
    },
  };
};
