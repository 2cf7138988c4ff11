import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { createInvoice, getInvoice, invoiceIdsForSource, postInvoice } from '../../accounting/index.ts';
import { postMoves, virtualLocations } from '../../inventory/index.ts';
import type { ReturnInput, SalesOrder } from '../contracts.ts';
import { SalesErrors } from '../errors.ts';
import { OrderReturned } from '../events.ts';
import { salesOrderLines, salesReturnLines, salesReturns } from '../schema.ts';
import { getOrder, nextNumber, orderLines, orderRow } from './orders.ts';

type LineRow = Awaited<ReturnType<typeof orderLines>>[number];
type Returned = { line: LineRow; quantity: Decimal; credited: Decimal };

// Never more than was delivered and not yet returned; what of it was invoiced and not yet credited
// is credited now, the rest is simply no longer owed.
function returnedLines(lines: LineRow[], input: ReturnInput): Returned[] {
  const wanted = new Map<number, Decimal>();
  for (const [index, line] of input.lines.entries()) {
    const row = lines.find((l) => l.lineNo === line.lineNo);
    const total = (wanted.get(line.lineNo) ?? new Decimal(0)).plus(line.quantity);
    const left = row ? new Decimal(row.quantityDelivered).minus(row.quantityReturned) : new Decimal(0);
    if (!row || total.gt(left)) {
      throw SalesErrors.return_invalid(
        `lines.${index}: line ${line.lineNo} has ${left.toString()} delivered and not yet returned`,
      );
    }
    wanted.set(line.lineNo, total);
  }
  return [...wanted].map(([lineNo, quantity]) => {
    const line = lines.find((l) => l.lineNo === lineNo)!;
    const uncredited = new Decimal(line.quantityInvoiced).minus(line.quantityCredited);
    return { line, quantity, credited: Decimal.min(quantity, Decimal.max(uncredited, 0)) };
  });
}

// The credit note corrects the order's latest posted invoice, which it settles as far as both are open.
async function invoiceToCorrect(tx: Tx, orderId: string): Promise<string | null> {
  const ids = await invoiceIdsForSource(tx.db, tx.ctx.companyId, 'sales.order', `${orderId}#`);
  for (const id of ids.reverse()) {
    const invoice = await getInvoice(tx.db, tx.ctx.companyId, id);
    if (invoice.kind === 'customer_invoice' && invoice.state === 'posted') return id;
  }
  return null;
}

/**
 * Takes goods back against a delivered order: they move from the customer into the order's
 * warehouse, and what was invoiced of them is credited by a credit note posted in the same
 * transaction (its stock value and its entry are booked by accounting's posting rules).
 */
export async function returnGoods(tx: Tx, orderId: string, input: ReturnInput): Promise<SalesOrder> {
  const { companyId } = tx.ctx;
  const order = await orderRow(tx.db, companyId, orderId, true);
  if (order.state !== 'confirmed' && order.state !== 'done')
    throw SalesErrors.not_confirmed(`${order.number} is ${order.state}; only delivered goods come back`);
  const returned = returnedLines(await orderLines(tx.db, companyId, orderId), input);
  const id = newId();
  const number = await nextNumber(tx, 'RT');
  const stocked = returned.filter((r) => r.line.stocked);
  const virtual = await virtualLocations(tx);
  const moves = stocked.length
    ? await postMoves(
        tx,
        stocked.map((r) => ({
          variantId: r.line.variantId,
          fromLocationId: virtual.customer,
          toLocationId: order.stockLocationId,
          quantity: r.quantity.toString(),
          reason: 'sales.return',
          referenceType: 'sales.return',
          referenceId: number,
        })),
      )
    : [];
  const credited = returned.filter((r) => r.credited.gt(0));
  let creditNote: { id: string; number: string | null; totalMinor: number } | null = null;
  if (credited.length > 0) {
    const draft = await createInvoice(tx, {
      kind: 'customer_credit_note',
      partnerId: order.customerId,
      invoiceDate: new Date().toISOString().slice(0, 10),
      currencyCode: order.currencyCode,
      reference: order.customerReference ?? order.number,
      buyerReference: order.customerReference ?? order.number,
      correctsInvoiceId: (await invoiceToCorrect(tx, orderId)) ?? undefined,
      note: `Return ${number} of order ${order.number}: ${input.reason}`,
      sourceType: 'sales.return',
      sourceId: id,
      lines: credited.map(({ line, credited: quantity }) => ({
        description: line.description,
        quantity: quantity.toString(),
        unitPrice: line.unitPrice,
        discountPercent: line.discountPercent,
        unitCode: line.unitCode,
        taxIds: line.taxIds,
        variantId: line.variantId,
        sku: line.sku,
      })),
    });
    creditNote = await postInvoice(tx, draft.id);
  }
  await tx.db.insert(salesReturns).values({
    companyId,
    id,
    orderId,
    number,
    reason: input.reason,
    returnedBy: tx.ctx.actor.id,
    creditNoteId: creditNote?.id ?? null,
  });
  await tx.db.insert(salesReturnLines).values(
    returned.map((r) => ({
      companyId,
      returnId: id,
      lineNo: r.line.lineNo,
      quantity: r.quantity.toString(),
      quantityCredited: r.credited.toString(),
      moveId: moves[stocked.indexOf(r)]?.id ?? null,
    })),
  );
  for (const r of returned) {
    await tx.db
      .update(salesOrderLines)
      .set({
        quantityReturned: r.quantity.plus(r.line.quantityReturned).toString(),
        quantityCredited: r.credited.plus(r.line.quantityCredited).toString(),
      })
      .where(
        and(
          eq(salesOrderLines.companyId, companyId),
          eq(salesOrderLines.orderId, orderId),
          eq(salesOrderLines.lineNo, r.line.lineNo),
        ),
      );
  }
  tx.audit('sales.order', orderId, 'return', {
    return: { old: null, new: number },
    creditNote: { old: null, new: creditNote?.number ?? null },
  });
  await tx.emit(OrderReturned, orderId, {
    orderId,
    number: order.number,
    customerId: order.customerId,
    totalMinor: order.totalMinor,
    currencyCode: order.currencyCode,
    returnId: id,
    returnNumber: number,
    lines: returned.map((r) => ({
      lineNo: r.line.lineNo,
      variantId: r.line.variantId,
      quantity: r.quantity.toString(),
      quantityCredited: r.credited.toString(),
    })),
    creditNoteId: creditNote?.id ?? null,
    creditNoteTotalMinor: creditNote?.totalMinor ?? 0,
  });
  return getOrder(tx.db, companyId, orderId);
}
