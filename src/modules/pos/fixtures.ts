import type { FixtureFactory } from '../../platform/module.ts';
import { accountingIsSetUp } from '../accounting/index.ts';
import { createProduct } from '../catalog/index.ts';
import { createWarehouse, postMoves, virtualLocations } from '../inventory/index.ts';
import { completeSale } from './service/complete-sale.ts';
import { createRegister } from './service/registers.ts';
import { openShift } from './service/shifts.ts';

// A register with an open shift and one sale in the fixture company (whose accounting fixtures
// ran before: the registry orders pos after accounting), and each route aimed at them.
export const posFixtures: FixtureFactory = async (tx) => {
  if (!(await accountingIsSetUp(tx.db, tx.ctx.companyId)))
    throw new Error('pos fixtures need accounting set up first');
  const warehouse = await createWarehouse(tx, {
    code: 'FXPOS',
    name: 'Fixture store',
    negativeStock: 'refuse',
  });
  const product = await createProduct(tx, {
    name: 'Fixture Till Item',
    kind: 'stockable',
    unitCode: 'C62',
    taxCategory: 'standard',
    currencyCode: 'EUR',
    salePrice: '2.40',
    variants: [{ sku: `FXPOS-${Date.now()}`, options: {} }],
  });
  const variantId = product.variants[0]!.id;
  const virtual = await virtualLocations(tx);
  await postMoves(tx, [
    {
      variantId,
      fromLocationId: virtual.supplier,
      toLocationId: warehouse.stockLocationId,
      quantity: '10',
      reason: 'receipt',
    },
  ]);
  const register = await createRegister(tx, { code: 'FX1', name: 'Fixture till', warehouseId: warehouse.id });
  const shift = await openShift(tx, { registerId: register.id, openingFloat: '100.00' });
  const sale = await completeSale(tx, {
    registerId: register.id,
    shiftId: shift.id,
    clientSaleId: `fixture-${Date.now()}`,
    lines: [{ variantId, quantity: '1' }],
    payments: [{ method: 'cash', amount: '5.00' }],
    offline: false,
  });
  const saleBody = {
    registerId: register.id,
    shiftId: shift.id,
    clientSaleId: 'intruder-sale-0001',
    lines: [{ variantId, quantity: '1' }],
    payments: [{ method: 'cash', amount: '5.00' }],
  };
  return {
    ids: [warehouse.id, variantId, register.id, shift.id, sale.id],
    routes: {
      'GET /api/v1/pos/registers': {},
      'GET /api/v1/pos/registers/:id': { params: { id: register.id } },
      'GET /api/v1/pos/registers/:id/catalogue': { params: { id: register.id } },
      'POST /api/v1/pos/registers': {
        body: { code: 'X9', name: 'Intruder till', warehouseId: warehouse.id },
      },
      'POST /api/v1/pos/shifts': { body: { registerId: register.id, openingFloat: '1.00' } },
      'GET /api/v1/pos/shifts/:id': { params: { id: shift.id } },
      'GET /api/v1/pos/shifts/:id/report': { params: { id: shift.id } },
      'POST /api/v1/pos/shifts/:id/close': { params: { id: shift.id }, body: { countedCash: '0.00' } },
      'POST /api/v1/pos/shifts/:id/cash-moves': {
        params: { id: shift.id },
        body: { direction: 'out', amount: '1.00', reason: 'x' },
      },
      'POST /api/v1/pos/sales': { body: saleBody },
      'PUT /api/v1/pos/manager-pin': { namesNoRecord: "sets the caller's own PIN in the caller's company" },
      'GET /api/v1/pos/sales': { query: { shiftId: shift.id } },
      'GET /api/v1/pos/summary': {},
      'GET /api/v1/pos/sales/:id': { params: { id: sale.id } },
      'GET /api/v1/pos/sales/:id/receipt': { params: { id: sale.id } },
      'POST /api/v1/pos/sales/:id/receipt/mail': { params: { id: sale.id }, body: { to: 'fx@example.test' } },
      'POST /api/v1/pos/sales/:id/returns': {
        params: { id: sale.id },
        body: {
          shiftId: shift.id,
          clientReturnId: 'intruder-return-1',
          lines: [{ lineNo: 1, quantity: '1' }],
          refundMethod: 'cash',
        },
      },
    },
  };
};
