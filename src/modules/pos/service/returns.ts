import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { amountDue, saleTotals } from '../../../shared/pos/sale-totals.ts';
import { accountingSettings, appliedTaxes } from '../../accounting/index.ts';
import { variantsForSale } from '../../catalog/index.ts';
import { postMoves, virtualLocations } from '../../inventory/index.ts';
import type { ReturnInput, Sale } from '../contracts.ts';
import { PosErrors } from '../errors.ts';
import { SaleCompleted } from '../events.ts';
import { posPayments, posSaleLines, posSales } from '../schema.ts';
import { moneyByMethod, type PricedLine, postingFacts, taxSummary, tillError } from './complete-sale.ts';
import { nextReceiptNumber, registerRow } from './registers.ts';
import { getSale, returnedQuantities } from './sales.ts';
import { shiftRow } from './shifts.ts';

// The lines brought back, at the price and taxes the customer paid; never more than was sold and
// not yet returned.
async function returnLines(
  tx: Tx,
  original: Sale,
  input: ReturnInput,
): Promise<(PricedLine & { returnsLineNo: number })[]> {
  const { companyId } = tx.ctx;
  const returned = await returnedQuantities(tx.db, companyId, original.id);
  const [rows, items] = [
    await tx.db
      .select()
      .from(posSaleLines)
      .where(and(eq(posSaleLines.companyId, companyId), eq(posSaleLines.saleId, original.id))),
    await variantsForSale(
      tx.db,
      companyId,
      original.lines.map((l) => l.variantId),
    ),
  ];
  const lines: (PricedLine & { returnsLineNo: number })[] = [];
  for (const [index, wanted] of input.lines.entries()) {
    const line = rows.find((row) => row.lineNo === wanted.lineNo);
    if (!line)
      throw PosErrors.return_invalid(
        `lines.${index}: receipt ${original.receiptNumber} has no line ${wanted.lineNo}`,
      );
    const left = new Decimal(line.quantity).minus(returned.get(line.lineNo) ?? '0');
    if (new Decimal(wanted.quantity).gt(left)) {
      throw PosErrors.return_invalid(
        `lines.${index}: ${left.toString()} of ${line.description} can still be returned, not ${wanted.quantity}`,
      );
    }
    const taxes = (await appliedTaxes(tx.db, companyId, line.taxIds, 'sale')).map((tax) => ({
      ...tax,
      priceIncluded: true,
    }));
    lines.push({
      variantId: line.variantId,
      description: line.description,
      sku: line.sku,
      quantity: wanted.quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      taxes,
      stocked: items.get(line.variantId)?.kind !== 'service',
      returnsLineNo: line.lineNo,
    });
  }
  return lines;
}

/**
 * A return against the original receipt: the goods come back into the store, the customer is
 * refunded the price paid (cash, card or store credit), and the books reverse their share.
 */
export async function returnSale(
  tx: Tx,
  saleId: string,
  input: ReturnInput,
  approvedBy: string | null = null,
): Promise<Sale & { replayed: boolean }> {
  const { companyId } = tx.ctx;
  const original = await getSale(tx.db, companyId, saleId);
  if (original.kind !== 'sale') throw PosErrors.return_invalid('a return is not returned');
  const register = await registerRow(tx.db, companyId, original.registerId);
  const [earlier] = await tx.db
    .select({ id: posSales.id })
    .from(posSales)
    .where(
      and(
        eq(posSales.companyId, companyId),
        eq(posSales.registerId, register.id),
        eq(posSales.clientSaleId, input.clientReturnId),
      ),
    );
  if (earlier) return { ...(await getSale(tx.db, companyId, earlier.id)), replayed: true };
  const shift = await shiftRow(tx.db, companyId, input.shiftId);
  if (shift.state !== 'open' || shift.registerId !== register.id)
    throw PosErrors.shift_closed(`return at an open shift of register ${register.code}`);
  if (register.returnsNeedApproval && !approvedBy)
    throw PosErrors.approval_required(`refunds at register ${register.code} need a manager’s PIN`);
  if (input.refundMethod === 'store_credit' && !original.customerId)
    throw PosErrors.customer_required('store credit needs the customer of the sale');
  const lines = await returnLines(tx, original, input);
  const { taxRounding } = await accountingSettings(tx.db, companyId);
  const options = {
    currency: register.currencyCode,
    orderDiscountPercent: null,
    rounding: taxRounding,
    cashIncrementMinor: register.cashIncrementMinor,
  };
  let totals: ReturnType<typeof saleTotals>;
  try {
    const refund = amountDue(lines, options, input.refundMethod === 'cash');
    totals = saleTotals(lines, [{ method: input.refundMethod, amountMinor: refund }], options);
  } catch (error) {
    tillError(error);
  }
  const id = newId();
  const stocked = lines.filter((l) => l.stocked);
  if (stocked.length > 0) {
    const virtual = await virtualLocations(tx);
    await postMoves(
      tx,
      stocked.map((l) => ({
        variantId: l.variantId,
        fromLocationId: virtual.customer,
        toLocationId: register.stockLocationId,
        quantity: l.quantity,
        reason: 'pos.return',
        referenceType: 'pos.sale',
        referenceId: id,
      })),
      { idempotencyKey: `pos:${register.id}:${input.clientReturnId}` },
    );
  }
  const receiptNumber = await nextReceiptNumber(tx, register);
  const soldAt = new Date();
  await tx.db.insert(posSales).values({
    companyId,
    id,
    kind: 'return',
    registerId: register.id,
    shiftId: shift.id,
    clientSaleId: input.clientReturnId,
    approvedBy,
    receiptNumber,
    customerId: original.customerId,
    cashierId: tx.ctx.actor.id,
    returnsSaleId: original.id,
    soldAt,
    currencyCode: register.currencyCode,
    netMinor: totals.netMinor,
    taxMinor: totals.taxMinor,
    totalMinor: totals.totalMinor,
    roundingMinor: totals.roundingMinor,
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
      returnsLineNo: line.returnsLineNo,
    })),
  );
  await tx.db.insert(posPayments).values({
    companyId,
    saleId: id,
    position: 0,
    method: input.refundMethod,
    amountMinor: totals.dueMinor,
    reference: input.reference ?? null,
  });
  tx.audit('pos.sale', id, 'return', {
    returns: { old: null, new: original.receiptNumber },
    total: { old: null, new: totals.totalMinor },
  });
  await tx.emit(SaleCompleted, id, {
    saleId: id,
    kind: 'return',
    registerId: register.id,
    shiftId: shift.id,
    receiptNumber,
    cashJournalId: register.cashJournalId,
    customerId: original.customerId,
    date: soldAt.toISOString().slice(0, 10),
    currencyCode: register.currencyCode,
    totalMinor: -totals.totalMinor,
    netMinor: -totals.netMinor,
    taxMinor: -totals.taxMinor,
    roundingMinor: -totals.roundingMinor,
    offline: false,
    ...postingFacts(lines, totals, -1),
    payments: moneyByMethod([{ method: input.refundMethod, amountMinor: totals.dueMinor }], 0, -1),
  });
  return { ...(await getSale(tx.db, companyId, id)), replayed: false };
}
