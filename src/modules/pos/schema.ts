import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
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
const stamp = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

// A till at a store: it sells out of one stock location and keeps its cash in one cash journal.
export const posRegisters = pgTable(
  'pos_registers',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    stockLocationId: uuid('stock_location_id').notNull(),
    /** The accounting cash journal its cash is booked in (null: the company's first cash journal). */
    cashJournalId: uuid('cash_journal_id'),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    /** Cash totals are rounded to this many minor units (5 for 0.05 CHF); 1 means none. */
    cashIncrementMinor: integer('cash_increment_minor').notNull().default(1),
    /** A line or order discount above this needs a manager's PIN; null: any discount goes. */
    discountLimitPercent: numeric('discount_limit_percent', { precision: 7, scale: 4 }),
    /** Refunds at this till need a manager's PIN. */
    returnsNeedApproval: boolean('returns_need_approval').notNull().default(false),
    lastReceiptNumber: integer('last_receipt_number').notNull().default(0),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    uniqueIndex('pos_registers_code_unique').on(t.companyId, t.code),
    check('pos_registers_increment_check', sql`${t.cashIncrementMinor} between 1 and 1000`),
    companyIsolation(),
  ],
).enableRLS();

// A cashier's session at a register: opened with a counted float, closed with counted cash.
export const posShifts = pgTable(
  'pos_shifts',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    registerId: uuid('register_id').notNull(),
    state: text('state', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    openedBy: uuid('opened_by'),
    openedAt: stamp('opened_at').notNull().defaultNow(),
    openingFloatMinor: minor('opening_float_minor').notNull(),
    closedBy: uuid('closed_by'),
    closedAt: stamp('closed_at'),
    expectedCashMinor: minor('expected_cash_minor'),
    countedCashMinor: minor('counted_cash_minor'),
    varianceMinor: minor('variance_minor'),
    /** The count at close: denomination (e.g. "20.00") → how many. */
    denominations: jsonb('denominations').$type<Record<string, number>>(),
    /** The Z report, frozen at close. */
    closingReport: jsonb('closing_report'),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.registerId],
      foreignColumns: [posRegisters.companyId, posRegisters.id],
    }),
    // One open shift per register, also when two cashiers open at once.
    uniqueIndex('pos_shifts_one_open').on(t.companyId, t.registerId).where(sql`${t.state} = 'open'`),
    index('pos_shifts_register_idx').on(t.companyId, t.registerId, t.openedAt),
    check('pos_shifts_state_check', sql`${t.state} in ('open', 'closed')`),
    check('pos_shifts_float_check', sql`${t.openingFloatMinor} >= 0`),
    companyIsolation(),
    // A cashier limited to their own shifts sees only those.
    recordRule('pos.shift', 'opened_by'),
  ],
).enableRLS();

// A completed sale or return. The register and the till's own id for it are unique: a sale synced
// twice from an offline till is recorded once, for ever.
export const posSales = pgTable(
  'pos_sales',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: ['sale', 'return'] }).notNull(),
    registerId: uuid('register_id').notNull(),
    shiftId: uuid('shift_id').notNull(),
    clientSaleId: text('client_sale_id').notNull(),
    receiptNumber: text('receipt_number').notNull(),
    customerId: uuid('customer_id'),
    cashierId: uuid('cashier_id'),
    /** The manager whose PIN allowed a discount over the till's limit or a refund. */
    approvedBy: uuid('approved_by'),
    returnsSaleId: uuid('returns_sale_id'),
    soldAt: stamp('sold_at').notNull(),
    syncedAt: stamp('synced_at').notNull().defaultNow(),
    offline: boolean('offline').notNull().default(false),
    /** Stock ran out meanwhile: recorded anyway (the goods left the shop) and shown to the stock manager. */
    stockFlagged: boolean('stock_flagged').notNull().default(false),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    orderDiscountPercent: numeric('order_discount_percent', { precision: 7, scale: 4 })
      .notNull()
      .default('0'),
    netMinor: minor('net_minor').notNull(),
    taxMinor: minor('tax_minor').notNull(),
    totalMinor: minor('total_minor').notNull(),
    roundingMinor: minor('rounding_minor').notNull().default(0),
    changeMinor: minor('change_minor').notNull().default(0),
    taxes: jsonb('taxes')
      .$type<
        { taxId: string; code: string; ratePercent: string | null; baseMinor: number; amountMinor: number }[]
      >()
      .notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.registerId],
      foreignColumns: [posRegisters.companyId, posRegisters.id],
    }),
    foreignKey({ columns: [t.companyId, t.shiftId], foreignColumns: [posShifts.companyId, posShifts.id] }),
    foreignKey({ columns: [t.companyId, t.returnsSaleId], foreignColumns: [t.companyId, t.id] }),
    uniqueIndex('pos_sales_client_unique').on(t.companyId, t.registerId, t.clientSaleId),
    uniqueIndex('pos_sales_receipt_unique').on(t.companyId, t.registerId, t.receiptNumber),
    index('pos_sales_shift_idx').on(t.companyId, t.shiftId),
    index('pos_sales_sold_idx').on(t.companyId, t.soldAt),
    check('pos_sales_kind_check', sql`${t.kind} in ('sale', 'return')`),
    check('pos_sales_totals_check', sql`${t.totalMinor} = ${t.netMinor} + ${t.taxMinor}`),
    companyIsolation(),
  ],
).enableRLS();

