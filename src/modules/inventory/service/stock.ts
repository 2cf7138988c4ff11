import { Decimal } from 'decimal.js';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { sqlViolations } from '../../../platform/checks.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import type { InvariantCheck } from '../../../platform/module.ts';
import type { Reservation, ReserveInput, StockLevel } from '../contracts.ts';
import { InventoryErrors } from '../errors.ts';
import { inventoryReservations, inventoryStock } from '../schema.ts';
import { loadLocations } from './locations.ts';

type StockRow = typeof inventoryStock.$inferSelect;
type ReservationRow = typeof inventoryReservations.$inferSelect;

const toLevel = (r: StockRow): StockLevel => ({
  variantId: r.variantId,
  locationId: r.locationId,
  warehouseId: r.warehouseId,
  onHand: new Decimal(r.quantityOnHand).toString(),
  reserved: new Decimal(r.quantityReserved).toString(),
  available: new Decimal(r.quantityOnHand).minus(r.quantityReserved).toString(),
  negativeFlagged: r.negativeFlagged,
});

const toReservation = (r: ReservationRow): Reservation => ({
  id: r.id,
  variantId: r.variantId,
  locationId: r.locationId,
  quantity: new Decimal(r.quantity).toString(),
  referenceType: r.referenceType,
  referenceId: r.referenceId,
  releasedAt: r.releasedAt?.toISOString() ?? null,
});

export async function stockLevels(
  db: Executor,
  companyId: string,
  filter: {
    variantId?: string | undefined;
    warehouseId?: string | undefined;
    locationId?: string | undefined;
    negativeOnly?: boolean;
  },
): Promise<StockLevel[]> {
  const conditions: (SQL | undefined)[] = [
    eq(inventoryStock.companyId, companyId),
    filter.variantId ? eq(inventoryStock.variantId, filter.variantId) : undefined,
    filter.warehouseId ? eq(inventoryStock.warehouseId, filter.warehouseId) : undefined,
    filter.locationId ? eq(inventoryStock.locationId, filter.locationId) : undefined,
    filter.negativeOnly ? eq(inventoryStock.negativeFlagged, true) : undefined,
  ];
  const rows = await db
    .select()
    .from(inventoryStock)
    .where(and(...conditions))
    .orderBy(inventoryStock.warehouseId, inventoryStock.variantId, inventoryStock.locationId)
    .limit(1000);
  return rows.map(toLevel);
}

/** Promises stock to an order line: refused when on hand − reserved would not cover it. */
export async function reserve(tx: Tx, input: ReserveInput): Promise<Reservation> {
  const [location] = await loadLocations(tx.db, tx.ctx.companyId, [input.locationId]);
  if (!location) throw InventoryErrors.location_not_found(`no location has the id ${input.locationId}`);
  if (location.kind !== 'internal') throw InventoryErrors.location_not_internal();
  const updated = await tx.db
    .update(inventoryStock)
    .set({
      quantityReserved: sql`${inventoryStock.quantityReserved} + ${input.quantity}::numeric`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(inventoryStock.companyId, tx.ctx.companyId),
        eq(inventoryStock.variantId, input.variantId),
        eq(inventoryStock.locationId, input.locationId),
        sql`${inventoryStock.quantityOnHand} - ${inventoryStock.quantityReserved} >= ${input.quantity}::numeric`,
      ),
    )
    .returning({ variantId: inventoryStock.variantId });
  if (updated.length === 0) {
    throw InventoryErrors.insufficient_stock(
      `not enough of ${input.variantId} available in ${location.name} to reserve ${input.quantity}`,
    );
  }
  const [row] = await tx.db
    .insert(inventoryReservations)
    .values({ companyId: tx.ctx.companyId, id: newId(), ...input })
    .returning();
  tx.audit('inventory.reservation', row!.id, 'create', { quantity: { old: null, new: input.quantity } });
  return toReservation(row!);
}

