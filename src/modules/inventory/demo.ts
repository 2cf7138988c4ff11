import { Decimal } from 'decimal.js';
import type { Tx } from '../../platform/db/tx.ts';
import { seededRandom } from '../../shared/seeded-random.ts';
import { listProducts } from '../catalog/index.ts';
import type { MoveInput } from './contracts.ts';
import { createWarehouse, virtualLocations } from './service/locations.ts';
import { postMoves } from './service/moves.ts';
import { valuationReport } from './valuation/report.ts';

// A main warehouse that receives from suppliers at the products' cost prices and supplies two
// shops; some goods sold, some counted short, some reordered at a higher cost (a second FIFO layer, a
// new average). A few thousand moves, all through the same service as the API.
export async function loadInventoryDemo(tx: Tx, progress: (message: string) => void): Promise<void> {
  const rng = seededRandom(11);
  const main = await createWarehouse(tx, { code: 'WH', name: 'Main warehouse', negativeStock: 'refuse' });
  const paris = await createWarehouse(tx, { code: 'PAR', name: 'Paris shop', negativeStock: 'refuse' });
  const lyon = await createWarehouse(tx, { code: 'LYO', name: 'Lyon shop', negativeStock: 'refuse' });
  const virtual = await virtualLocations(tx);
  const variants: string[] = [];
  const costs = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await listProducts(tx.db, tx.ctx.companyId, {
      limit: 200,
      sort: 'name',
      cursor,
      kind: 'stockable',
    });
    for (const product of page.data) {
      for (const variant of product.variants) {
        variants.push(variant.id);
        costs.set(variant.id, product.costPrice ?? '1.00');
      }
    }
    cursor = page.page.nextCursor ?? undefined;
  } while (cursor);

  let count = 0;
  const post = async (moves: MoveInput[]) => {
    for (let i = 0; i < moves.length; i += 100) await postMoves(tx, moves.slice(i, i + 100));
    count += moves.length;
  };
  const received = new Map<string, number>();
  await post(
    variants.map((variantId) => {
      const quantity = rng.int(20, 200);
      received.set(variantId, quantity);
      return {
        variantId,
        fromLocationId: virtual.supplier,
        toLocationId: main.stockLocationId,
        quantity: String(quantity),
        unitCost: costs.get(variantId)!,
        reason: 'opening',
        referenceType: 'demo.opening',
        referenceId: 'OPENING-STOCK',
      };
    }),
  );
  const transfers: MoveInput[] = [];
  const inShop = new Map<string, number>();
  for (const variantId of variants) {
    for (const shop of [paris, lyon]) {
      if (rng.next() < 0.6) continue;
      const quantity = Math.floor(received.get(variantId)! / 4);
      if (quantity === 0) continue;
      transfers.push({
        variantId,
        fromLocationId: main.stockLocationId,
        toLocationId: shop.stockLocationId,
        quantity: String(quantity),
        reason: 'transfer',
      });
      inShop.set(`${variantId}/${shop.stockLocationId}`, quantity);
    }
  }
  await post(transfers);
  const sales: MoveInput[] = [];
  for (const [key, quantity] of inShop) {
    const [variantId, locationId] = key.split('/') as [string, string];
    const sold = rng.int(0, Math.floor(quantity * 0.8));
    if (sold > 0)
      sales.push({
        variantId,
        fromLocationId: locationId,
        toLocationId: virtual.customer,
        quantity: String(sold),
        reason: 'delivery',
        referenceType: 'demo.sale',
      });
  }
  await post(sales);
  const adjustments: MoveInput[] = variants
    .filter(() => rng.next() < 0.04)
    .map((variantId) => ({
      variantId,
      fromLocationId: main.stockLocationId,
      toLocationId: virtual.loss,
      quantity: String(rng.int(1, 3)),
      reason: 'count',
      note: 'cycle count: found short',
    }));
  await post(adjustments);
  const reorders: MoveInput[] = variants
    .filter(() => rng.next() < 0.25)
    .map((variantId) => ({
      variantId,
      fromLocationId: virtual.supplier,
      toLocationId: main.stockLocationId,
      quantity: String(rng.int(10, 50)),
      unitCost: new Decimal(costs.get(variantId)!).times('1.04').toFixed(2),
      reason: 'receipt',
      referenceType: 'demo.purchase',
      referenceId: 'PO-DEMO-2',
    }));
  await post(reorders);
  const { totals, currencyCode } = await valuationReport(tx.db, tx.ctx.companyId, { limit: 1 });
  progress(`inventory: 3 warehouses, ${count} stock moves, stock worth ${totals.value} ${currencyCode}`);
}
