import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies } from '../../platform/auth/schema.ts';
import { auditColumns, companyIdColumn, companyIsolation } from '../../platform/db/columns.ts';

export const inventoryWarehouses = pgTable(
  'inventory_warehouses',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** refuse: a move that would take stock below zero is refused (the default). */
    negativeStock: text('negative_stock', { enum: ['refuse', 'allow'] })
      .notNull()
      .default('refuse'),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    uniqueIndex('inventory_warehouses_code_unique').on(t.companyId, t.code),
    check('inventory_warehouses_negative_check', sql`${t.negativeStock} in ('refuse', 'allow')`),
    companyIsolation(),
  ],
).enableRLS();

// Every quantity change is a move between two locations. Internal locations (shelves, bins) belong
// to a warehouse; virtual ones (supplier, customer, loss, production, transit) stand for the world
// outside, so that goods never appear or vanish without a counterpart.
export const inventoryLocations = pgTable(
  'inventory_locations',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    warehouseId: uuid('warehouse_id'),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    kind: text('kind', {
      enum: ['internal', 'supplier', 'customer', 'loss', 'production', 'transit'],
    }).notNull(),
    archived: boolean('archived').notNull().default(false),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.warehouseId],
      foreignColumns: [inventoryWarehouses.companyId, inventoryWarehouses.id],
    }),
    foreignKey({ columns: [t.companyId, t.parentId], foreignColumns: [t.companyId, t.id] }),
    check(
      'inventory_locations_kind_check',
      sql`${t.kind} in ('internal', 'supplier', 'customer', 'loss', 'production', 'transit')`,
    ),
    // Internal locations are in a warehouse; virtual ones are not.
    check(
      'inventory_locations_warehouse_check',
      sql`(${t.kind} = 'internal') = (${t.warehouseId} is not null)`,
    ),
    uniqueIndex('inventory_locations_name_unique').on(t.companyId, t.warehouseId, t.parentId, t.name),
    companyIsolation(),
  ],
).enableRLS();

// The stock ledger: append-only (a trigger refuses updates and deletes). A mistake is corrected by
// a reverse move that names the move it reverses.
export const inventoryMoves = pgTable(
  'inventory_moves',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    variantId: uuid('variant_id').notNull(),
    fromLocationId: uuid('from_location_id').notNull(),
    toLocationId: uuid('to_location_id').notNull(),
    quantity: numeric('quantity', { precision: 20, scale: 6 }).notNull(),
    reason: text('reason').notNull(),
    referenceType: text('reference_type'),
    referenceId: text('reference_id'),
    reversesMoveId: uuid('reverses_move_id'),
    /** Recorded although it took stock below zero (what already happened, e.g. an offline sale). */
    forcedNegative: boolean('forced_negative').notNull().default(false),
    idempotencyKey: text('idempotency_key'),
    note: text('note'),
    postedAt: timestamp('posted_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    postedBy: uuid('posted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.fromLocationId],
      foreignColumns: [inventoryLocations.companyId, inventoryLocations.id],
    }),
    foreignKey({
      columns: [t.companyId, t.toLocationId],
      foreignColumns: [inventoryLocations.companyId, inventoryLocations.id],
    }),
    foreignKey({ columns: [t.companyId, t.reversesMoveId], foreignColumns: [t.companyId, t.id] }),
    check('inventory_moves_quantity_check', sql`${t.quantity} > 0`),
    check('inventory_moves_locations_check', sql`${t.fromLocationId} <> ${t.toLocationId}`),
    index('inventory_moves_variant_idx').on(t.companyId, t.variantId, t.postedAt),
    index('inventory_moves_reference_idx').on(t.companyId, t.referenceType, t.referenceId),
    uniqueIndex('inventory_moves_idempotency_unique')
      .on(t.companyId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // A move is reversed at most once.
    uniqueIndex('inventory_moves_reversal_unique')
      .on(t.companyId, t.reversesMoveId)
      .where(sql`${t.reversesMoveId} is not null`),
    companyIsolation(),
  ],
).enableRLS();

// On hand and reserved per variant and internal location, kept by the same transaction as the
// moves; `tandem check` verifies it equals the sum of moves. It may go below zero only through a
// forced move, and then carries the flag that lists it for the stock manager.
export const inventoryStock = pgTable(
  'inventory_stock',
  {
    companyId: companyIdColumn(),
    variantId: uuid('variant_id').notNull(),
    locationId: uuid('location_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    quantityOnHand: numeric('quantity_on_hand', { precision: 20, scale: 6 }).notNull().default('0'),
    quantityReserved: numeric('quantity_reserved', { precision: 20, scale: 6 }).notNull().default('0'),
    negativeFlagged: boolean('negative_flagged').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.variantId, t.locationId] }),
    foreignKey({
      columns: [t.companyId, t.locationId],
      foreignColumns: [inventoryLocations.companyId, inventoryLocations.id],
    }),
    check('inventory_stock_on_hand_check', sql`${t.quantityOnHand} >= 0 or ${t.negativeFlagged}`),
    check('inventory_stock_reserved_check', sql`${t.quantityReserved} >= 0`),
    index('inventory_stock_warehouse_idx').on(t.companyId, t.warehouseId, t.variantId),
    companyIsolation(),
  ],
).enableRLS();

// Stock promised to an order line. available = on hand − reserved.
export const inventoryReservations = pgTable(
  'inventory_reservations',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    variantId: uuid('variant_id').notNull(),
    locationId: uuid('location_id').notNull(),
    quantity: numeric('quantity', { precision: 20, scale: 6 }).notNull(),
    referenceType: text('reference_type').notNull(),
    referenceId: text('reference_id').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.variantId, t.locationId],
      foreignColumns: [inventoryStock.companyId, inventoryStock.variantId, inventoryStock.locationId],
    }),
    check('inventory_reservations_quantity_check', sql`${t.quantity} > 0`),
    index('inventory_reservations_reference_idx').on(t.companyId, t.referenceType, t.referenceId),
    companyIsolation(),
  ],
).enableRLS();
