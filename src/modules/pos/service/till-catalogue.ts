import { Decimal } from 'decimal.js';
import type { Executor } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { type AppliedTax, accountingSettings, taxesForCategory } from '../../accounting/index.ts';
import { saleItemsInCurrency } from '../../catalog/index.ts';
import type { TillCatalogue } from '../contracts.ts';
import { getRegister } from './registers.ts';

// A till keeps this many items at most; a shop with more gets the first ones by name and is told.
const MAX_ITEMS = 5000;

/**
 * What a till needs to sell without the server: the register, every item priced in its currency
 * with the taxes of its category (shelf prices include them, as completeSale reckons), and the
 * company's tax rounding, so the browser totals a sale exactly as the server will.
 */
export async function tillCatalogue(
  db: Executor,
  companyId: string,
  registerId: string,
): Promise<TillCatalogue> {
  const register = await getRegister(db, companyId, registerId);
  const settings = await accountingSettings(db, companyId);
  const items = await saleItemsInCurrency(db, companyId, register.currencyCode, MAX_ITEMS + 1);
  const taxesByCategory = new Map<string, AppliedTax[] | null>();
  for (const category of new Set(items.map((item) => item.taxCategory))) {
    taxesByCategory.set(category, await taxesForCategory(db, companyId, category, 'sale').catch(unmapped));
  }
  return {
    register,
    taxRounding: settings.taxRounding,
    truncated: items.length > MAX_ITEMS,
    fetchedAt: new Date().toISOString(),
    items: items.slice(0, MAX_ITEMS).flatMap((item) => {
      const taxes = taxesByCategory.get(item.taxCategory);
      // An item whose tax category has no taxes mapped cannot be sold (completeSale refuses it).
      if (!taxes) return [];
      return [
        {
          variantId: item.variantId,
          name: item.productName,
          sku: item.sku,
          barcode: item.barcode,
          unitPrice: new Decimal(item.salePrice).toString(),
          taxes: taxes.map((tax) => ({
            id: tax.id,
            code: tax.code,
            kind: tax.kind,
            ratePercent: tax.ratePercent,
            amount: tax.amount,
            priceIncluded: true,
          })),
        },
      ];
    }),
  };
}

function unmapped(error: unknown): null {
  if (error instanceof AppError && error.code.endsWith('tax_category_unmapped')) return null;
  throw error;
}
