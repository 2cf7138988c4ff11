import type { Tx } from '../../platform/db/tx.ts';
import { seededRandom } from '../../shared/seeded-random.ts';
import { listProducts } from '../catalog/index.ts';
import { listParties } from '../crm/index.ts';
import { listWarehouses } from '../inventory/index.ts';
import { confirmOrder, deliverOrder } from './service/fulfil.ts';
import { createQuotation } from './service/orders.ts';

// A dozen business customers' orders from the main warehouse: most confirmed, delivered and
// invoiced, a couple waiting to be delivered, a couple still quotations.
export async function loadSalesDemo(tx: Tx, progress: (message: string) => void): Promise<void> {
  const rng = seededRandom(31);
  const { companyId } = tx.ctx;
  const warehouse = (await listWarehouses(tx.db, companyId)).find((w) => w.code === 'WH');
  const customers = (await listParties(tx.db, companyId, { limit: 50, sort: 'name', role: 'customer' })).data;
  const products = (await listProducts(tx.db, companyId, { limit: 200, sort: 'name', kind: 'stockable' }))
    .data;
  if (!warehouse || customers.length === 0 || products.length === 0) return;
  let delivered = 0;
  for (let i = 0; i < 12; i++) {
    const chosen = new Set<string>();
    for (let n = rng.int(2, 4); chosen.size < n; ) chosen.add(rng.pick(products).variants[0]!.id);
    const quotation = await createQuotation(tx, {
      customerId: rng.pick(customers).id,
      warehouseId: warehouse.id,
      customerReference: `PO-${1000 + i}`,
      invoicePolicy: 'delivery',
      lines: [...chosen].map((variantId) => ({ variantId, quantity: String(rng.int(1, 6)) })),
    });
    if (i < 2) continue;
    const order = await confirmOrder(tx, quotation.id);
    if (i < 4 || order.lines.every((line) => line.quantityReserved === '0')) continue;
    await deliverOrder(tx, quotation.id, {});
    delivered++;
  }
  progress(`sales: 12 orders, ${delivered} delivered and invoiced`);
}
