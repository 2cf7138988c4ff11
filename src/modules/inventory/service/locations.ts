import { and, eq, inArray, isNull } from 'drizzle-orm';
import { diffRecords } from '../../../platform/audit/changes.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { pgErrorOf } from '../../../platform/db/pg-error.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import type { CreateLocationInput, CreateWarehouseInput, Location, Warehouse } from '../contracts.ts';
import { InventoryErrors } from '../errors.ts';
import { inventoryLocations, inventoryWarehouses } from '../schema.ts';

type LocationRow = typeof inventoryLocations.$inferSelect;
export type VirtualKind = 'supplier' | 'customer' | 'loss' | 'production' | 'transit';
const VIRTUAL_KINDS: VirtualKind[] = ['supplier', 'customer', 'loss', 'production', 'transit'];
const VIRTUAL_NAMES: Record<VirtualKind, string> = {
  supplier: 'Suppliers',
  customer: 'Customers',
  loss: 'Inventory loss',
  production: 'Production',
  transit: 'In transit',
};

export const toLocation = (r: LocationRow): Location => ({
  id: r.id,
  warehouseId: r.warehouseId,
  parentId: r.parentId,
  name: r.name,
  kind: r.kind,
});

/** The company's virtual locations, created on first use. */
export async function virtualLocations(tx: Tx): Promise<Record<VirtualKind, string>> {
  const existing = await tx.db
    .select()
    .from(inventoryLocations)
    .where(and(eq(inventoryLocations.companyId, tx.ctx.companyId), isNull(inventoryLocations.warehouseId)));
  const byKind = new Map(existing.filter((l) => !l.parentId).map((l) => [l.kind, l.id]));
  const missing = VIRTUAL_KINDS.filter((k) => !byKind.has(k));
  if (missing.length > 0) {
    const rows = missing.map((kind) => ({
      companyId: tx.ctx.companyId,
      id: newId(),
      name: VIRTUAL_NAMES[kind],
      kind,
    }));
    await tx.db.insert(inventoryLocations).values(rows).onConflictDoNothing();
    for (const row of rows) byKind.set(row.kind, row.id);
  }
  return Object.fromEntries(VIRTUAL_KINDS.map((k) => [k, byKind.get(k)!])) as Record<VirtualKind, string>;
}

/** A warehouse and its main internal location, "Stock". */
export async function createWarehouse(tx: Tx, input: CreateWarehouseInput): Promise<Warehouse> {
  const id = newId();
  await tx.db
    .insert(inventoryWarehouses)
    .values({
      companyId: tx.ctx.companyId,
      id,
      code: input.code,
      name: input.name,
      negativeStock: input.negativeStock,
      createdBy: tx.ctx.actor.id,
      updatedBy: tx.ctx.actor.id,
    })
    .catch((error) => {
      if (pgErrorOf(error)?.constraint === 'inventory_warehouses_code_unique') {
        throw InventoryErrors.warehouse_code_taken(`the code ${input.code} is taken`);
      }
      throw error;
    });
  const stockLocationId = newId();
  await tx.db.insert(inventoryLocations).values({
    companyId: tx.ctx.companyId,
    id: stockLocationId,
    warehouseId: id,
    name: 'Stock',
    kind: 'internal',
  });
  await virtualLocations(tx);
  const warehouse = {
    id,
    code: input.code,
    name: input.name,
    negativeStock: input.negativeStock,
    stockLocationId,
  };
  tx.audit('inventory.warehouse', id, 'create', diffRecords(null, warehouse));
  return warehouse;
}

export async function listWarehouses(db: Executor, companyId: string): Promise<Warehouse[]> {
  const warehouses = await db
    .select()
    .from(inventoryWarehouses)
    .where(eq(inventoryWarehouses.companyId, companyId))
    .orderBy(inventoryWarehouses.code);
  const roots = warehouses.length
    ? await db
        .select()
        .from(inventoryLocations)
        .where(
          and(
            eq(inventoryLocations.companyId, companyId),
            inArray(
              inventoryLocations.warehouseId,
              warehouses.map((w) => w.id),
            ),
            isNull(inventoryLocations.parentId),
            eq(inventoryLocations.name, 'Stock'),
          ),
        )
    : [];
  return warehouses.map((w) => ({
    id: w.id,
    code: w.code,
    name: w.name,
    negativeStock: w.negativeStock,
    stockLocationId: roots.find((r) => r.warehouseId === w.id)!.id,
  }));
}

export async function createLocation(tx: Tx, input: CreateLocationInput): Promise<Location> {
  const [warehouse] = await tx.db
    .select({ id: inventoryWarehouses.id })
    .from(inventoryWarehouses)
    .where(
      and(eq(inventoryWarehouses.companyId, tx.ctx.companyId), eq(inventoryWarehouses.id, input.warehouseId)),
    );
  if (!warehouse) throw InventoryErrors.warehouse_not_found(`no warehouse has the id ${input.warehouseId}`);
  if (input.parentId) {
    const [parent] = await loadLocations(tx.db, tx.ctx.companyId, [input.parentId]);
    if (!parent || parent.warehouseId !== input.warehouseId) {
      throw InventoryErrors.location_not_found(
        `no location ${input.parentId} in warehouse ${input.warehouseId}`,
      );
    }
  }
  const [row] = await tx.db
    .insert(inventoryLocations)
    .values({
      companyId: tx.ctx.companyId,
      id: newId(),
      warehouseId: input.warehouseId,
      parentId: input.parentId ?? null,
      name: input.name,
      kind: 'internal',
    })
    .returning();
  tx.audit('inventory.location', row!.id, 'create', diffRecords(null, toLocation(row!)));
  return toLocation(row!);
}

export type LocationInfo = LocationRow & { negativeStock: 'refuse' | 'allow' | null };

/** Locations with their warehouse's negative-stock policy. */
export async function loadLocations(db: Executor, companyId: string, ids: string[]): Promise<LocationInfo[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ location: inventoryLocations, negativeStock: inventoryWarehouses.negativeStock })
    .from(inventoryLocations)
    .leftJoin(
      inventoryWarehouses,
      and(
        eq(inventoryWarehouses.companyId, inventoryLocations.companyId),
        eq(inventoryWarehouses.id, inventoryLocations.warehouseId),
      ),
    )
    .where(and(eq(inventoryLocations.companyId, companyId), inArray(inventoryLocations.id, ids)));
  return rows.map((r) => ({ ...r.location, negativeStock: r.negativeStock }));
}

export async function listLocations(
  db: Executor,
  companyId: string,
  warehouseId?: string,
): Promise<Location[]> {
  const rows = await db
    .select()
    .from(inventoryLocations)
    .where(
      and(
        eq(inventoryLocations.companyId, companyId),
        warehouseId ? eq(inventoryLocations.warehouseId, warehouseId) : undefined,
      ),
    )
    .orderBy(inventoryLocations.kind, inventoryLocations.name);
  return rows.map(toLocation);
}
