import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { saleTotals, TillError, type TillPayment } from '../../../shared/pos/sale-totals.ts';
import { type AppliedTax, accountingSettings, taxesForCategory } from '../../accounting/index.ts';
import { variantsForSale } from '../../catalog/index.ts';
import { getParty } from '../../crm/index.ts';
import { postMoves, virtualLocations } from '../../inventory/index.ts';
import type { CompleteSaleInput, Sale } from '../contracts.ts';
import { PosErrors } from '../errors.ts';
import { SaleCompleted } from '../events.ts';
import { posPayments, posSaleLines, posSales } from '../schema.ts';
import { amountMinor } from './amounts.ts';
import { checkDiscounts } from './manager-override.ts';
import { nextReceiptNumber, type RegisterRow, registerRow } from './registers.ts';
import { getSale } from './sales.ts';
import { shiftRow } from './shifts.ts';

export type PricedLine = {
  variantId: string;
  description: string;
  sku: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxes: AppliedTax[];
  stocked: boolean;
};

// Prices the lines: the catalogue's price, and the taxes of the product's tax category. An online
// till that shows another price than the catalogue's is refused (the price changed since the scan);
// an offline sale keeps the price the customer paid.
async function priceLines(tx: Tx, register: RegisterRow, input: CompleteSaleInput): Promise<PricedLine[]> {
  const { companyId } = tx.ctx;
  const items = await variantsForSale(
    tx.db,
    companyId,
    input.lines.map((l) => l.variantId),
  );
  const taxesByCategory = new Map<string, AppliedTax[]>();
  const priced: PricedLine[] = [];
  for (const [index, line] of input.lines.entries()) {
    const item = items.get(line.variantId);
    if (!item || item.archived)
      throw PosErrors.item_not_for_sale(`lines.${index}: no product on sale has the id ${line.variantId}`);
    if (item.currencyCode !== register.currencyCode) {
      throw PosErrors.currency_mismatch(
        `lines.${index}: ${item.productName} is priced in ${item.currencyCode}`,
      );
    }
    if (line.unitPrice !== undefined && !input.offline && !new Decimal(line.unitPrice).eq(item.salePrice)) {
      throw PosErrors.price_changed(
        `${item.productName} now costs ${new Decimal(item.salePrice).toFixed(2)}, not ${line.unitPrice}; scan it again`,
      );
    }
    if (!taxesByCategory.has(item.taxCategory)) {
      taxesByCategory.set(
        item.taxCategory,
        await taxesForCategory(tx.db, companyId, item.taxCategory, 'sale'),
      );
    }
    // Shelf prices include their taxes.
    const taxes = taxesByCategory.get(item.taxCategory)!.map((tax) => ({ ...tax, priceIncluded: true }));
    priced.push({
      variantId: item.variantId,
      description: item.productName,
      sku: item.sku,
      quantity: line.quantity,
      unitPrice: input.offline && line.unitPrice !== undefined ? line.unitPrice : item.salePrice,
      discountPercent: line.discountPercent ?? '0',
      taxes,
      stocked: item.kind !== 'service',
    });
  }
  return priced;
}

export function tillError(error: unknown): never {
  if (error instanceof TillError) {
    throw error.code === 'discount_invalid'
      ? PosErrors.discount_invalid(error.message)
      : PosErrors.payment_invalid(error.message);
  }
  throw error;
}

/** Revenue by the VAT that names it, and taxes, for the books. */
export function postingFacts(lines: PricedLine[], totals: ReturnType<typeof saleTotals>, sign: 1 | -1) {
  const revenue = new Map<string | null, number>();
  lines.forEach((line, index) => {
    const key = line.taxes.find((t) => t.kind === 'percent')?.id ?? null;
    revenue.set(key, (revenue.get(key) ?? 0) + sign * totals.lines[index]!.netMinor);
  });
  return {
    revenue: [...revenue].map(([taxId, netMinor]) => ({ taxId, netMinor })),
    taxes: totals.taxes.map((t) => ({
      taxId: t.taxId,
      baseMinor: sign * t.baseMinor,
      amountMinor: sign * t.amountMinor,
    })),
  };
}

/**
 * Completes a sale at the till in one transaction: its stock leaves the store, the sale is
 * recorded with a gap-free receipt number, and `pos.sale.completed` carries what the books post.
 * The same (register, client sale id) is recorded once, for ever: a sale synced twice answers the
 * first recording. An offline sale whose stock ran out meanwhile is recorded and flagged.
 */