export async function releaseReservation(tx: Tx, id: string): Promise<Reservation> {
  const [row] = await tx.db
    .update(inventoryReservations)
    .set({ releasedAt: new Date() })
    .where(
      and(
        eq(inventoryReservations.companyId, tx.ctx.companyId),
        eq(inventoryReservations.id, id),
        isNull(inventoryReservations.releasedAt),
      ),
    )
    .returning();
  if (!row) {
    const [exists] = await tx.db
      .select({ id: inventoryReservations.id })
      .from(inventoryReservations)
      .where(and(eq(inventoryReservations.companyId, tx.ctx.companyId), eq(inventoryReservations.id, id)));
    throw exists
      ? InventoryErrors.reservation_released()
      : InventoryErrors.reservation_not_found(`no reservation has the id ${id}`);
  }
  await tx.db
    .update(inventoryStock)
    .set({
      quantityReserved: sql`${inventoryStock.quantityReserved} - ${row.quantity}::numeric`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(inventoryStock.companyId, tx.ctx.companyId),
        eq(inventoryStock.variantId, row.variantId),
        eq(inventoryStock.locationId, row.locationId),
      ),
    );
  tx.audit('inventory.reservation', id, 'release', {
    releasedAt: { old: null, new: row.releasedAt?.toISOString() },
  });
  return toReservation(row);
}

export const inventoryChecks: InvariantCheck[] = [
  {
    name: 'stock on hand equals the sum of the stock moves',
    run: (database) =>
      sqlViolations(
        database,
        sql`with ledger as (
              select flows.company_id, flows.variant_id, flows.location_id, sum(flows.quantity) as quantity from (
                select m.company_id, m.variant_id, m.to_location_id as location_id, m.quantity from inventory_moves m
                union all
                select m.company_id, m.variant_id, m.from_location_id, -m.quantity from inventory_moves m
              ) flows
              join inventory_locations l on l.company_id = flows.company_id and l.id = flows.location_id and l.kind = 'internal'
              group by 1, 2, 3)
            select coalesce(s.company_id, l.company_id) as company_id, coalesce(s.variant_id, l.variant_id) as variant_id,
                   coalesce(s.location_id, l.location_id) as location_id, s.quantity_on_hand::text as on_hand, l.quantity::text as ledger
              from inventory_stock s
              full join ledger l on l.company_id = s.company_id and l.variant_id = s.variant_id and l.location_id = s.location_id
             where coalesce(s.quantity_on_hand, 0) <> coalesce(l.quantity, 0)
             limit 100`,
        (r) =>
          `company ${r.company_id}: variant ${r.variant_id} at ${r.location_id} has ${r.on_hand ?? 0} on hand, moves say ${r.ledger ?? 0}`,
      ),
  },
  {
    name: 'reserved stock equals the open reservations',
    run: (database) =>
      sqlViolations(
        database,
        sql`select s.company_id, s.variant_id, s.location_id, s.quantity_reserved::text as reserved, coalesce(r.quantity, 0)::text as open
              from inventory_stock s
              left join (select company_id, variant_id, location_id, sum(quantity) as quantity from inventory_reservations
                          where released_at is null group by 1, 2, 3) r
                on r.company_id = s.company_id and r.variant_id = s.variant_id and r.location_id = s.location_id
             where s.quantity_reserved <> coalesce(r.quantity, 0)
             limit 100`,
        (r) =>
          `company ${r.company_id}: variant ${r.variant_id} at ${r.location_id} has ${r.reserved} reserved, reservations say ${r.open}`,
      ),
  },
  {
    name: 'no stock below zero, except flagged for the stock manager',
    run: (database) =>
      sqlViolations(
        database,
        sql`select company_id, variant_id, location_id, quantity_on_hand::text as on_hand, negative_flagged
              from inventory_stock where quantity_on_hand < 0 limit 100`,
        (r) =>
          r.negative_flagged
            ? `company ${r.company_id}: variant ${r.variant_id} at ${r.location_id} is at ${r.on_hand} (recorded sale past zero; count and adjust)`
            : `company ${r.company_id}: variant ${r.variant_id} at ${r.location_id} is at ${r.on_hand} without a flag`,
      ),
  },
];
