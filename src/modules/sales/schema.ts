import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../../platform/auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation, recordRule } from '../../platform/db/columns.ts';

const minor = (name: string) => bigint(name, { mode: 'number' });
const qty = (name: string) => numeric(name, { precision: 20, scale: 6 });

export const ORDER_STATES = ['quotation', 'confirmed', 'done', 'cancelled'] as const;

// A quotation, then a confirmed order, delivered in one or several deliveries and invoiced per
// order or per delivery. Prices are before tax (business customers); the till sells shelf prices.
export const salesOrders = pgTable(
  'sales_orders',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    state: text('state', { enum: ORDER_STATES }).notNull().default('quotation'),
    customerId: uuid('customer_id').notNull(),
    orderDate: date('order_date').notNull(),
    validUntil: date('valid_until'),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    paymentTermDays: integer('payment_term_days'),
    customerReference: text('customer_reference'),
    warehouseId: uuid('warehouse_id').notNull(),
    stockLocationId: uuid('stock_location_id').notNull(),
    invoicePolicy: text('invoice_policy', { enum: ['order', 'delivery'] })
      .notNull()
      .default('delivery'),
    note: text('note'),
    netMinor: minor('net_minor').notNull(),
    taxMinor: minor('tax_minor').notNull(),
    totalMinor: minor('total_minor').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, precision: 3 }),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    uniqueIndex('sales_orders_number_unique').on(t.companyId, t.number),
    index('sales_orders_customer_idx').on(t.companyId, t.customerId, t.orderDate),
    index('sales_orders_state_idx').on(t.companyId, t.state, t.createdAt),
    check('sales_orders_state_check', sql`${t.state} in ('quotation', 'confirmed', 'done', 'cancelled')`),
    check('sales_orders_policy_check', sql`${t.invoicePolicy} in ('order', 'delivery')`),
    check('sales_orders_totals_check', sql`${t.totalMinor} = ${t.netMinor} + ${t.taxMinor}`),
    companyIsolation(),
    // A sales rep limited to their own quotations and orders sees only those.
    recordRule('sales.order', 'created_by'),
  ],
).enableRLS();

export const salesOrderLines = pgTable(
  'sales_order_lines',
  {
    companyId: companyIdColumn(),
    orderId: uuid('order_id').notNull(),
    lineNo: integer('line_no').notNull(),
    variantId: uuid('variant_id').notNull(),
    description: text('description').notNull(),
    sku: text('sku'),
    unitCode: text('unit_code').notNull(),
    stocked: boolean('stocked').notNull(),
    quantity: qty('quantity').notNull(),
    unitPrice: numeric('unit_price', { precision: 20, scale: 6 }).notNull(),
    discountPercent: numeric('discount_percent', { precision: 7, scale: 4 }).notNull().default('0'),
    taxIds: uuid('tax_ids').array().notNull(),
    netMinor: minor('net_minor').notNull(),
    taxMinor: minor('tax_minor').notNull(),
    quantityDelivered: qty('quantity_delivered').notNull().default('0'),
    quantityInvoiced: qty('quantity_invoiced').notNull().default('0'),
    /** The stock reserved for what is still to deliver (inventory's reservation): all of it, or what was available. */
    reservationId: uuid('reservation_id'),
    quantityReserved: qty('quantity_reserved').notNull().default('0'),
    /** Brought back by the customer, and of that what a credit note gave back the money for. */
    quantityReturned: qty('quantity_returned').notNull().default('0'),
    quantityCredited: qty('quantity_credited').notNull().default('0'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.orderId, t.lineNo] }),
    foreignKey({
      columns: [t.companyId, t.orderId],
      foreignColumns: [salesOrders.companyId, salesOrders.id],
    }),
    check('sales_order_lines_quantity_check', sql`${t.quantity} > 0`),
    check(
      'sales_order_lines_delivered_check',
      sql`${t.quantityDelivered} >= 0 and ${t.quantityDelivered} <= ${t.quantity}`,
    ),
    check(
      'sales_order_lines_invoiced_check',
      sql`${t.quantityInvoiced} >= 0 and ${t.quantityInvoiced} <= ${t.quantity}`,
    ),
    check(
      'sales_order_lines_returned_check',
      sql`${t.quantityReturned} >= 0 and ${t.quantityReturned} <= ${t.quantityDelivered}`,
    ),
    check(
      'sales_order_lines_credited_check',
      sql`${t.quantityCredited} >= 0 and ${t.quantityCredited} <= ${t.quantityInvoiced} and ${t.quantityCredited} <= ${t.quantityReturned}`,
    ),
    companyIsolation(),
  ],
).enableRLS();

export const salesDeliveries = pgTable(
  'sales_deliveries',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    number: text('number').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    deliveredBy: uuid('delivered_by'),
    invoiceId: uuid('invoice_id'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.orderId],
      foreignColumns: [salesOrders.companyId, salesOrders.id],
    }),
    uniqueIndex('sales_deliveries_number_unique').on(t.companyId, t.number),
    companyIsolation(),
  ],
).enableRLS();

export const salesDeliveryLines = pgTable(
  'sales_delivery_lines',
  {
    companyId: companyIdColumn(),
    deliveryId: uuid('delivery_id').notNull(),
    lineNo: integer('line_no').notNull(),
    quantity: qty('quantity').notNull(),
    moveId: uuid('move_id'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.deliveryId, t.lineNo] }),
    foreignKey({
      columns: [t.companyId, t.deliveryId],
      foreignColumns: [salesDeliveries.companyId, salesDeliveries.id],
    }),
    check('sales_delivery_lines_quantity_check', sql`${t.quantity} > 0`),
    companyIsolation(),
  ],
).enableRLS();

// Goods a customer brought back against an order: they come back into the order's warehouse, and
// what was invoiced of them is credited by a credit note posted in the same transaction.
export const salesReturns = pgTable(
  'sales_returns',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    orderId: uuid('order_id').notNull(),
    number: text('number').notNull(),
    reason: text('reason').notNull(),
    returnedAt: timestamp('returned_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    returnedBy: uuid('returned_by'),
    creditNoteId: uuid('credit_note_id'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.orderId],
      foreignColumns: [salesOrders.companyId, salesOrders.id],
    }),
    uniqueIndex('sales_returns_number_unique').on(t.companyId, t.number),
    index('sales_returns_order_idx').on(t.companyId, t.orderId),
    companyIsolation(),
  ],
).enableRLS();

export const salesReturnLines = pgTable(
  'sales_return_lines',
  {
    companyId: companyIdColumn(),
    returnId: uuid('return_id').notNull(),
    lineNo: integer('line_no').notNull(),
    quantity: qty('quantity').notNull(),
    quantityCredited: qty('quantity_credited').notNull(),
    moveId: uuid('move_id'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.returnId, t.lineNo] }),
    foreignKey({
      columns: [t.companyId, t.returnId],
      foreignColumns: [salesReturns.companyId, salesReturns.id],
    }),
    check('sales_return_lines_quantity_check', sql`${t.quantity} > 0`),
    check(
      'sales_return_lines_credited_check',
      sql`${t.quantityCredited} >= 0 and ${t.quantityCredited} <= ${t.quantity}`,
    ),
    companyIsolation(),
  ],
).enableRLS();

// Per-company counters for order and delivery numbers.
export const salesCounters = pgTable(
  'sales_counters',
  {
    companyId: companyIdColumn(),
    name: text('name').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.name] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    companyIsolation(),
  ],
).enableRLS();
