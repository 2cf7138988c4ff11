import { Decimal } from 'decimal.js';
import type { Tx } from '../../platform/db/tx.ts';
import { amountDue } from '../../shared/pos/sale-totals.ts';
import { seededRandom } from '../../shared/seeded-random.ts';
import { type AppliedTax, accountingSettings, taxesForCategory } from '../accounting/index.ts';
import { type SaleItem, variantsForSale } from '../catalog/index.ts';
import { listWarehouses, stockLevels } from '../inventory/index.ts';
import { completeSale } from './service/complete-sale.ts';
import { createRegister } from './service/registers.ts';
import { openShift } from './service/shifts.ts';

const DAYS = 30;

// A month at the Paris shop's till: a handful of sales a day, paid in cash (with change) or by
// card, all through the same service as the API, so stock, books and reports have life in them.
export async function loadPosDemo(tx: Tx, progress: (message: string) => void): Promise<void> {
  const rng = seededRandom(23);
  const { companyId } = tx.ctx;
  const shop = (await listWarehouses(tx.db, companyId)).find((w) => w.code === 'PAR');
  if (!shop) return;
  const register = await createRegister(tx, { code: 'PAR1', name: 'Paris till 1', warehouseId: shop.id });
  const shift = await openShift(tx, { registerId: register.id, openingFloat: '200.00' });
  const available = new Map(
    (await stockLevels(tx.db, companyId, { locationId: shop.stockLocationId }))
      .filter((level) => new Decimal(level.available).gte(1))
      .map((level) => [level.variantId, new Decimal(level.available).floor().toNumber()]),
  );
  const items = [...(await variantsForSale(tx.db, companyId, [...available.keys()])).values()];
  if (items.length === 0) return;
  const taxes = new Map<string, AppliedTax[]>();
  const { taxRounding } = await accountingSettings(tx.db, companyId);
  const firstDay = Math.max(Date.now() - DAYS * 86_400_000, Date.UTC(new Date().getUTCFullYear(), 0, 1));
  let sales = 0;
  for (let day = firstDay; day <= Date.now(); day += 86_400_000) {
    for (let n = rng.int(2, 5); n > 0; n--) {
      const picked = pick(rng, items, available);
      if (picked.length === 0) break;
      for (const item of picked) {
        if (!taxes.has(item.taxCategory))
          taxes.set(item.taxCategory, await taxesForCategory(tx.db, companyId, item.taxCategory, 'sale'));
      }
      const lines = picked.map((item) => ({
        unitPrice: item.salePrice,
        quantity: '1',
        taxes: taxes.get(item.taxCategory)!.map((t) => ({ ...t, priceIncluded: true })),
      }));
      const cash = rng.next() < 0.55;
      const options = {
        currency: register.currencyCode,
        rounding: taxRounding,
        cashIncrementMinor: register.cashIncrementMinor,
      };
      const dueMinor = amountDue(lines, options, cash);
      const tendered = cash ? Math.ceil(dueMinor / 1000) * 1000 : dueMinor;
      await completeSale(tx, {
        registerId: register.id,
        shiftId: shift.id,
        clientSaleId: `demo-${sales + 1}-${companyId.slice(-8)}`,
        soldAt: new Date(day + rng.int(9, 18) * 3_600_000).toISOString(),
        lines: picked.map((item) => ({ variantId: item.variantId, quantity: '1' })),
        payments: [
          {
            method: cash ? 'cash' : 'card',
            amount: new Decimal(tendered).div(100).toFixed(2),
            reference: cash ? null : `DEMO-${sales + 1}`,
          },
        ],
        offline: false,
      });
      sales++;
    }
  }
  progress(`pos: register PAR1 with ${sales} sales over the last ${DAYS} days`);
}

function pick(
  rng: ReturnType<typeof seededRandom>,
  items: SaleItem[],
  available: Map<string, number>,
): SaleItem[] {
  const chosen = new Map<string, SaleItem>();
  for (let tries = 0, want = rng.int(1, 3); tries < 10 && chosen.size < want; tries++) {
    const item = items[rng.int(0, items.length - 1)]!;
    if ((available.get(item.variantId) ?? 0) > 0 && item.kind !== 'service') chosen.set(item.variantId, item);
  }
  for (const id of chosen.keys()) available.set(id, available.get(id)! - 1);
  return [...chosen.values()];
}
