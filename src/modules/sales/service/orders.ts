import { Decimal } from 'decimal.js';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import { fromMinor } from '../../../shared/money.ts';
import { computeTaxes } from '../../../shared/tax.ts';
import {
  type AppliedTax,
  accountingSettings,
  invoiceIdsForSource,
  taxesForCategory,
} from '../../accounting/index.ts';
import { variantsForSale } from '../../catalog/index.ts';
import { getParty } from '../../crm/index.ts';
import { listWarehouses } from '../../inventory/index.ts';
import type { CreateQuotationInput, SalesOrder } from '../contracts.ts';
import { SalesErrors } from '../errors.ts';
import { salesCounters, salesDeliveries, salesOrderLines, salesOrders, salesReturns } from '../schema.ts';

type OrderRow = typeof salesOrders.$inferSelect;
const plain = (value: string) => (value.includes('.') ? value.replace(/\.?0+$/, '') : value);

/** The next number of a per-company series ('SO', 'DO'): `SO/2026/00042`. */
export async function nextNumber(tx: Tx, series: string): Promise<string> {
  const [row] = await tx.db
    .insert(salesCounters)
    .values({ companyId: tx.ctx.companyId, name: series, last: 1 })
    .onConflictDoUpdate({
      target: [salesCounters.companyId, salesCounters.name],
      set: { last: sql`${salesCounters.last} + 1` },
    })
    .returning({ last: salesCounters.last });
  return `${series}/${new Date().getUTCFullYear()}/${String(row!.last).padStart(5, '0')}`;
}

/** Lines priced from the catalogue (unless priced by hand) with their product's sale taxes. */
export async function priceLines(tx: Tx, currency: string, lines: CreateQuotationInput['lines']) {
  const { companyId } = tx.ctx;
  const items = await variantsForSale(
    tx.db,
    companyId,
    lines.map((l) => l.variantId),
  );
  const byCategory = new Map<string, AppliedTax[]>();
  const priced = [];
  for (const [index, line] of lines.entries()) {
    const item = items.get(line.variantId);
    if (!item || item.archived)
      throw SalesErrors.item_not_for_sale(`lines.${index}: no product on sale has the id ${line.variantId}`);
    if (!line.unitPrice && item.currencyCode !== currency) {
      throw SalesErrors.currency_mismatch(
        `lines.${index}: ${item.productName} is priced in ${item.currencyCode}; give its price in ${currency}`,
      );
    }
    if (!byCategory.has(item.taxCategory))
      byCategory.set(item.taxCategory, await taxesForCategory(tx.db, companyId, item.taxCategory, 'sale'));
    priced.push({
      variantId: item.variantId,
      description: item.productName,
      sku: item.sku,
      unitCode: item.unitCode,
      stocked: item.kind !== 'service',
      quantity: line.quantity,
      unitPrice: line.unitPrice ?? new Decimal(item.salePrice).toString(),
      discountPercent: line.discountPercent ?? '0',
      taxes: byCategory.get(item.taxCategory)!,
    });
  }
  const { taxRounding } = await accountingSettings(tx.db, companyId);
  const totals = computeTaxes(priced, currency, taxRounding);
  return { priced, totals };
}

export async function createQuotation(tx: Tx, input: CreateQuotationInput): Promise<SalesOrder> {
  const { companyId } = tx.ctx;
  const customer = await getParty(tx.db, companyId, input.customerId);
  if (!customer.isCustomer || customer.archived)
    throw SalesErrors.customer_invalid(`${customer.name} is not a customer`);
  const warehouse = (await listWarehouses(tx.db, companyId)).find((w) => w.id === input.warehouseId);
  if (!warehouse) throw SalesErrors.warehouse_not_found(`no warehouse has the id ${input.warehouseId}`);
  const { currencyCode } = await accountingSettings(tx.db, companyId);
  const { priced, totals } = await priceLines(tx, currencyCode, input.lines);
  const id = newId();
  await tx.db.insert(salesOrders).values({
    companyId,
    id,
    number: await nextNumber(tx, 'SO'),
    customerId: customer.id,
    orderDate: input.orderDate ?? new Date().toISOString().slice(0, 10),
    validUntil: input.validUntil ?? null,
    currencyCode,
    paymentTermDays: input.paymentTermDays ?? customer.paymentTermDays,
    customerReference: input.customerReference ?? null,
    warehouseId: warehouse.id,
    stockLocationId: warehouse.stockLocationId,
    invoicePolicy: input.invoicePolicy,
    note: input.note ?? null,
    netMinor: totals.netMinor,
    taxMinor: totals.taxMinor,
    totalMinor: totals.totalMinor,
    createdBy: tx.ctx.actor.id,
    updatedBy: tx.ctx.actor.id,
  });
  await tx.db.insert(salesOrderLines).values(
    priced.map((line, index) => ({
      companyId,
      orderId: id,
      lineNo: index + 1,
      variantId: line.variantId,
      description: line.description,
      sku: line.sku,
      unitCode: line.unitCode,
      stocked: line.stocked,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountPercent: line.discountPercent,
      taxIds: line.taxes.map((t) => t.id),
      netMinor: totals.lines[index]!.netMinor,
      taxMinor: totals.lines[index]!.grossMinor - totals.lines[index]!.netMinor,
    })),
  );
  const order = await getOrder(tx.db, companyId, id);
  tx.audit(
    'sales.order',
    id,
    'create',
    diffRecords(null, { number: order.number, customerId: order.customerId, total: order.total }),
  );
  return order;
}

