import { Decimal } from 'decimal.js';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { fromMinor, toMinor } from '../../../shared/money.ts';
import { receivableBalanceMinor } from '../../accounting/index.ts';
import { getParty } from '../../crm/index.ts';
import {
  postMoves,
  releaseReservation,
  reserve,
  stockLevels,
  virtualLocations,
} from '../../inventory/index.ts';
import type { DeliverInput, SalesOrder } from '../contracts.ts';
import { SalesErrors } from '../errors.ts';
import { OrderCancelled, OrderConfirmed, OrderDelivered } from '../events.ts';
import { salesDeliveries, salesDeliveryLines, salesOrderLines, salesOrders } from '../schema.ts';
import { invoiceOrder } from './invoice-order.ts';
import { getOrder, nextNumber, orderLines, orderRow } from './orders.ts';

type LineRow = Awaited<ReturnType<typeof orderLines>>[number];
const facts = (order: {
  id: string;
  number: string;
  customerId: string;
  totalMinor: number;
  currencyCode: string;
}) => ({
  orderId: order.id,
  number: order.number,
  customerId: order.customerId,
  totalMinor: order.totalMinor,
  currencyCode: order.currencyCode,
});

// Stock rows are locked in one order across transactions (by variant, as inventory's postMoves
// does for one location), so two orders holding the same products in another line order cannot
// deadlock.
const inLockOrder = (lines: LineRow[]) =>
  [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId) || a.lineNo - b.lineNo);

// What the customer would owe with this order: open receivables plus confirmed orders not yet invoiced.
async function exposureMinor(tx: Tx, customerId: string, orderId: string): Promise<number> {
  const { companyId } = tx.ctx;
  const open = await tx.db
    .select({ id: salesOrders.id, totalMinor: salesOrders.totalMinor })
    .from(salesOrders)
    .where(
      and(
        eq(salesOrders.companyId, companyId),
        eq(salesOrders.customerId, customerId),
        inArray(salesOrders.state, ['confirmed']),
      ),
    );
  let uninvoiced = 0;
  for (const order of [...open.filter((o) => o.id !== orderId), { id: orderId }]) {
    for (const line of await orderLines(tx.db, companyId, order.id)) {
      const left = new Decimal(line.quantity).minus(line.quantityInvoiced).div(line.quantity);
      uninvoiced += Math.round(left.times(line.netMinor + line.taxMinor).toNumber());
    }
  }
  return (await receivableBalanceMinor(tx.db, companyId, customerId)) + uninvoiced;
}

// Holds what stock there is for a line's remaining quantity; what is missing waits for stock.
async function holdStock(
  tx: Tx,
  order: { id: string; number: string; stockLocationId: string },
  line: LineRow,
): Promise<void> {
  const remaining = new Decimal(line.quantity).minus(line.quantityDelivered);
  if (!line.stocked || remaining.lte(0)) return;
  const [level] = await stockLevels(tx.db, tx.ctx.companyId, {
    variantId: line.variantId,
    locationId: order.stockLocationId,
  });
  const held = Decimal.min(remaining, Decimal.max(new Decimal(level?.available ?? '0'), 0));
  const reservation = held.gt(0)
    ? await reserve(tx, {
        variantId: line.variantId,
        locationId: order.stockLocationId,
        quantity: held.toString(),
        referenceType: 'sales.order',
        referenceId: order.number,
      })
    : null;
  await tx.db
    .update(salesOrderLines)
    .set({ reservationId: reservation?.id ?? null, quantityReserved: held.toString() })
    .where(
      and(
        eq(salesOrderLines.companyId, tx.ctx.companyId),
        eq(salesOrderLines.orderId, order.id),
        eq(salesOrderLines.lineNo, line.lineNo),
      ),
    );
}

async function releaseStock(tx: Tx, orderId: string, line: LineRow): Promise<void> {
  if (!line.reservationId) return;
  await releaseReservation(tx, line.reservationId);
  await tx.db
    .update(salesOrderLines)
    .set({ reservationId: null, quantityReserved: '0' })
    .where(
      and(
        eq(salesOrderLines.companyId, tx.ctx.companyId),
        eq(salesOrderLines.orderId, orderId),
        eq(salesOrderLines.lineNo, line.lineNo),
      ),
    );
}