export async function completeSale(
  tx: Tx,
  input: CompleteSaleInput,
  approvedBy: string | null = null,
): Promise<Sale & { replayed: boolean }> {
  const { companyId } = tx.ctx;
  const register = await registerRow(tx.db, companyId, input.registerId);
  const [earlier] = await tx.db
    .select({ id: posSales.id })
    .from(posSales)
    .where(
      and(
        eq(posSales.companyId, companyId),
        eq(posSales.registerId, register.id),
        eq(posSales.clientSaleId, input.clientSaleId),
      ),
    );
  if (earlier) return { ...(await getSale(tx.db, companyId, earlier.id)), replayed: true };
  const shift = await shiftRow(tx.db, companyId, input.shiftId);
  if (shift.registerId !== register.id)
    throw PosErrors.shift_not_found(`shift ${shift.id} is not at register ${register.code}`);
  if (shift.state === 'closed' && !input.offline) throw PosErrors.shift_closed('open a shift to sell');
  if (input.customerId) await getParty(tx.db, companyId, input.customerId);
  // An offline till could not ask: what it sold is kept as it happened, without an approval.
  if (!input.offline)
    checkDiscounts(
      register,
      [input.orderDiscountPercent, ...input.lines.map((l) => l.discountPercent)],
      approvedBy,
    );
  const settings = await accountingSettings(tx.db, companyId);
  const lines = await priceLines(tx, register, input);
  const payments: (TillPayment & { reference: string | null })[] = input.payments.map((p, i) => ({
    method: p.method,
    amountMinor: amountMinor(p.amount, register.currencyCode, `payments.${i}.amount`),
    reference: p.reference ?? null,
  }));
  if (payments.some((p) => p.method === 'store_credit') && !input.customerId)
    throw PosErrors.customer_required('store credit is the customer’s');
  let totals: ReturnType<typeof saleTotals>;
  try {
    totals = saleTotals(lines, payments, {
      currency: register.currencyCode,
      orderDiscountPercent: input.orderDiscountPercent ?? null,
      rounding: settings.taxRounding,
      cashIncrementMinor: register.cashIncrementMinor,
    });
  } catch (error) {
    tillError(error);
  }
  const id = newId();
  const stockFlagged = await moveStock(tx, register, input, lines, id);
  const receiptNumber = await nextReceiptNumber(tx, register);
  const soldAt = input.soldAt ? new Date(input.soldAt) : new Date();
  await tx.db.insert(posSales).values({
    companyId,
    id,
    kind: 'sale',
    registerId: register.id,
    shiftId: shift.id,
    clientSaleId: input.clientSaleId,
    receiptNumber,
    customerId: input.customerId ?? null,
    cashierId: tx.ctx.actor.id,
    approvedBy,
    soldAt,
    offline: input.offline,
    stockFlagged,
    currencyCode: register.currencyCode,
    orderDiscountPercent: input.orderDiscountPercent ?? '0',
    netMinor: totals.netMinor,
    taxMinor: totals.taxMinor,
    totalMinor: totals.totalMinor,
    roundingMinor: totals.roundingMinor,
    changeMinor: totals.changeMinor,
    taxes: taxSummary(lines, totals),
  });
  await tx.db.insert(posSaleLines).values(
    lines.map((line, index) => ({
      companyId,
      saleId: id,
      lineNo: index + 1,
      variantId: line.variantId,
      description: line.description,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      taxIds: line.taxes.map((t) => t.id),
      netMinor: totals.lines[index]!.netMinor,
      taxMinor: totals.lines[index]!.grossMinor - totals.lines[index]!.netMinor,
    })),
  );
  await tx.db.insert(posPayments).values(
    payments.map((p, position) => ({
      companyId,
      saleId: id,
      position,
      method: p.method,
      amountMinor: p.amountMinor,
      reference: p.reference,
    })),
  );
  tx.audit('pos.sale', id, 'complete', {
    receipt: { old: null, new: receiptNumber },
    total: { old: null, new: totals.totalMinor },
    offline: { old: null, new: input.offline },
  });
  await tx.emit(SaleCompleted, id, {
    saleId: id,
    kind: 'sale',
    registerId: register.id,
    shiftId: shift.id,
    receiptNumber,
    cashJournalId: register.cashJournalId,
    customerId: input.customerId ?? null,
    date: soldAt.toISOString().slice(0, 10),
    currencyCode: register.currencyCode,
    totalMinor: totals.totalMinor,
    netMinor: totals.netMinor,
    taxMinor: totals.taxMinor,
    roundingMinor: totals.roundingMinor,
    offline: input.offline,
    ...postingFacts(lines, totals, 1),
    payments: moneyByMethod(payments, totals.changeMinor, 1),
  });
  return { ...(await getSale(tx.db, companyId, id)), replayed: false };
}

export function taxSummary(lines: PricedLine[], totals: ReturnType<typeof saleTotals>) {
  const definitions = new Map(lines.flatMap((l) => l.taxes).map((t) => [t.id, t]));
  return totals.taxes.map((t) => ({
    taxId: t.taxId,
    code: definitions.get(t.taxId)?.code ?? '',
    ratePercent: definitions.get(t.taxId)?.ratePercent ?? null,
    baseMinor: t.baseMinor,
    amountMinor: t.amountMinor,
  }));
}

export function moneyByMethod(payments: TillPayment[], changeMinor: number, sign: 1 | -1) {
  const byMethod = new Map<TillPayment['method'], number>();
  for (const p of payments) byMethod.set(p.method, (byMethod.get(p.method) ?? 0) + p.amountMinor);
  if (changeMinor > 0) byMethod.set('cash', (byMethod.get('cash') ?? 0) - changeMinor);
  return [...byMethod]
    .filter(([, amount]) => amount !== 0)
    .map(([method, amountMinor]) => ({ method, amountMinor: sign * amountMinor }));
}

// The goods leave the store for the customer. An online sale is refused when stock is short; an
// offline one already happened, so it is recorded and flagged.
async function moveStock(
  tx: Tx,
  register: RegisterRow,
  input: CompleteSaleInput,
  lines: PricedLine[],
  saleId: string,
): Promise<boolean> {
  const stocked = lines.filter((line) => line.stocked);
  if (stocked.length === 0) return false;
  const virtual = await virtualLocations(tx);
  const moves = await postMoves(
    tx,
    stocked.map((line) => ({
      variantId: line.variantId,
      fromLocationId: register.stockLocationId,
      toLocationId: virtual.customer,
      quantity: line.quantity,
      reason: 'pos.sale',
      referenceType: 'pos.sale',
      referenceId: saleId,
    })),
    { recordOnly: input.offline, idempotencyKey: `pos:${register.id}:${input.clientSaleId}` },
  );
  return moves.some((move) => move.forcedNegative);
}
