import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
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
    /** A receipt's unit cost in the company currency, and where it came from (null on other moves). */
    unitCost: numeric('unit_cost', { precision: 20, scale: 6 }),
    costSource: text('cost_source', { enum: ['move', 'product', 'none'] }),
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
    check(
      'inventory_moves_cost_check',
      sql`(${t.costSource} is null or ${t.costSource} in ('move', 'product', 'none'))
          and (${t.unitCost} is null) = (${t.costSource} is null) and (${t.unitCost} is null or ${t.unitCost} >= 0)`,
    ),
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

// Stock valuation. A company values each variant's stock company-wide (all warehouses and goods in
// transit together; docs/decisions/0019), by its category's method, in the company currency.
// Values are integers in minor units; unit costs and quantities NUMERIC.

const minor = (name: string) => bigint(name, { mode: 'number' });
const quantity = (name: string) => numeric(name, { precision: 20, scale: 6 });
const unitCost = (name: string) => numeric(name, { precision: 20, scale: 6 });
const postedAt = () => timestamp('posted_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
const moveKey = (t: { companyId: AnyPgColumn; moveId: AnyPgColumn }) =>
  foreignKey({
    columns: [t.companyId, t.moveId],
    foreignColumns: [inventoryMoves.companyId, inventoryMoves.id],
  });

// Per variant: quantity and value of the company's stock of it now, and the unit cost in force
// (the average, or for FIFO the last receipt's cost), which values what leaves past zero. Its row
// lock serialises the valuation of the variant; `tandem check` verifies it equals the entries.
export const inventoryValuations = pgTable(
  'inventory_valuations',
  {
    companyId: companyIdColumn(),
    variantId: uuid('variant_id').notNull(),
    method: text('method', { enum: ['fifo', 'average'] }).notNull(),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    quantity: quantity('quantity').notNull().default('0'),
    valueMinor: minor('value_minor').notNull().default(0),
    unitCost: unitCost('unit_cost').notNull().default('0'),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.variantId] }),
    foreignKey({ columns: [t.companyId], foreignColumns: [companies.id] }),
    check('inventory_valuations_method_check', sql`${t.method} in ('fifo', 'average')`),
    // No value without goods.
    check('inventory_valuations_zero_check', sql`${t.quantity} <> 0 or ${t.valueMinor} = 0`),
    companyIsolation(),
  ],
).enableRLS();

// The valuation ledger (append-only): what each move that changed the company's stock of a
// variant did to its quantity and value. Stock value at any date is the sum of the entries
// posted by then. Transfers between owned locations have none.
export const inventoryValuationEntries = pgTable(
  'inventory_valuation_entries',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    moveId: uuid('move_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    method: text('method', { enum: ['fifo', 'average'] }).notNull(),
    currencyCode: char('currency_code', { length: 3 }).notNull(),
    /** Signed: + goods came into stock. */
    quantity: quantity('quantity').notNull(),
    /** Signed: + stock value went up. Includes settlementMinor. */
    valueMinor: minor('value_minor').notNull(),
    /** The part of valueMinor that corrects earlier estimates (goods that left past zero). */
    settlementMinor: minor('settlement_minor').notNull().default(0),
    /** Quantity that left past zero, valued at an estimate until a receipt settles it. */
    shortfallQuantity: quantity('shortfall_quantity').notNull().default('0'),
    unitCost: unitCost('unit_cost').notNull(),
    postedAt: postedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    moveKey(t),
    uniqueIndex('inventory_valuation_entries_move_unique').on(t.companyId, t.moveId),
    index('inventory_valuation_entries_variant_idx').on(t.companyId, t.variantId, t.postedAt),
    check('inventory_valuation_entries_quantity_check', sql`${t.quantity} <> 0`),
    check('inventory_valuation_entries_shortfall_check', sql`${t.shortfallQuantity} >= 0`),
    companyIsolation(),
  ],
).enableRLS();