/**
 * Confirms a quotation: refused when it takes the customer over their credit limit; reserves the
 * stock there is for each line (what is missing waits for stock).
 */
export async function confirmOrder(tx: Tx, orderId: string): Promise<SalesOrder> {
  const { companyId } = tx.ctx;
  const order = await orderRow(tx.db, companyId, orderId, true);
  if (order.state !== 'quotation') throw SalesErrors.not_a_quotation(`${order.number} is ${order.state}`);
  const customer = await getParty(tx.db, companyId, order.customerId);
  if (customer.creditLimit !== null) {
    const limitMinor = toMinor(customer.creditLimit, order.currencyCode);
    const exposure = await exposureMinor(tx, customer.id, order.id);
    if (exposure > limitMinor) {
      throw SalesErrors.credit_limit_exceeded(
        `${customer.name} would owe ${fromMinor(exposure, order.currencyCode)} against a limit of ${customer.creditLimit} ${order.currencyCode}`,
      );
    }
  }
  for (const line of inLockOrder(await orderLines(tx.db, companyId, orderId)))
    await holdStock(tx, order, line);
  await tx.db
    .update(salesOrders)
    .set({
      state: 'confirmed',
      confirmedAt: new Date(),
      version: order.version + 1,
      updatedAt: new Date(),
      updatedBy: tx.ctx.actor.id,
    })
    .where(and(eq(salesOrders.companyId, companyId), eq(salesOrders.id, orderId)));
  tx.audit('sales.order', orderId, 'confirm', { state: { old: 'quotation', new: 'confirmed' } });
  await tx.emit(OrderConfirmed, orderId, facts(order));
  return getOrder(tx.db, companyId, orderId);
}

function quantitiesToDeliver(lines: LineRow[], input: DeliverInput): Map<number, Decimal> {
  const wanted = new Map<number, Decimal>();
  if (input.lines) {
    for (const [index, line] of input.lines.entries()) {
      const row = lines.find((l) => l.lineNo === line.lineNo);
      const left = row ? new Decimal(row.quantity).minus(row.quantityDelivered) : new Decimal(0);
      if (!row || new Decimal(line.quantity).gt(left)) {
        throw SalesErrors.delivery_invalid(
          `lines.${index}: line ${line.lineNo} has ${left.toString()} left to deliver`,
        );
      }
      wanted.set(line.lineNo, (wanted.get(line.lineNo) ?? new Decimal(0)).plus(line.quantity));
    }
  } else {
    // Everything there is: what was reserved, and services in full.
    for (const row of lines) {
      const left = new Decimal(row.quantity).minus(row.quantityDelivered);
      const take = row.stocked ? Decimal.min(left, row.quantityReserved) : left;
      if (take.gt(0)) wanted.set(row.lineNo, take);
    }
  }
  if (wanted.size === 0) throw SalesErrors.nothing_to_deliver('nothing reserved or left to deliver');
  return wanted;
}

/**
 * Delivers (part of) a confirmed order: the goods leave the warehouse, the rest stays reserved as a
 * backorder, and with invoicing per delivery the delivery is invoiced at once.
 */
