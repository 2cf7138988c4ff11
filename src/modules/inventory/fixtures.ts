import type { FixtureFactory } from '../../platform/module.ts';
import { createProduct } from '../catalog/index.ts';
import { createLocation, createWarehouse, virtualLocations } from './service/locations.ts';
import { postMoves } from './service/moves.ts';
import { reserve } from './service/stock.ts';

// A warehouse with stock (received at a cost, so it has value), a move and a reservation in the
// fixture company, and each inventory route aimed at them.
export const inventoryFixtures: FixtureFactory = async (tx) => {
  const warehouse = await createWarehouse(tx, {
    code: 'FXW',
    name: 'Fixture warehouse',
    negativeStock: 'refuse',
  });
  const bin = await createLocation(tx, { warehouseId: warehouse.id, name: 'Fixture bin' });
  const virtual = await virtualLocations(tx);
  const product = await createProduct(tx, {
    name: 'Fixture Stock Item',
    kind: 'stockable',
    unitCode: 'C62',
    taxCategory: 'standard',
    currencyCode: 'EUR',
    salePrice: '1',
    variants: [{ sku: `FXS-${Date.now()}`, options: {} }],
  });
  const variantId = product.variants[0]!.id;
  const [move] = await postMoves(tx, [
    {
      variantId,
      fromLocationId: virtual.supplier,
      toLocationId: warehouse.stockLocationId,
      quantity: '10',
      unitCost: '2.50',
      reason: 'receipt',
    },
  ]);
  const reservation = await reserve(tx, {
    variantId,
    locationId: warehouse.stockLocationId,
    quantity: '1',
    referenceType: 'fixture.order',
    referenceId: 'FX-1',
  });
  const ownMove = {
    variantId,
    fromLocationId: warehouse.stockLocationId,
    toLocationId: virtual.customer,
    quantity: '1',
    reason: 'delivery',
  };
  return {
    ids: [warehouse.id, bin.id, variantId, move!.id, reservation.id],
    routes: {
      'GET /api/v1/inventory/warehouses': {},
      'POST /api/v1/inventory/warehouses': {
        namesNoRecord: 'creates a warehouse that refers to no other record',
      },
      'GET /api/v1/inventory/locations': { query: { warehouseId: warehouse.id } },
      'POST /api/v1/inventory/locations': { body: { warehouseId: warehouse.id, name: 'Intruder bin' } },
      'POST /api/v1/inventory/moves': { body: { moves: [ownMove] } },
      'POST /api/v1/inventory/moves/:id/reverse': { params: { id: move!.id }, body: {} },
      'GET /api/v1/inventory/moves': { query: { variantId } },
      'GET /api/v1/inventory/stock': { query: { variantId } },
      'GET /api/v1/inventory/valuation': { query: { warehouseId: warehouse.id, variantId } },
      'GET /api/v1/inventory/valuation/entries': { query: { variantId } },
      'GET /api/v1/inventory/valuation/layers': { query: { variantId } },
      'POST /api/v1/inventory/reservations': {
        body: {
          variantId,
          locationId: warehouse.stockLocationId,
          quantity: '1',
          referenceType: 'fixture.order',
          referenceId: 'X',
        },
      },
      'POST /api/v1/inventory/reservations/:id/release': { params: { id: reservation.id } },
    },
  };
};