export async function orderRow(db: Executor, companyId: string, id: string, lock = false): Promise<OrderRow> {
  const query = db
    .select()
    .from(salesOrders)
    .where(and(eq(salesOrders.companyId, companyId), eq(salesOrders.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw SalesErrors.order_not_found(`no quotation or order has the id ${id}`);
  return row;
}

export async function orderLines(db: Executor, companyId: string, orderId: string) {
  return db
    .select()
    .from(salesOrderLines)
    .where(and(eq(salesOrderLines.companyId, companyId), eq(salesOrderLines.orderId, orderId)))
    .orderBy(asc(salesOrderLines.lineNo));
}

export async function getOrder(db: Executor, companyId: string, id: string): Promise<SalesOrder> {
  const row = await orderRow(db, companyId, id);
  const lines = await orderLines(db, companyId, id);
  const deliveries = await db
    .select()
    .from(salesDeliveries)
    .where(and(eq(salesDeliveries.companyId, companyId), eq(salesDeliveries.orderId, id)))
    .orderBy(asc(salesDeliveries.deliveredAt));
  const returns = await db
    .select()
    .from(salesReturns)
    .where(and(eq(salesReturns.companyId, companyId), eq(salesReturns.orderId, id)))
    .orderBy(asc(salesReturns.returnedAt));
  const invoiceIds = await invoiceIdsForSource(db, companyId, 'sales.order', `${id}#`);
  const money = (minor: number) => fromMinor(minor, row.currencyCode);
  return {
    id: row.id,
    number: row.number,
    state: row.state,
    customerId: row.customerId,
    orderDate: row.orderDate,
    validUntil: row.validUntil,
    currencyCode: row.currencyCode,
    paymentTermDays: row.paymentTermDays,
    customerReference: row.customerReference,
    warehouseId: row.warehouseId,
    invoicePolicy: row.invoicePolicy,
    note: row.note,
    net: money(row.netMinor),
    tax: money(row.taxMinor),
    total: money(row.totalMinor),
    totalMinor: row.totalMinor,
    lines: lines.map((line) => ({
      lineNo: line.lineNo,
      variantId: line.variantId,
      description: line.description,
      sku: line.sku,
      quantity: plain(line.quantity),
      unitPrice: plain(line.unitPrice),
      discountPercent: plain(line.discountPercent),
      net: money(line.netMinor),
      tax: money(line.taxMinor),
      quantityDelivered: plain(line.quantityDelivered),
      quantityInvoiced: plain(line.quantityInvoiced),
      quantityReserved: plain(line.quantityReserved),
      quantityReturned: plain(line.quantityReturned),
      quantityCredited: plain(line.quantityCredited),
    })),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      number: d.number,
      deliveredAt: d.deliveredAt.toISOString(),
      invoiceId: d.invoiceId,
    })),
    returns: returns.map((r) => ({
      id: r.id,
      number: r.number,
      returnedAt: r.returnedAt.toISOString(),
      reason: r.reason,
      creditNoteId: r.creditNoteId,
    })),
    invoiceIds,
    version: row.version,
  };
}

export async function listOrders(
  db: Executor,
  companyId: string,
  query: { customerId?: string | undefined; state?: OrderRow['state'] | undefined; limit: number },
): Promise<SalesOrder[]> {
  const rows = await db
    .select({ id: salesOrders.id })
    .from(salesOrders)
    .where(
      and(
        eq(salesOrders.companyId, companyId),
        query.customerId ? eq(salesOrders.customerId, query.customerId) : undefined,
        query.state ? eq(salesOrders.state, query.state) : undefined,
      ),
    )
    .orderBy(desc(salesOrders.createdAt))
    .limit(query.limit);
  const orders: SalesOrder[] = [];
  for (const row of rows) orders.push(await getOrder(db, companyId, row.id));
  return orders;
}