export async function deliverOrder(tx: Tx, orderId: string, input: DeliverInput): Promise<SalesOrder> {
  const { companyId } = tx.ctx;
  const order = await orderRow(tx.db, companyId, orderId, true);
  if (order.state !== 'confirmed') throw SalesErrors.not_confirmed(`${order.number} is ${order.state}`);
  const lines = await orderLines(tx.db, companyId, orderId);
  const wanted = quantitiesToDeliver(lines, input);
  const delivered = lines.filter((line) => wanted.has(line.lineNo));
  // Releasing locks the order's stock rows, in lock order; what follows touches only those rows.
  for (const line of inLockOrder(delivered)) await releaseStock(tx, orderId, line);
  const deliveryId = newId();
  const number = await nextNumber(tx, 'DO');
  const virtual = await virtualLocations(tx);
  const stocked = delivered.filter((line) => line.stocked);
  const moves = stocked.length
    ? await postMoves(
        tx,
        stocked.map((line) => ({
          variantId: line.variantId,
          fromLocationId: order.stockLocationId,
          toLocationId: virtual.customer,
          quantity: wanted.get(line.lineNo)!.toString(),
          reason: 'sales.delivery',
          referenceType: 'sales.delivery',
          referenceId: number,
        })),
      )
    : [];
  await tx.db
    .insert(salesDeliveries)
    .values({ companyId, id: deliveryId, orderId, number, deliveredBy: tx.ctx.actor.id });
  await tx.db.insert(salesDeliveryLines).values(
    delivered.map((line) => ({
      companyId,
      deliveryId,
      lineNo: line.lineNo,
      quantity: wanted.get(line.lineNo)!.toString(),
      moveId: moves[stocked.indexOf(line)]?.id ?? null,
    })),
  );
  for (const line of delivered) {
    const after = new Decimal(line.quantityDelivered).plus(wanted.get(line.lineNo)!);
    await tx.db
      .update(salesOrderLines)
      .set({ quantityDelivered: after.toString() })
      .where(
        and(
          eq(salesOrderLines.companyId, companyId),
          eq(salesOrderLines.orderId, orderId),
          eq(salesOrderLines.lineNo, line.lineNo),
        ),
      );
    await holdStock(tx, order, { ...line, quantityDelivered: after.toString(), reservationId: null });
  }
  const complete = (await orderLines(tx.db, companyId, orderId)).every((l) =>
    new Decimal(l.quantityDelivered).eq(l.quantity),
  );
  tx.audit('sales.order', orderId, 'deliver', {
    delivery: { old: null, new: number },
    complete: { old: null, new: complete },
  });
  await tx.emit(OrderDelivered, orderId, {
    ...facts(order),
    deliveryId,
    deliveryNumber: number,
    lines: delivered.map((line) => ({
      lineNo: line.lineNo,
      variantId: line.variantId,
      quantity: wanted.get(line.lineNo)!.toString(),
    })),
    complete,
  });
  if (order.invoicePolicy === 'delivery') await invoiceOrder(tx, orderId, { deliveryId });
  if (complete) await markDone(tx, orderId);
  return getOrder(tx.db, companyId, orderId);
}

async function markDone(tx: Tx, orderId: string): Promise<void> {
  await tx.db
    .update(salesOrders)
    .set({ state: 'done', updatedAt: new Date(), updatedBy: tx.ctx.actor.id })
    .where(and(eq(salesOrders.companyId, tx.ctx.companyId), eq(salesOrders.id, orderId)));
}

/** Cancels a quotation or what is left of an order: its reservations are released. */
export async function cancelOrder(tx: Tx, orderId: string): Promise<SalesOrder> {
  const { companyId } = tx.ctx;
  const order = await orderRow(tx.db, companyId, orderId, true);
  if (order.state === 'cancelled' || order.state === 'done')
    throw SalesErrors.not_confirmed(`${order.number} is ${order.state}`);
  const lines = await orderLines(tx.db, companyId, orderId);
  for (const line of inLockOrder(lines)) await releaseStock(tx, orderId, line);
  const anyDelivered = lines.some((l) => new Decimal(l.quantityDelivered).gt(0));
  await tx.db
    .update(salesOrders)
    .set({
      state: anyDelivered ? 'done' : 'cancelled',
      version: order.version + 1,
      updatedAt: new Date(),
      updatedBy: tx.ctx.actor.id,
    })
    .where(and(eq(salesOrders.companyId, companyId), eq(salesOrders.id, orderId)));
  tx.audit('sales.order', orderId, 'cancel', {
    state: { old: order.state, new: anyDelivered ? 'done' : 'cancelled' },
  });
  await tx.emit(OrderCancelled, orderId, facts(order));
  return getOrder(tx.db, companyId, orderId);
}