// FIFO cost layers: one per receipt of a FIFO-valued variant. Quantity, unit cost and value are
// fixed; what remains changes as issues take from the layer (a trigger refuses any other change),
// and `tandem check` verifies it equals the quantity less the consumptions.
export const inventoryCostLayers = pgTable(
  'inventory_cost_layers',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    variantId: uuid('variant_id').notNull(),
    moveId: uuid('move_id').notNull(),
    quantity: quantity('quantity').notNull(),
    unitCost: unitCost('unit_cost').notNull(),
    valueMinor: minor('value_minor').notNull(),
    quantityRemaining: quantity('quantity_remaining').notNull(),
    valueRemainingMinor: minor('value_remaining_minor').notNull(),
    postedAt: postedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    moveKey(t),
    uniqueIndex('inventory_cost_layers_move_unique').on(t.companyId, t.moveId),
    // Open layers, oldest first: what the next issue takes.
    index('inventory_cost_layers_open_idx')
      .on(t.companyId, t.variantId, t.postedAt, t.id)
      .where(sql`${t.quantityRemaining} > 0`),
    check('inventory_cost_layers_quantity_check', sql`${t.quantity} > 0`),
    check(
      'inventory_cost_layers_remaining_check',
      sql`${t.quantityRemaining} >= 0 and ${t.quantityRemaining} <= ${t.quantity}
          and (${t.quantityRemaining} > 0 or ${t.valueRemainingMinor} = 0)`,
    ),
    companyIsolation(),
  ],
).enableRLS();

// What each move took from a FIFO layer (append-only): + taken by an issue, − put back by its
// reversal. A receipt that settles a shortfall takes from its layer late, on behalf of the move
// that went short (settled_by_move_id names the receipt), so reversing that move puts them back.
export const inventoryLayerConsumptions = pgTable(
  'inventory_layer_consumptions',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    layerId: uuid('layer_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    moveId: uuid('move_id').notNull(),
    settledByMoveId: uuid('settled_by_move_id'),
    quantity: quantity('quantity').notNull(),
    valueMinor: minor('value_minor').notNull(),
    postedAt: postedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.layerId],
      foreignColumns: [inventoryCostLayers.companyId, inventoryCostLayers.id],
    }),
    moveKey(t),
    foreignKey({
      columns: [t.companyId, t.settledByMoveId],
      foreignColumns: [inventoryMoves.companyId, inventoryMoves.id],
    }),
    index('inventory_layer_consumptions_layer_idx').on(t.companyId, t.layerId),
    index('inventory_layer_consumptions_move_idx').on(t.companyId, t.moveId),
    check('inventory_layer_consumptions_quantity_check', sql`${t.quantity} <> 0`),
    companyIsolation(),
  ],
).enableRLS();

// FIFO shortfalls: goods a move took past the last layer (negative stock), valued at the last
// known cost. They stay open until a receipt's goods settle them (or the move is reversed); only
// what is open changes (a trigger refuses any other change).
export const inventoryCostShortfalls = pgTable(
  'inventory_cost_shortfalls',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    variantId: uuid('variant_id').notNull(),
    moveId: uuid('move_id').notNull(),
    quantity: quantity('quantity').notNull(),
    unitCost: unitCost('unit_cost').notNull(),
    valueMinor: minor('value_minor').notNull(),
    quantityOpen: quantity('quantity_open').notNull(),
    valueOpenMinor: minor('value_open_minor').notNull(),
    postedAt: postedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    moveKey(t),
    uniqueIndex('inventory_cost_shortfalls_move_unique').on(t.companyId, t.moveId),
    index('inventory_cost_shortfalls_open_idx')
      .on(t.companyId, t.variantId, t.postedAt, t.id)
      .where(sql`${t.quantityOpen} > 0`),
    check('inventory_cost_shortfalls_quantity_check', sql`${t.quantity} > 0`),
    check(
      'inventory_cost_shortfalls_open_check',
      sql`${t.quantityOpen} >= 0 and ${t.quantityOpen} <= ${t.quantity}
          and (${t.quantityOpen} > 0 or ${t.valueOpenMinor} = 0)`,
    ),
    companyIsolation(),
  ],
).enableRLS();

// How shortfalls were closed (append-only): by the receipt whose goods settled them, or by the
// reversal of the move that went short; with the part of the estimate released.
export const inventoryShortfallSettlements = pgTable(
  'inventory_shortfall_settlements',
  {
    companyId: companyIdColumn(),
    id: uuid('id').notNull(),
    shortfallId: uuid('shortfall_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    moveId: uuid('move_id').notNull(),
    quantity: quantity('quantity').notNull(),
    valueMinor: minor('value_minor').notNull(),
    postedAt: postedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      columns: [t.companyId, t.shortfallId],
      foreignColumns: [inventoryCostShortfalls.companyId, inventoryCostShortfalls.id],
    }),
    moveKey(t),
    index('inventory_shortfall_settlements_shortfall_idx').on(t.companyId, t.shortfallId),
    check('inventory_shortfall_settlements_quantity_check', sql`${t.quantity} > 0`),
    companyIsolation(),
  ],
).enableRLS();