export const posSaleLines = pgTable(
  'pos_sale_lines',
  {
    companyId: companyIdColumn(),
    saleId: uuid('sale_id').notNull(),
    lineNo: integer('line_no').notNull(),
    variantId: uuid('variant_id').notNull(),
    description: text('description').notNull(),
    sku: text('sku'),
    quantity: numeric('quantity', { precision: 20, scale: 6 }).notNull(),
    /** The price the customer paid per unit, taxes included. */
    unitPrice: numeric('unit_price', { precision: 20, scale: 6 }).notNull(),
    discountPercent: numeric('discount_percent', { precision: 7, scale: 4 }).notNull().default('0'),
    taxIds: uuid('tax_ids').array().notNull(),
    netMinor: minor('net_minor').notNull(),
    taxMinor: minor('tax_minor').notNull(),
    /** For a return: the line of the original sale it brings back. */
    returnsLineNo: integer('returns_line_no'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.saleId, t.lineNo] }),
    foreignKey({ columns: [t.companyId, t.saleId], foreignColumns: [posSales.companyId, posSales.id] }),
    check('pos_sale_lines_quantity_check', sql`${t.quantity} > 0`),
    companyIsolation(),
  ],
).enableRLS();

export const posPayments = pgTable(
  'pos_payments',
  {
    companyId: companyIdColumn(),
    saleId: uuid('sale_id').notNull(),
    position: integer('position').notNull(),
    method: text('method', { enum: ['cash', 'card', 'store_credit'] }).notNull(),
    amountMinor: minor('amount_minor').notNull(),
    reference: text('reference'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.saleId, t.position] }),
    foreignKey({ columns: [t.companyId, t.saleId], foreignColumns: [posSales.companyId, posSales.id] }),
    check('pos_payments_method_check', sql`${t.method} in ('cash', 'card', 'store_credit')`),
    check('pos_payments_amount_check', sql`${t.amountMinor} > 0`),
    companyIsolation(),
  ],
).enableRLS();

// Cash put into or taken out of the drawer during a shift, with the reason.
export const posCashMoves = pgTable(
  'pos_cash_moves',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    shiftId: uuid('shift_id').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    amountMinor: minor('amount_minor').notNull(),
    reason: text('reason').notNull(),
    movedAt: stamp('moved_at').notNull().defaultNow(),
    movedBy: uuid('moved_by'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId, t.shiftId], foreignColumns: [posShifts.companyId, posShifts.id] }),
    check('pos_cash_moves_amount_check', sql`${t.amountMinor} > 0`),
    check('pos_cash_moves_direction_check', sql`${t.direction} in ('in', 'out')`),
    companyIsolation(),
  ],
).enableRLS();

// A manager's PIN for overrides at the till (discounts over the limit, refunds), argon2id-hashed.
// Wrong PINs count up and lock the PIN for a while, so four digits cannot be guessed at the counter.
export const posManagerPins = pgTable(
  'pos_manager_pins',
  {
    companyId: companyIdColumn(),
    userId: uuid('user_id').notNull(),
    pinHash: text('pin_hash').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: stamp('locked_until'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.userId] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    companyIsolation(),
  ],
).enableRLS();
