import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { createInvoice, invoiceIdsForSource, postInvoice } from '../../accounting/index.ts';
import type { SalesOrder } from '../contracts.ts';
import { SalesErrors } from '../errors.ts';
import { OrderInvoiced } from '../events.ts';
import { salesDeliveries, salesOrderLines } from '../schema.ts';
import { getOrder, orderLines, orderRow } from './orders.ts';

/**
 * Invoices what an order has not been invoiced for yet: what was delivered (invoicing per
 * delivery) or what was ordered (per order). The invoice is posted in the same transaction.
 */
export async function invoiceOrder(
  tx: Tx,
  orderId: string,
  options: { deliveryId?: string } = {},
): Promise<SalesOrder> {
  const { companyId } = tx.ctx;
  const order = await orderRow(tx.db, companyId, orderId, true);
  if (order.state !== 'confirmed' && order.state !== 'done')
    throw SalesErrors.not_confirmed(`${order.number} is ${order.state}`);
  const lines = await orderLines(tx.db, companyId, orderId);
  // What came back and was not credited is no longer owed: it is never invoiced.
  const due = lines
    .map((line) => ({
      line,
      quantity: new Decimal(order.invoicePolicy === 'delivery' ? line.quantityDelivered : line.quantity)
        .minus(line.quantityReturned)
        .minus(new Decimal(line.quantityInvoiced).minus(line.quantityCredited)),
    }))
    .filter((d) => d.quantity.gt(0));
  if (due.length === 0) throw SalesErrors.nothing_to_invoice(`${order.number} is invoiced for all it may be`);
  const sequence = (await invoiceIdsForSource(tx.db, companyId, 'sales.order', `${orderId}#`)).length + 1;
  const draft = await createInvoice(tx, {
    kind: 'customer_invoice',
    partnerId: order.customerId,
    invoiceDate: new Date().toISOString().slice(0, 10),
    paymentTermDays: order.paymentTermDays,
    currencyCode: order.currencyCode,
    reference: order.customerReference ?? order.number,
    buyerReference: order.customerReference ?? order.number,
    note: `Order ${order.number}`,
    sourceType: 'sales.order',
    sourceId: `${orderId}#${sequence}`,
    lines: due.map(({ line, quantity }) => ({
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
  const invoice = await postInvoice(tx, draft.id);
  for (const { line, quantity } of due) {
    await tx.db
      .update(salesOrderLines)
      .set({ quantityInvoiced: quantity.plus(line.quantityInvoiced).toString() })
      .where(
        and(
          eq(salesOrderLines.companyId, companyId),
          eq(salesOrderLines.orderId, orderId),
          eq(salesOrderLines.lineNo, line.lineNo),
        ),
      );
  }
  if (options.deliveryId) {
    await tx.db
      .update(salesDeliveries)
      .set({ invoiceId: invoice.id })
      .where(and(eq(salesDeliveries.companyId, companyId), eq(salesDeliveries.id, options.deliveryId)));
  }
  tx.audit('sales.order', orderId, 'invoice', { invoice: { old: null, new: invoice.number } });
  await tx.emit(OrderInvoiced, orderId, {
    orderId,
    number: order.number,
    customerId: order.customerId,
    totalMinor: order.totalMinor,
    currencyCode: order.currencyCode,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number!,
    invoiceTotalMinor: invoice.totalMinor,
  });
  return getOrder(tx.db, companyId, orderId);
}
