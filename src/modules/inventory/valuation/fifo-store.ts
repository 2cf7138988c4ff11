// Reads and writes of the FIFO tables for one variant, under its valuation lock.
import { Decimal } from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/database.ts';
import type { Tx } from '../../../platform/db/tx.ts';
import { newId } from '../../../platform/ids.ts';
import {
  inventoryCostLayers,
  inventoryCostShortfalls,
  inventoryLayerConsumptions,
  inventoryShortfallSettlements,
} from '../schema.ts';
import type { LayerTake, OpenLayer, OpenShortfall, ShortfallRelease } from './fifo.ts';

export type LayerRow = typeof inventoryCostLayers.$inferSelect;
export type ShortfallRow = typeof inventoryCostShortfalls.$inferSelect;

/** The oldest open layers that together cover `quantity` (all of them when they do not). */
export async function openLayers(tx: Tx, variantId: string, quantity: Decimal): Promise<OpenLayer[]> {
  const rows = await queryRows<{ id: string; quantity_remaining: string; value_remaining_minor: number }>(
    tx.db,
    sql`select id, quantity_remaining, value_remaining_minor from (
          select id, quantity_remaining, value_remaining_minor, posted_at,
                 coalesce(sum(quantity_remaining) over (order by posted_at, id
                          rows between unbounded preceding and 1 preceding), 0) as before
            from inventory_cost_layers
           where company_id = ${tx.ctx.companyId} and variant_id = ${variantId} and quantity_remaining > 0) l
         where before < ${quantity.toFixed()}::numeric
         order by posted_at, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    quantityRemaining: new Decimal(r.quantity_remaining),
    valueRemainingMinor: Number(r.value_remaining_minor),
  }));
}

/** Open shortfalls, oldest first. */
export async function openShortfalls(tx: Tx, variantId: string): Promise<OpenShortfall[]> {
  const rows = await tx.db
    .select()
    .from(inventoryCostShortfalls)
    .where(
      and(
        eq(inventoryCostShortfalls.companyId, tx.ctx.companyId),
        eq(inventoryCostShortfalls.variantId, variantId),
        sql`${inventoryCostShortfalls.quantityOpen} > 0`,
      ),
    )
    .orderBy(inventoryCostShortfalls.postedAt, inventoryCostShortfalls.id);
  return rows.map((r) => ({
    id: r.id,
    moveId: r.moveId,
    quantityOpen: new Decimal(r.quantityOpen),
    valueOpenMinor: r.valueOpenMinor,
  }));
}

type NewLot = { variantId: string; moveId: string; quantity: Decimal; unitCost: Decimal; valueMinor: number };

export async function insertLayer(tx: Tx, layer: NewLot): Promise<void> {
  await tx.db.insert(inventoryCostLayers).values({
    companyId: tx.ctx.companyId,
    id: newId(),
    variantId: layer.variantId,
    moveId: layer.moveId,
    quantity: layer.quantity.toFixed(),
    unitCost: layer.unitCost.toFixed(),
    valueMinor: layer.valueMinor,
    quantityRemaining: layer.quantity.toFixed(),
    valueRemainingMinor: layer.valueMinor,
  });
}

export async function insertShortfall(tx: Tx, shortfall: NewLot): Promise<void> {
  await tx.db.insert(inventoryCostShortfalls).values({
    companyId: tx.ctx.companyId,
    id: newId(),
    variantId: shortfall.variantId,
    moveId: shortfall.moveId,
    quantity: shortfall.quantity.toFixed(),
    unitCost: shortfall.unitCost.toFixed(),
    valueMinor: shortfall.valueMinor,
    quantityOpen: shortfall.quantity.toFixed(),
    valueOpenMinor: shortfall.valueMinor,
  });
}

/**
 * Records takes from layers (negative ones put goods back) and lowers what the layers have left.
 * A take on behalf of another move than the one being posted is a late one: settled by this move.
 */
export async function applyTakes(tx: Tx, variantId: string, postingMoveId: string, takes: LayerTake[]) {
  if (takes.length === 0) return;
  await tx.db.insert(inventoryLayerConsumptions).values(
    takes.map((t) => ({
      companyId: tx.ctx.companyId,
      id: newId(),
      layerId: t.layerId,
      variantId,
      moveId: t.moveId,
      settledByMoveId: t.moveId === postingMoveId ? null : postingMoveId,
      quantity: t.quantity.toFixed(),
      valueMinor: t.valueMinor,
    })),
  );
  for (const [layerId, { quantity, valueMinor }] of netByKey(takes.map((t) => [t.layerId, t]))) {
    await tx.db
      .update(inventoryCostLayers)
      .set({
        quantityRemaining: sql`${inventoryCostLayers.quantityRemaining} - ${quantity.toFixed()}::numeric`,
        valueRemainingMinor: sql`${inventoryCostLayers.valueRemainingMinor} - ${valueMinor}`,
      })
      .where(and(eq(inventoryCostLayers.companyId, tx.ctx.companyId), eq(inventoryCostLayers.id, layerId)));
  }
}

/** Records shortfalls closed by this move and lowers what they have open. */
export async function applyReleases(
  tx: Tx,
  variantId: string,
  postingMoveId: string,
  releases: ShortfallRelease[],
) {
  if (releases.length === 0) return;
  await tx.db.insert(inventoryShortfallSettlements).values(
    releases.map((r) => ({
      companyId: tx.ctx.companyId,
      id: newId(),
      shortfallId: r.shortfallId,
      variantId,
      moveId: postingMoveId,
      quantity: r.quantity.toFixed(),
      valueMinor: r.valueMinor,
    })),
  );
  for (const [shortfallId, { quantity, valueMinor }] of netByKey(releases.map((r) => [r.shortfallId, r]))) {
    await tx.db
      .update(inventoryCostShortfalls)
      .set({
        quantityOpen: sql`${inventoryCostShortfalls.quantityOpen} - ${quantity.toFixed()}::numeric`,
        valueOpenMinor: sql`${inventoryCostShortfalls.valueOpenMinor} - ${valueMinor}`,
      })
      .where(
        and(
          eq(inventoryCostShortfalls.companyId, tx.ctx.companyId),
          eq(inventoryCostShortfalls.id, shortfallId),
        ),
      );
  }
}

export async function layerOfMove(tx: Tx, moveId: string): Promise<LayerRow | undefined> {
  const [row] = await tx.db
    .select()
    .from(inventoryCostLayers)
    .where(and(eq(inventoryCostLayers.companyId, tx.ctx.companyId), eq(inventoryCostLayers.moveId, moveId)));
  return row;
}

export async function shortfallOfMove(tx: Tx, moveId: string): Promise<ShortfallRow | undefined> {
  const [row] = await tx.db
    .select()
    .from(inventoryCostShortfalls)
    .where(
      and(
        eq(inventoryCostShortfalls.companyId, tx.ctx.companyId),
        eq(inventoryCostShortfalls.moveId, moveId),
      ),
    );
  return row;
}

/** What a move took from each layer, net of anything put back, late takes included. */
export async function takenByMove(tx: Tx, moveId: string): Promise<LayerTake[]> {
  const rows = await queryRows<{ layer_id: string; quantity: string; value_minor: number }>(
    tx.db,
    sql`select layer_id, sum(quantity)::text as quantity, sum(value_minor)::bigint as value_minor
          from inventory_layer_consumptions
         where company_id = ${tx.ctx.companyId} and move_id = ${moveId}
         group by layer_id
        having sum(quantity) <> 0 or sum(value_minor) <> 0
         order by layer_id`,
  );
  return rows.map((r) => ({
    layerId: r.layer_id,
    moveId,
    quantity: new Decimal(r.quantity),
    valueMinor: Number(r.value_minor),
  }));
}

function netByKey(items: [string, { quantity: Decimal; valueMinor: number }][]) {
  const net = new Map<string, { quantity: Decimal; valueMinor: number }>();
  for (const [key, { quantity, valueMinor }] of items) {
    const current = net.get(key) ?? { quantity: new Decimal(0), valueMinor: 0 };
    net.set(key, { quantity: current.quantity.plus(quantity), valueMinor: current.valueMinor + valueMinor });
  }
  return net;
}
